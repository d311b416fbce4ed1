// benchmarks/yaml_load.cpp: the MusicGen `development` profile loaded from
// YAML (examples/musicgen/configs_yaml: base, the profile file and the
// model and infrastructure files its defaults list composes) against the
// same configuration from TOML (examples/musicgen/configs), with the same
// injected environment. Both give the same values (tests/musicgen_yaml_test.cpp).
// Target: YAML / TOML <= 2.0 (yaml-cpp's parser against toml++'s).
#include <filesystem>
#include <map>
#include <string>

#include <benchmark/benchmark.h>

#include <strata/load.hpp>
#include <strata/sources/yaml.hpp>

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

void BM_yaml_development(benchmark::State& state) { load(state, configs.parent_path() / "configs_yaml" / "app"); }
void BM_toml_development(benchmark::State& state) { load(state, configs / "app"); }

}  // namespace

BENCHMARK(BM_yaml_development);
BENCHMARK(BM_toml_development);

STRATA_BENCHMARK_MAIN_WITH_RATIOS({"musicgen development YAML/TOML", "BM_yaml_development", "BM_toml_development",
                                   2.0});
