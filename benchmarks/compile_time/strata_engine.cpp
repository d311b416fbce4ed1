// The engine, compiled once per program under STRATA_SEPARATE_COMPILATION.
#include <strata/src.hpp>
