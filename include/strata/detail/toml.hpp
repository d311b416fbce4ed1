// strata/detail/toml.hpp: toml++ as the compiled library Debian ships, so
// loading translation units do not pay for its implementation.
#pragma once

#ifndef TOML_HEADER_ONLY
#define TOML_HEADER_ONLY 0
#endif
#ifndef TOML_SHARED_LIB
#define TOML_SHARED_LIB 1
#endif
#include <toml++/toml.h>
