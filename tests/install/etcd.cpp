// Builds against the installed package's etcd component (Boost.Beast and
// Boost.JSON headers, Threads) and checks that an etcd nobody listens on is
// a clear error, not a crash; exits non-zero otherwise.
#include <strata/load.hpp>
#include <strata/sources/etcd.hpp>
#include <strata/sources/etcd_src.hpp>  // Boost.JSON: in one source file of the program
#include <strata/src.hpp>               // the engine: in one source file of the program

#include <cstdio>

namespace consumer {
struct Server {
  int port = 8080;
};
BOOST_DESCRIBE_STRUCT(Server, (), (port))
}  // namespace consumer

int main() {
  // Port 1 on the loopback: nothing listens there.
  auto loaded = strata::configuration(strata::etcd({.endpoint = "http://127.0.0.1:1", .prefix = "/app/"}))
                    .load<consumer::Server>();
  const std::string report = strata::format(loaded.diagnostics());
  if (loaded.ok() || report.find("etcd: cannot read /app/ from http://127.0.0.1:1") == std::string::npos) {
    std::fputs(report.c_str(), stderr);
    return 1;
  }
  std::printf("consumer_etcd: installed strata reported an unreachable etcd\n");
  return 0;
}
