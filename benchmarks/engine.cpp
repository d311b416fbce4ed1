// benchmarks/engine.cpp: strata's engine, compiled once for every benchmark
// program.
#include <strata/src.hpp>
