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
// After the runs it prints live<T>::get() against BM_shared_ptr_copy at the
// same thread count (target <= 1.5; medians with --benchmark_repetitions=N,
// `make bench` uses 5); the alternatives' times are in the table above it.
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include <benchmark/benchmark.h>

#include <strata/runtime/live.hpp>

#include "musicgen_context.hpp"
#include "ratio.hpp"

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

}  // namespace

int main(int argc, char** argv) {
  std::thread([] {}).join();  // a multi-threaded process: atomic reference counts
  return strata_bench::run_with_ratios(
      argc, argv,
      {{"live get()/shared_ptr copy, 1 thread", "BM_live_get/threads:1", "BM_shared_ptr_copy/threads:1", 1.5},
       {"live get()/shared_ptr copy, 2 threads", "BM_live_get/threads:2", "BM_shared_ptr_copy/threads:2", 1.5}});
}
