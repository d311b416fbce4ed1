// strata_engine.cpp: strata's engine, compiled once for this program, in a
// file of its own: editing main.cpp or a configuration does not recompile it.
#include <strata/src.hpp>
