// strata_engine.cpp: strata's engine, compiled once for this program
// (STRATA_SEPARATE_COMPILATION is defined for every file of the target).
#include <strata/src.hpp>
