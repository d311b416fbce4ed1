// strata/detail/cold.hpp: STRATA_COLD, for functions off the hot paths.
#pragma once

// Marks a function that reports a problem or handles a rare case: kept out
// of line, it does not weigh on the hot paths that call it.
#if defined(__GNUC__) || defined(__clang__)
#define STRATA_COLD [[gnu::cold, gnu::noinline]]
#else
#define STRATA_COLD
#endif
