// fleet: three instances of one service in one program (one thread each),
// sharing the etcd prefix they are configured from. Each holds its own
// live<Service> following etcd's watch stream: a valid put is swapped in by
// all three, a broken one is rejected by all three, each keeping its last
// good snapshot. run_fleet.sh starts etcd, drives the puts and checks what
// the instances print.
//
//   fleet <etcd endpoint> <prefix>     (runs until its stdin is closed)
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <strata/load.hpp>
#include <strata/runtime/live.hpp>
#include <strata/sources/etcd.hpp>
#include <strata/sources/etcd_src.hpp>  // Boost.JSON, compiled once in the program
#include <strata/src.hpp>              // strata's engine, compiled once in the program

namespace {

struct Limits {
  strata::annotated<int, strata::range<1, 10000>> max_connections = 100;
  std::chrono::milliseconds timeout{1000};
};
BOOST_DESCRIBE_STRUCT(Limits, (), (max_connections, timeout))
struct Service {
  std::string greeting = "hello";
  Limits limits;
};
BOOST_DESCRIBE_STRUCT(Service, (), (greeting, limits))

std::mutex output_mutex;

/// One line (or a block) to stdout, never interleaved with another instance's.
void say(const std::string& text) {
  std::lock_guard lock(output_mutex);
  std::cout << text << std::endl;
}

std::string describe(const Service& s) {
  return "greeting=" + s.greeting + " max_connections=" + std::to_string(s.limits.max_connections) +
         " timeout=" + std::to_string(s.limits.timeout.count()) + "ms";
}

/// One service instance: loads, follows etcd, reports every swap and every
/// rejection, until `stop` is set.
void run_instance(int number, const strata::etcd_options& options, const std::stop_token& stop) {
  const std::string me = "instance " + std::to_string(number);
  try {
    strata::live<Service> config{strata::configuration(strata::etcd(options))};
    config.on_change([&](const auto&, const auto& now, const std::vector<std::string>& paths) {
      std::string changed;
      for (const auto& p : paths) changed += (changed.empty() ? "" : ",") + p;
      say(me + ": applied " + describe(*now) + " (changed " + changed + ")");
    });
    config.on_reject([&](const strata::diagnostics& d) {
      std::string report = strata::format(d);
      while (report.ends_with('\n')) report.pop_back();
      say(me + ": rejected a change, keeps " + describe(*config.get()) + "\n" + report);
    });
    config.watch(std::chrono::hours(1));  // no polling: etcd pushes its changes
    while (!stop.stop_requested() && (config.watch_health().empty() || !config.watch_health()[0].healthy))
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    say(me + ": watching, " + describe(*config.get()));
    while (!stop.stop_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } catch (const strata::config_error& e) {
    say(me + ": cannot start\n" + e.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fleet <etcd endpoint> <prefix>   (runs until stdin is closed)\n";
    return 2;
  }
  const strata::etcd_options options{.endpoint = argv[1], .prefix = argv[2]};
  std::vector<std::jthread> instances;
  for (int number = 1; number <= 3; ++number)
    instances.emplace_back([number, &options](std::stop_token stop) { run_instance(number, options, stop); });
  for (std::string line; std::getline(std::cin, line);) {
  }
  say("fleet: stopping");
  return 0;  // the jthreads are asked to stop and joined
}
