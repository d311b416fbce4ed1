// benchmarks/compile_time/load_handwritten.cpp: the cost of compiling the
// hand-written MusicGen loader (toml++ as Debian's compiled library; the
// baseline of load_strata.cpp); see benchmarks/compile_time.sh.
#include "handwritten/musicgen_loader.hpp"

bool load_musicgen(const std::vector<std::filesystem::path>& files, plain::MusicGenConfig& c,
                   std::vector<std::string>& errors) {
  return load_full(files, c, errors);
}
