// strata/detail/config.hpp: how strata's compiled part is built.
//
// By default strata is header-only: the engine (reading sources, decoding,
// reports) is defined inline in <strata/load.hpp>, so the translation unit
// that loads a configuration also compiles the engine. A project that
// defines STRATA_SEPARATE_COMPILATION everywhere compiles the engine once,
// in the one source file that includes <strata/src.hpp>; loading
// translation units then parse only declarations and the per-type tables.
#pragma once

#ifdef STRATA_SEPARATE_COMPILATION
#define STRATA_API
#else
#define STRATA_API inline
#endif

// Marks a function that reports a problem or handles a rare case: kept out
// of line, it does not weigh on the hot paths that call it.
#if defined(__GNUC__) || defined(__clang__)
#define STRATA_COLD [[gnu::cold, gnu::noinline]]
#else
#define STRATA_COLD
#endif
