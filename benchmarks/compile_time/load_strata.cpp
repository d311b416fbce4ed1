// benchmarks/compile_time/load_strata.cpp: the cost of compiling strata's
// load of the MusicGen configuration (the translation unit that calls
// load<T>()); compared with load_handwritten.cpp by benchmarks/compile_time.sh.
#include <strata/load.hpp>

#include "musicgen_config.hpp"

strata::result<musicgen::MusicGenConfig> load_musicgen(const strata::configuration& c) {
  return c.load<musicgen::MusicGenConfig>();
}
