// strata/src.hpp: strata's engine (reading sources, merging, decoding,
// validating, reports). Include it in exactly one source file of each
// program, as with Boost.JSON's src.hpp or doctest's implementation:
//
//     // main.cpp (or a file of its own, strata.cpp)
//     #include <strata/src.hpp>
//
// The engine does not depend on any configuration type, so it compiles once
// and is not recompiled when a configuration struct changes; every other
// file includes only declarations (<strata/strata.hpp>, <strata/load.hpp>).
#pragma once

#include <strata/configuration.ipp>
#include <strata/detail/any_table.ipp>
#include <strata/detail/pattern.ipp>

namespace strata::detail {
extern const char include_strata_src_hpp_in_exactly_one_source_file = 0;
}  // namespace strata::detail
