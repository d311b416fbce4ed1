// benchmarks/compile_time/decl_strata.cpp: the cost of declaring the MusicGen
// configuration with strata: what code that only uses the configuration
// includes (musicgen_config.hpp, which includes only <strata/strata.hpp>).
// Compared with decl_plain.cpp by benchmarks/compile_time.sh.
#include "musicgen_config.hpp"

musicgen::MusicGenConfig make_musicgen_config() { return {}; }
