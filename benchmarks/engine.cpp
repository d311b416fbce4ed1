// benchmarks/engine.cpp: strata's engine, compiled once for every benchmark
// program (STRATA_SEPARATE_COMPILATION).
#include <strata/src.hpp>
