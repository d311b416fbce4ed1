// strata's engine, compiled once for both test programs.
#include <strata/src.hpp>
