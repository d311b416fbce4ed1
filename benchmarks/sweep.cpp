// benchmarks/sweep.cpp: a 1,000-job sweep of the MusicGen development
// profile (2 model group choices x 25 api.workers x 20 max_batch_size, each
// value checked once, every job composed from the profile's files and
// validated) against 1,000 ordinary loads of the same configuration: the
// ratio is the sweep's cost per job over one load. Target: <= 1.2.
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <strata/experiments.hpp>
#include <strata/load.hpp>

#include "musicgen_config.hpp"
#include "musicgen_context.hpp"
#include "ratio.hpp"

namespace {

constexpr int jobs = 1000;

void BM_sweep_1000_jobs(benchmark::State& state) {
  const strata::configuration ctx = strata_bench::musicgen_context();
  for (auto _ : state) {
    auto planned = strata::sweep<musicgen::MusicGenConfig>(
        ctx, {"model=musicgen_small,musicgen_medium", "api.workers=range(1,26)", "generation.max_batch_size=range(1,21)"});
    if (planned.size() != jobs || strata::count_invalid(planned) != 0) state.SkipWithError("the sweep is not 1,000 valid jobs");
    benchmark::DoNotOptimize(planned);
  }
}

void BM_1000_loads(benchmark::State& state) {
  const strata::configuration ctx = strata_bench::musicgen_context();
  for (auto _ : state) {
    for (int i = 0; i < jobs; ++i) {
      strata::result<musicgen::MusicGenConfig> r = ctx.load<musicgen::MusicGenConfig>();
      if (!r.ok()) state.SkipWithError(strata::format(r.diagnostics()).c_str());
      benchmark::DoNotOptimize(r);
    }
  }
}

}  // namespace

BENCHMARK(BM_sweep_1000_jobs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_1000_loads)->Unit(benchmark::kMillisecond);

STRATA_BENCHMARK_MAIN_WITH_RATIOS({"sweep per job / one load", "BM_sweep_1000_jobs", "BM_1000_loads", 1.2});
