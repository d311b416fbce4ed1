// benchmarks/scaling.cpp: the cost of binding against the number of leaves.
// Generated configurations of 100, 1,000 and 5,000 leaves (nested structs of
// at most 50 members, generate_scaling.cmake) are bound from parsed tables;
// every benchmark iteration binds 5,000 leaves in all (50 loads of the
// 100-leaf configuration, each from its own table, 5 of the 1,000-leaf one,
// 1 of the 5,000-leaf one), so linear growth shows as equal times.
// Target: each ratio <= 1.3.
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <strata/load.hpp>
#include <toml++/toml.h>

#include "ratio.hpp"
#include "scale100.hpp"
#include "scale1000.hpp"
#include "scale5000.hpp"

namespace {

template <class Root>
void bind_leaves(benchmark::State& state, const std::string& document, int leaves) {
  // One parsed table per load, so every size touches 5,000 leaves' worth of
  // distinct memory per iteration: what is compared is strata's work, not
  // how much of the data fits in the caches.
  std::vector<strata::configuration> contexts;
  for (int i = 0; i < 5000 / leaves; ++i)
    contexts.emplace_back(
        strata::toml_table(std::make_shared<const toml::table>(toml::parse(document)), "scaling"));
  // The results of one iteration live until its end, for the same reason.
  std::vector<strata::result<Root>> results;
  results.reserve(contexts.size());
  for (auto _ : state) {
    for (const strata::configuration& ctx : contexts) {
      results.push_back(ctx.load<Root>());
      if (!results.back().ok()) state.SkipWithError(strata::format(results.back().diagnostics()).c_str());
    }
    benchmark::DoNotOptimize(results.data());
    results.clear();
  }
  state.counters["ns_per_leaf"] = benchmark::Counter(5000.0, benchmark::Counter::kIsIterationInvariantRate |
                                                                 benchmark::Counter::kInvert);
}

void BM_bind_5000_leaves_as_50x100(benchmark::State& state) {
  bind_leaves<scale100::Root>(state, scale100::scaling_toml(), 100);
}
void BM_bind_5000_leaves_as_5x1000(benchmark::State& state) {
  bind_leaves<scale1000::Root>(state, scale1000::scaling_toml(), 1000);
}
void BM_bind_5000_leaves_as_1x5000(benchmark::State& state) {
  bind_leaves<scale5000::Root>(state, scale5000::scaling_toml(), 5000);
}

}  // namespace

BENCHMARK(BM_bind_5000_leaves_as_50x100);
BENCHMARK(BM_bind_5000_leaves_as_5x1000);
BENCHMARK(BM_bind_5000_leaves_as_1x5000);

STRATA_BENCHMARK_MAIN_WITH_RATIOS(
    {"1,000 leaves vs 100 (per leaf)", "BM_bind_5000_leaves_as_5x1000", "BM_bind_5000_leaves_as_50x100", 1.3},
    {"5,000 leaves vs 1,000 (per leaf)", "BM_bind_5000_leaves_as_1x5000", "BM_bind_5000_leaves_as_5x1000", 1.3});
