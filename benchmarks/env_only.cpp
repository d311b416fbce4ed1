// benchmarks/env_only.cpp: a 100-leaf configuration (4 sections of 25 ints
// with a range, doubles, bools and strings) from environment variables only:
// strata (env()) against hand-written getenv code with the same conversions
// and checks (handwritten/env100_plain.hpp). Target: strata / hand-written <= 2.0.
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <strata/load.hpp>

#include "handwritten/env100_plain.hpp"
#include "handwritten/env100_strata.hpp"
#include "ratio.hpp"

namespace {

void BM_strata_env_only(benchmark::State& state) {
  env100::set_env100();
  const strata::configuration ctx{strata::env()};
  for (auto _ : state) {
    strata::result<env100::Config> r = ctx.load<env100::Config>();
    if (!r.ok()) state.SkipWithError(strata::format(r.diagnostics()).c_str());
    benchmark::DoNotOptimize(r);
  }
}

void BM_handwritten_env_only(benchmark::State& state) {
  env100::set_env100();
  std::vector<std::string> errors;
  for (auto _ : state) {
    env100::plain::Config c;
    errors.clear();
    env100::load_env(c, errors);
    if (!errors.empty()) state.SkipWithError(errors.front().c_str());
    benchmark::DoNotOptimize(c);
  }
}

}  // namespace

BENCHMARK(BM_strata_env_only);
BENCHMARK(BM_handwritten_env_only);

STRATA_BENCHMARK_MAIN_WITH_RATIOS({"env-only strata/hand-written", "BM_strata_env_only", "BM_handwritten_env_only", 2.0});
