// benchmarks/etcd.cpp: what the etcd source costs, against a real etcd
// (/usr/bin/etcd, started here on free ports with a temporary data
// directory, killed by its pid at exit; fsync on, as in production).
//
//   BM_put_to_swap/N               one put through etcd's gateway until every one
//                                  of N live<T> (N = 1, 10, 100; each its own watch
//                                  stream) has swapped the new value in; counters
//                                  p50_us / p99_us: the latency from the start of
//                                  the put to each watcher's on_change, over every
//                                  (put, watcher) pair
//   BM_load_1000_keys_from_etcd    configuration::load<T>() of the generated
//                                  1,000-leaf configuration (generate_scaling.cmake)
//                                  from a prefix of 1,000 keys: one range request,
//                                  base64 and JSON, 1,000 values parsed
//   BM_range_1000_keys_only        etcd's own part of that load: a connection and
//                                  the range request, its JSON parsed, nothing decoded
//   BM_load_1000_leaves_from_toml  the same configuration from a TOML file
//
// Ratios: etcd / TOML file for the 1,000-leaf load (target <= 3.0), and the
// load / the range request alone (target <= 1.5: strata's decoding on top
// of what etcd's gateway takes to answer).
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>


#include <benchmark/benchmark.h>

#include <strata/load.hpp>
#include <strata/runtime/live.hpp>
#include <strata/sources/etcd.hpp>
#include <strata/sources/etcd_src.hpp>

#include "etcd_process.hpp"
#include "ratio.hpp"
#include "scale1000.hpp"

namespace {

using namespace std::chrono_literals;
namespace client = strata::detail::etcd_client;

struct Api {
  int port = 8080;
};
BOOST_DESCRIBE_STRUCT(Api, (), (port))
struct Service {
  std::string name = "service";
  Api api;
};
BOOST_DESCRIBE_STRUCT(Service, (), (name, api))

/// A real etcd (etcd_process), written to through the gateway.
class etcd_server {
 public:
  etcd_server() { process_.start(); }
  ~etcd_server() { connection_.reset(); }

  std::string endpoint() const { return process_.endpoint(); }

  /// A put through the gateway, on one kept-alive connection.
  void put(const std::string& key, const std::string& value) {
    if (!connection_) {
      options_.endpoint = endpoint();  // the connection keeps a reference to it
      connection_ = std::make_unique<client::connection>(options_);
    }
    try {
      connection_->post("/v3/kv/put",
                        boost::json::object{{"key", client::base64_encode(key)},
                                            {"value", client::base64_encode(value)}},
                        {});
    } catch (...) {
      connection_.reset();
      throw;
    }
  }

 private:
  bool answers() {
    try {
      put("/strata-bench/ready", "1");
      return true;
    } catch (const client::failure&) {
      return false;
    }
  }

  strata::etcd_options options_;
  std::unique_ptr<client::connection> connection_;
  strata_testing::etcd_process process_{"strata-bench-etcd", [this] { return answers(); }};
};

etcd_server* server = nullptr;  // started by main() before the benchmarks run

strata::etcd source(const std::string& prefix) {
  return strata::etcd({.endpoint = server->endpoint(), .prefix = prefix, .timeout = 10s});
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(index, v.size() - 1)];
}

void BM_put_to_swap(benchmark::State& state) {
  const int watchers = static_cast<int>(state.range(0));
  const std::string key = "/latency" + std::to_string(watchers) + "/api/port";
  int value = 1;
  server->put(key, std::to_string(value));

  std::mutex mutex;
  std::condition_variable all_swapped;
  int expected = value, swapped = 0;
  std::chrono::steady_clock::time_point put_started;
  std::vector<double> latencies_us;
  std::vector<std::unique_ptr<strata::live<Service>>> lives;
  for (int i = 0; i < watchers; ++i) {
    auto& live = lives.emplace_back(std::make_unique<strata::live<Service>>(
        strata::configuration(source("/latency" + std::to_string(watchers) + "/"))));
    live->on_change([&](const auto&, const auto& now, const auto&) {
      const auto at = std::chrono::steady_clock::now();
      std::lock_guard lock(mutex);
      if (now->api.port != expected) return;
      latencies_us.push_back(std::chrono::duration<double, std::micro>(at - put_started).count());
      if (++swapped == watchers) all_swapped.notify_all();
    });
    live->on_reject([](const strata::diagnostics&) {});
    live->watch(1h);  // no polling: only etcd's watch stream reloads
  }
  for (const auto& live : lives)
    for (int i = 0; i < 1000 && (live->watch_health().empty() || !live->watch_health()[0].healthy); ++i)
      std::this_thread::sleep_for(10ms);

  for (auto _ : state) {
    {
      std::lock_guard lock(mutex);
      expected = ++value;
      swapped = 0;
      put_started = std::chrono::steady_clock::now();
    }
    server->put(key, std::to_string(value));
    std::unique_lock lock(mutex);
    if (!all_swapped.wait_for(lock, 10s, [&] { return swapped == watchers; })) {
      state.SkipWithError("a watcher did not swap within 10 s");
      break;
    }
  }
  state.counters["p50_us"] = percentile(latencies_us, 0.50);
  state.counters["p99_us"] = percentile(latencies_us, 0.99);
  state.counters["watchers"] = watchers;
  // Stopping a watcher takes up to ~50 ms: stop them all at once.
  std::vector<std::jthread> stopping;
  for (auto& live : lives) stopping.emplace_back([&live] { live.reset(); });
}

/// The prefix /scale/ holding every leaf of scale1000::scaling_toml(), one
/// key per leaf (`[sec3]` + `i5 = 42` -> `/scale/sec3/i5` = `42`): the same
/// values as the TOML file.
void seed_scale_prefix() {
  std::istringstream document(scale1000::scaling_toml());
  std::string table;
  int keys = 0;
  for (std::string line; std::getline(document, line);) {
    if (line.empty()) continue;
    if (line.front() == '[') {
      table = line.substr(1, line.size() - 2);
      std::replace(table.begin(), table.end(), '.', '/');
      continue;
    }
    const auto equals = line.find(" = ");
    server->put("/scale/" + table + "/" + line.substr(0, equals), line.substr(equals + 3));
    ++keys;
  }
  if (keys != scale1000::leaf_count) throw std::runtime_error("seeded " + std::to_string(keys) + " keys");
}

void BM_load_1000_keys_from_etcd(benchmark::State& state) {
  const strata::configuration ctx{source("/scale/")};
  for (auto _ : state) {
    strata::result<scale1000::Root> r = ctx.load<scale1000::Root>();
    if (!r.ok()) state.SkipWithError(strata::format(r.diagnostics()).c_str());
    benchmark::DoNotOptimize(r);
  }
}

/// etcd's own part of the load: a new connection and the range request
/// whose JSON answer is parsed, nothing decoded (what any client pays).
void BM_range_1000_keys_only(benchmark::State& state) {
  const strata::etcd_options options{.endpoint = server->endpoint(), .timeout = 10s};
  const boost::json::object request{{"key", client::base64_encode("/scale/")},
                                    {"range_end", client::base64_encode(client::range_end("/scale/"))}};
  for (auto _ : state) {
    client::connection c(options);
    boost::json::value answer = c.post("/v3/kv/range", request, {});
    benchmark::DoNotOptimize(answer);
  }
}

void BM_load_1000_leaves_from_toml(benchmark::State& state) {
  const auto path = std::filesystem::temp_directory_path() / ("strata-bench-scale1000-" + std::to_string(::getpid()) + ".toml");
  std::ofstream(path) << scale1000::scaling_toml();
  const strata::configuration ctx{strata::toml_file(path)};
  for (auto _ : state) {
    strata::result<scale1000::Root> r = ctx.load<scale1000::Root>();
    if (!r.ok()) state.SkipWithError(strata::format(r.diagnostics()).c_str());
    benchmark::DoNotOptimize(r);
  }
  std::filesystem::remove(path);
}

BENCHMARK(BM_put_to_swap)->Arg(1)->Arg(10)->Arg(100)->Iterations(300)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_load_1000_keys_from_etcd)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_range_1000_keys_only)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_load_1000_leaves_from_toml)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  try {
    etcd_server running;
    server = &running;
    seed_scale_prefix();
    const int status = strata_bench::run_with_ratios(
        argc, argv,
        {{"load 1,000 leaves etcd/toml_file", "BM_load_1000_keys_from_etcd", "BM_load_1000_leaves_from_toml", 3.0},
         {"load 1,000 keys from etcd/its range request alone", "BM_load_1000_keys_from_etcd",
          "BM_range_1000_keys_only", 1.5}});
    server = nullptr;
    return status;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "strata_bench_etcd: %s\n", e.what());
    return 1;
  }
}
