// benchmarks/full_load.cpp: a full load of the MusicGen configuration from
// three TOML files (app/base.toml, model/musicgen_small.toml,
// infrastructure/local.toml, with `${VAR:default}` interpolation) and 20
// environment variables: strata (toml_file x3 + env()) against hand-written
// toml++ and getenv code doing the same work (handwritten/musicgen_loader.hpp).
// Target: strata / hand-written <= 1.15 (parsing dominates).
#include <filesystem>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <strata/load.hpp>

#include "handwritten/musicgen_env.hpp"
#include "handwritten/musicgen_loader.hpp"
#include "musicgen_config.hpp"
#include "ratio.hpp"

#ifndef MUSICGEN_CONFIGS
#define MUSICGEN_CONFIGS "examples/musicgen/configs"
#endif

namespace {

const std::vector<std::filesystem::path> files = {MUSICGEN_CONFIGS "/app/base.toml",
                                                  MUSICGEN_CONFIGS "/model/musicgen_small.toml",
                                                  MUSICGEN_CONFIGS "/infrastructure/local.toml"};

void BM_strata_full_load(benchmark::State& state) {
  plain::set_musicgen_env();
  const strata::configuration ctx{strata::toml_file(files[0]), strata::toml_file(files[1]),
                                  strata::toml_file(files[2]), strata::env()};
  for (auto _ : state) {
    strata::result<musicgen::MusicGenConfig> r = ctx.load<musicgen::MusicGenConfig>();
    if (!r.ok()) state.SkipWithError(strata::format(r.diagnostics()).c_str());
    benchmark::DoNotOptimize(r);
  }
}

void BM_handwritten_full_load(benchmark::State& state) {
  plain::set_musicgen_env();
  std::vector<std::string> errors;
  for (auto _ : state) {
    plain::MusicGenConfig c;
    errors.clear();
    if (!plain::load_full(files, c, errors)) state.SkipWithError(errors.front().c_str());
    benchmark::DoNotOptimize(c);
  }
}

}  // namespace

BENCHMARK(BM_strata_full_load);
BENCHMARK(BM_handwritten_full_load);

STRATA_BENCHMARK_MAIN_WITH_RATIOS({"full load strata/hand-written", "BM_strata_full_load", "BM_handwritten_full_load",
                                   1.15});
