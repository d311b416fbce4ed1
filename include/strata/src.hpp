// strata/src.hpp: strata's engine. Header-only builds get it through
// <strata/load.hpp>; with STRATA_SEPARATE_COMPILATION defined project-wide,
// include this header in exactly one source file instead:
//
//     // strata.cpp
//     #include <strata/src.hpp>
#pragma once

#include <strata/configuration.ipp>
#include <strata/detail/pattern.ipp>
