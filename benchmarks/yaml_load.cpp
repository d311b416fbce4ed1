// benchmarks/yaml_load.cpp: the MusicGen `development` profile loaded from
// YAML (examples/musicgen/configs_yaml: base, the profile file and the
// model and infrastructure files its defaults list composes) against the
// same configuration from TOML (examples/musicgen/configs), with the same
// injected environment. Both give the same values (tests/musicgen_yaml_test.cpp).
// The parsers alone (yaml-cpp and toml++ on the files each load reads) say
// how much of the difference is theirs. Targets: strata's YAML load over
// yaml-cpp's parse alone <= 1.5 (what strata adds); YAML / TOML <= 2.0.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <strata/load.hpp>
#include <strata/sources/yaml.hpp>
#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include "musicgen_config.hpp"
#include "ratio.hpp"

namespace {

#ifndef MUSICGEN_CONFIGS
#define MUSICGEN_CONFIGS "examples/musicgen/configs"
#endif

const std::filesystem::path configs = MUSICGEN_CONFIGS;

strata::configuration context(const std::filesystem::path& app_dir) {
  return strata::configuration(strata::profile(app_dir, "development"),
                               strata::env(std::map<std::string, std::string>{
                                   {"JWT_SECRET", "dev-only-secret-never-printed-0123456789"},
                                   {"REDIS_PORT", "6380"},
                                   {"MUSICGEN_API__PORT", "8080"}}));
}

void load(benchmark::State& state, const std::filesystem::path& app_dir) {
  const strata::configuration ctx = context(app_dir);
  for (auto _ : state) {
    strata::result<musicgen::MusicGenConfig> r = ctx.load<musicgen::MusicGenConfig>();
    if (!r.ok()) state.SkipWithError(strata::format(r.diagnostics()).c_str());
    benchmark::DoNotOptimize(r);
  }
}

const std::filesystem::path yaml_app = configs.parent_path() / "configs_yaml" / "app";
const std::filesystem::path toml_app = configs / "app";

void BM_yaml_development(benchmark::State& state) { load(state, yaml_app); }
void BM_toml_development(benchmark::State& state) { load(state, toml_app); }

/// The files a load of `app_dir` reads (the profile's composition).
std::vector<std::filesystem::path> files_read(const std::filesystem::path& app_dir) {
  std::vector<std::filesystem::path> files;
  (void)context(app_dir).load<musicgen::MusicGenConfig>(&files);
  return files;
}

void BM_yaml_cpp_parse_only(benchmark::State& state) {
  const std::vector<std::filesystem::path> files = files_read(yaml_app);
  for (auto _ : state)
    for (const auto& f : files) benchmark::DoNotOptimize(YAML::LoadFile(f.string()));
}
void BM_toml_plus_plus_parse_only(benchmark::State& state) {
  const std::vector<std::filesystem::path> files = files_read(toml_app);
  for (auto _ : state)
    for (const auto& f : files) benchmark::DoNotOptimize(toml::parse_file(f.string()));
}

}  // namespace

BENCHMARK(BM_yaml_development);
BENCHMARK(BM_toml_development);
BENCHMARK(BM_yaml_cpp_parse_only);
BENCHMARK(BM_toml_plus_plus_parse_only);

STRATA_BENCHMARK_MAIN_WITH_RATIOS(
    {"musicgen development YAML load / yaml-cpp parse alone", "BM_yaml_development", "BM_yaml_cpp_parse_only", 1.5},
    {"musicgen development YAML/TOML", "BM_yaml_development", "BM_toml_development", 2.0},
    {"parsers alone yaml-cpp/toml++ (for reference)", "BM_yaml_cpp_parse_only", "BM_toml_plus_plus_parse_only",
     2.0});
