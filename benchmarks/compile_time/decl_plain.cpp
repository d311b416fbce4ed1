// benchmarks/compile_time/decl_plain.cpp: the cost of declaring the MusicGen
// configuration as plain structs (baseline of decl_strata.cpp); see
// benchmarks/compile_time.sh.
#include "handwritten/musicgen_plain.hpp"

plain::MusicGenConfig make_musicgen_config() { return {}; }
