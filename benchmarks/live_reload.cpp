// benchmarks/live_reload.cpp: what changing the MusicGen configuration at
// run time costs (the `development` profile of examples/musicgen/configs:
// four files through composition, interpolation, an injected environment,
// ~90 leaves, validation rules).
//
//   BM_load_musicgen          configuration::load<T>(): read, merge, decode, validate
//   BM_live_reload_unchanged  live<T>::reload() when nothing changed: a load
//                             plus comparing every leaf; no swap, no callback
//   BM_live_set_changed       live<T>::set() that changes one leaf: a load, the
//                             comparison, a copy into the new snapshot, the swap
//                             and one on_change callback
//   BM_watch_poll             one poll of the watcher when nothing changed:
//                             the fingerprint of every watched file
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <strata/runtime/live.hpp>

#include "musicgen_context.hpp"

namespace {

using config = musicgen::MusicGenConfig;

void BM_load_musicgen(benchmark::State& state) {
  const strata::configuration ctx = strata_bench::musicgen_context();
  for (auto _ : state) {
    strata::result<config> r = ctx.load<config>();
    if (!r.ok()) state.SkipWithError("the MusicGen configuration does not load");
    benchmark::DoNotOptimize(r);
  }
}

void BM_live_reload_unchanged(benchmark::State& state) {
  strata::live<config> live(strata_bench::musicgen_context());
  for (auto _ : state) {
    strata::result<config> r = live.reload();
    if (!r.ok()) state.SkipWithError("reload failed");
    benchmark::DoNotOptimize(r);
  }
}

void BM_live_set_changed(benchmark::State& state) {
  strata::live<config> live(strata_bench::musicgen_context());
  std::size_t changes = 0;
  live.on_change([&](const auto&, const auto&, const std::vector<std::string>& paths) { changes += paths.size(); });
  bool odd = false;
  for (auto _ : state) {
    odd = !odd;
    strata::result<config> r = live.set({odd ? "api.workers=3" : "api.workers=5"});
    if (!r.ok()) state.SkipWithError("set failed");
    benchmark::DoNotOptimize(r);
  }
  state.counters["changed_leaves_per_call"] =
      benchmark::Counter(static_cast<double>(changes), benchmark::Counter::kAvgIterations);
}

void BM_watch_poll(benchmark::State& state) {
  strata::live<config> live(strata_bench::musicgen_context());
  const auto files = live.watched_files();
  for (auto _ : state) {
    auto fingerprint = strata::detail::fingerprint_of(live.watched_files());
    benchmark::DoNotOptimize(fingerprint);
  }
  state.counters["files"] = static_cast<double>(files.size());
}

BENCHMARK(BM_load_musicgen)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_live_reload_unchanged)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_live_set_changed)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_watch_poll)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
