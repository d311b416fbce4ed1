// benchmarks/live_get.cpp: what reading the current configuration costs.
//
// live<T>::get() returns a std::shared_ptr<const T>, so the floor is copying
// (and dropping) a std::shared_ptr: BM_shared_ptr_copy. The two obvious ways
// to make that copy safe while another thread swaps the pointer are here too,
// for comparison: std::atomic<std::shared_ptr> (libstdc++ guards it with a
// spin lock) and a std::mutex. live<T>::get() checks a per-thread memo of
// the snapshot it last returned (an atomic stamp load and a weak_ptr lock)
// and only takes the mutex after a swap.
//
// The program starts (and joins) a thread before measuring: libstdc++ uses
// non-atomic reference counts in a process that never started one, and a
// program that uses live<T> is not such a process.
//
// After the runs it prints the ratio of each to BM_shared_ptr_copy (of the
// medians with --benchmark_repetitions=N; `make bench` uses 5: the numbers
// of one run on a shared machine vary by 10-20%).
#include <atomic>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include <benchmark/benchmark.h>

#include <strata/runtime/live.hpp>

#include "musicgen_context.hpp"

namespace {

using config = musicgen::MusicGenConfig;

strata::live<config>& shared_live() {
  static strata::live<config> live(strata_bench::musicgen_context());
  return live;
}

std::shared_ptr<const config>& shared_pointer() {
  static std::shared_ptr<const config> p = shared_live().get();
  return p;
}

void BM_shared_ptr_copy(benchmark::State& state) {
  const std::shared_ptr<const config>& p = shared_pointer();
  for (auto _ : state) {
    std::shared_ptr<const config> copy = p;
    benchmark::DoNotOptimize(copy);
  }
}

void BM_live_get(benchmark::State& state) {
  const strata::live<config>& live = shared_live();
  for (auto _ : state) {
    std::shared_ptr<const config> s = live.get();
    benchmark::DoNotOptimize(s);
  }
}

void BM_atomic_shared_ptr_load(benchmark::State& state) {
  static std::atomic<std::shared_ptr<const config>> current{shared_pointer()};
  for (auto _ : state) {
    std::shared_ptr<const config> s = current.load(std::memory_order_acquire);
    benchmark::DoNotOptimize(s);
  }
}

void BM_mutex_shared_ptr_copy(benchmark::State& state) {
  static std::mutex mutex;
  const std::shared_ptr<const config>& p = shared_pointer();
  for (auto _ : state) {
    std::shared_ptr<const config> s;
    {
      std::lock_guard lock(mutex);
      s = p;
    }
    benchmark::DoNotOptimize(s);
  }
}

/// get() right after every swap: the slow path (every 1000th read here).
void BM_live_get_after_swap(benchmark::State& state) {
  static strata::live<config> live(strata_bench::musicgen_context());
  int i = 0;
  for (auto _ : state) {
    if (++i == 1000) {
      state.PauseTiming();
      (void)live.set({i % 2 ? "api.workers=3" : "api.workers=5"});
      i = 0;
      state.ResumeTiming();
    }
    std::shared_ptr<const config> s = live.get();
    benchmark::DoNotOptimize(s);
  }
}

BENCHMARK(BM_shared_ptr_copy)->Threads(1)->Threads(2);
BENCHMARK(BM_live_get)->Threads(1)->Threads(2);
BENCHMARK(BM_atomic_shared_ptr_load)->Threads(1)->Threads(2);
BENCHMARK(BM_mutex_shared_ptr_copy)->Threads(1)->Threads(2);
BENCHMARK(BM_live_get_after_swap);

/// Remembers each run's time per iteration, to print ratios at the end.
class ratio_reporter : public benchmark::ConsoleReporter {
 public:
  ratio_reporter() : ConsoleReporter(OO_None) {}  // plain text: logs and CI

  /// Single runs, or the median of repetitions (--benchmark_repetitions=N).
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      if (r.error_occurred) continue;
      if (r.run_type == Run::RT_Iteration && !medians_.contains(r.run_name.str()))
        times_[r.run_name.str()] = r.GetAdjustedRealTime();
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name == "median") {
        times_[r.run_name.str()] = r.GetAdjustedRealTime();
        medians_.insert(r.run_name.str());
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void print_ratios() const {
    std::printf("\nRelative to copying a std::shared_ptr (same thread count):\n");
    for (const char* threads : {"threads:1", "threads:2"}) {
      auto base = times_.find(std::string("BM_shared_ptr_copy/") + threads);
      if (base == times_.end()) continue;
      for (const char* name : {"BM_live_get", "BM_atomic_shared_ptr_load", "BM_mutex_shared_ptr_copy"}) {
        auto it = times_.find(std::string(name) + "/" + threads);
        if (it != times_.end())
          std::printf("  %-28s %-10s %5.2fx\n", name, threads, it->second / base->second);
      }
    }
  }

 private:
  std::map<std::string, double> times_;
  std::set<std::string> medians_;
};

}  // namespace

int main(int argc, char** argv) {
  std::thread([] {}).join();  // a multi-threaded process: atomic reference counts
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  ratio_reporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print_ratios();
  benchmark::Shutdown();
  return 0;
}
