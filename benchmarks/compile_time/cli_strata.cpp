// benchmarks/compile_time/cli_strata.cpp: load_strata.cpp plus the `config`
// subcommand (strata::cli::run) for the same configuration, as a program's
// main.cpp would have both; compared with load_strata.cpp by
// benchmarks/compile_time.sh (what including <strata/tools/cli.hpp> adds).
#include <filesystem>
#include <tuple>

#include <strata/load.hpp>
#include <strata/tools/cli.hpp>

#include "musicgen_config.hpp"

strata::result<musicgen::MusicGenConfig> load_musicgen(const strata::configuration& c) {
  return c.load<musicgen::MusicGenConfig>();
}

int config_main(int argc, char** argv, const std::filesystem::path& configs) {
  return strata::cli::run<musicgen::MusicGenConfig>(
      argc, argv,
      [&](const strata::cli::options& o) {
        return strata::cli::layered(std::tuple{strata::profile(configs / "app", o.profile)}, o.files,
                                    std::tuple{strata::env()});
      },
      {.program = "musicgen config", .profiles = configs / "app"});
}
