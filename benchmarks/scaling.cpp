// benchmarks/scaling.cpp: the cost of binding against the number of leaves.
// Generated configurations of 100, 1,000 and 5,000 leaves (nested structs of
// at most 50 members, generate_scaling.cmake) are bound from parsed tables;
// every benchmark iteration binds 5,000 leaves in all (50 loads of the
// 100-leaf configuration, 5 of the 1,000-leaf one, 1 of the 5,000-leaf one),
// so linear growth shows as equal times. Target: each ratio <= 1.3.
#include <memory>
#include <string>

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
  const strata::configuration ctx(
      strata::toml_table(std::make_shared<const toml::table>(toml::parse(document)), "scaling"));
  const int loads = 5000 / leaves;
  for (auto _ : state) {
    for (int i = 0; i < loads; ++i) {
      strata::result<Root> r = ctx.load<Root>();
      if (!r.ok()) state.SkipWithError(strata::format(r.diagnostics()).c_str());
      benchmark::DoNotOptimize(r);
    }
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
