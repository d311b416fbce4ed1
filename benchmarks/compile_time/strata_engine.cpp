// strata's engine, compiled once per program, whatever it configures.
#include <strata/src.hpp>
