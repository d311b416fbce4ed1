// benchmarks/ratio.hpp: a main() for Google Benchmark programs (Debian
// libbenchmark-dev 1.7) that compare two benchmarks and print the ratio of
// their times against a target, e.g. strata's load against the hand-written
// loader (issue 9):
//
//   int main(int argc, char** argv) {
//     return strata_bench::run_with_ratios(argc, argv, {
//         {"load musicgen strata/handwritten", "BM_strata_load", "BM_handwritten_load", 2.0},
//     });
//   }
//   // or: STRATA_BENCHMARK_MAIN_WITH_RATIOS({"...", "BM_a", "BM_b", 2.0}, ...)
//
// It runs every benchmark with the usual console output (all --benchmark_*
// flags work; --benchmark_out=FILE still writes the file), records the real
// time per iteration of each benchmark, then prints one line per target:
//
//   ratio load musicgen strata/handwritten: 1.73 (target <= 2.00) met
//
// A benchmark is named as the console prints it without an aggregate suffix
// ("BM_load/1000", "BM_load/real_time"). With --benchmark_repetitions=N its
// "_median" aggregate is used, otherwise its single run (or the median of its
// runs when no aggregate was reported). The exit code is 0 whether a target
// is met or missed: a benchmark is a measurement, not a test. It is 1 only for
// unrecognized arguments, as BENCHMARK_MAIN does.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

namespace strata_bench {

/// numerator / denominator (real time per iteration) must be <= limit.
struct ratio_target {
  std::string name;
  std::string numerator_benchmark;
  std::string denominator_benchmark;
  double limit;
};

/// The console reporter, recording each benchmark's real time per iteration
/// (seconds) as it goes.
class ratio_reporter : public benchmark::ConsoleReporter {
 public:
  using benchmark::ConsoleReporter::ConsoleReporter;

  void ReportRuns(const std::vector<Run>& runs) override {
    benchmark::ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      const std::string name = run.run_name.str();
      const double seconds = run.GetAdjustedRealTime() / benchmark::GetTimeUnitMultiplier(run.time_unit);
      if (run.run_type == Run::RT_Aggregate) {
        if (run.aggregate_name == "median" && run.aggregate_unit == benchmark::kTime) medians_[name] = seconds;
      } else {
        runs_[name].push_back(seconds);
      }
    }
  }

  /// Seconds per iteration of `name`: its median aggregate, else the median
  /// of its runs; negative when it did not run (or failed).
  double seconds(const std::string& name) const {
    if (const auto it = medians_.find(name); it != medians_.end()) return it->second;
    const auto it = runs_.find(name);
    if (it == runs_.end() || it->second.empty()) return -1;
    std::vector<double> v = it->second;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

 private:
  std::map<std::string, double> medians_;
  std::map<std::string, std::vector<double>> runs_;
};

namespace detail {

/// The console options the library's own reporter would use: colour only on
/// a terminal (and never with --benchmark_color=false), tabular counters only
/// with --benchmark_counters_tabular=true.
inline benchmark::ConsoleReporter::OutputOptions console_options(int argc, char** argv) {
  bool color = ::isatty(STDOUT_FILENO) != 0;
  bool tabular = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--benchmark_color=false" || arg == "--benchmark_color=no") color = false;
    if (arg == "--benchmark_color=true" || arg == "--benchmark_color=yes") color = true;
    if (arg == "--benchmark_counters_tabular=true" || arg == "--benchmark_counters_tabular")
      tabular = true;
  }
  int options = benchmark::ConsoleReporter::OO_None;
  if (color) options |= benchmark::ConsoleReporter::OO_Color;
  if (tabular) options |= benchmark::ConsoleReporter::OO_Tabular;
  return static_cast<benchmark::ConsoleReporter::OutputOptions>(options);
}

}  // namespace detail

/// Prints the ratio lines for `targets` from what `reporter` recorded.
inline void print_ratios(const ratio_reporter& reporter, const std::vector<ratio_target>& targets) {
  if (targets.empty()) return;
  std::fputc('\n', stdout);
  for (const ratio_target& t : targets) {
    const double num = reporter.seconds(t.numerator_benchmark);
    const double den = reporter.seconds(t.denominator_benchmark);
    if (num < 0 || den <= 0) {
      std::printf("ratio %s: n/a (target <= %.2f) not measured: '%s' %s\n", t.name.c_str(), t.limit,
                  (num < 0 ? t.numerator_benchmark : t.denominator_benchmark).c_str(),
                  "did not run (filtered out, failed, or misnamed)");
      continue;
    }
    const double ratio = num / den;
    std::printf("ratio %s: %.2f (target <= %.2f) %s\n", t.name.c_str(), ratio, t.limit,
                ratio <= t.limit ? "met" : "MISSED");
  }
  std::fflush(stdout);
}

/// A benchmark program's main(): runs the benchmarks, then prints the ratios.
inline int run_with_ratios(int argc, char** argv, std::vector<ratio_target> targets) {
  char arg0_default[] = "benchmark";
  char* args_default = arg0_default;
  if (!argv) {
    argc = 1;
    argv = &args_default;
  }
  ratio_reporter reporter(detail::console_options(argc, argv));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  std::fflush(stdout);
  print_ratios(reporter, targets);
  benchmark::Shutdown();
  return 0;
}

}  // namespace strata_bench

/// Defines main() running the benchmarks and then the given ratio targets:
///   STRATA_BENCHMARK_MAIN_WITH_RATIOS({"strata/handwritten", "BM_strata", "BM_handwritten", 2.0})
#define STRATA_BENCHMARK_MAIN_WITH_RATIOS(...)                                 \
  int main(int argc, char** argv) {                                            \
    return ::strata_bench::run_with_ratios(argc, argv, {__VA_ARGS__});         \
  }                                                                            \
  int main(int, char**)
