// strata/check.hpp: `STRATA_CHECK(T)`, the compile-time schema check where a
// configuration is declared. A config header that includes this next to
// <strata/strata.hpp> reports a mistake in the declaration in every file
// that includes it, not only in the file that loads T.
#pragma once

#include <strata/schema/check.hpp>

/// Checks the schema of T (`strata::check_schema<T>()`) where it is written.
/// Write it at namespace scope after T's BOOST_DESCRIBE_STRUCT and
/// STRATA_CONFIGURED (its prefix and mapping decide the env names it
/// checks): `STRATA_CHECK(Http)`. A mistake is a compile error whose first
/// line names the struct, the field and the problem; see docs/diagnostics.md.
#define STRATA_CHECK(T) static_assert(::strata::check_schema<T>())
