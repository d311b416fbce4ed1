// The etcd source against a real etcd: a server started here on free ports
// with a temporary data directory, seeded with etcdctl, stopped by its pid.
// Reading a prefix at one revision, precedence, live<T> following the watch
// stream (validate before swap, outage and restart, compaction), auth and
// limits, and every failure reported as a clear error.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>


#include <strata/runtime/live.hpp>
#include <strata/sources/etcd.hpp>
#include <boost/json.hpp>  // its implementation: boost_json.cpp

#include "etcd_process.hpp"
#include "support.hpp"

namespace etcd_spec {

using namespace std::chrono_literals;
using strata::annotated;

struct Api {
  annotated<int, strata::range<1, 65535>> port = 8080;
  std::vector<std::string> hosts;
};
BOOST_DESCRIBE_STRUCT(Api, (), (port, hosts))
struct Db {
  std::string host = "localhost";
  annotated<std::string, strata::secret> password = "";
};
BOOST_DESCRIBE_STRUCT(Db, (), (host, password))
struct App {
  std::string name = "app";
  Api api;
  Db db;
};
BOOST_DESCRIBE_STRUCT(App, (), (name, api, db))
STRATA_CONFIGURED(App, {.prefix = "APP_"})

/// A real etcd (etcd_process), seeded and inspected with etcdctl.
class etcd_server {
 public:
  etcd_server() { process_.start(); }

  std::string endpoint() const { return process_.endpoint(); }
  /// Starts etcd again on the same ports and data directory.
  void start() { process_.start(); }
  /// Kills etcd at once (SIGKILL), as a crash would.
  void kill() { process_.kill(); }

  /// Runs `etcdctl <arguments>` against this server; its exit status.
  int ctl(const std::string& arguments, bool quiet = false, const std::string& user = "root:root-password") const {
    std::string command = "ETCDCTL_API=3 " STRATA_ETCDCTL " --dial-timeout=2s --endpoints=" + endpoint();
    if (auth_) command += " --user=" + user;
    command += " " + arguments + (quiet ? " >/dev/null 2>&1" : " >/dev/null");
    return std::system(command.c_str());
  }
  /// `etcdctl put key value`, the value given on stdin (any bytes, any size).
  void put(const std::string& key, const std::string& value) const {
    const auto file = process_.dir() / "value";
    {
      std::ofstream out(file, std::ios::binary);
      out << value;
    }
    if (ctl("put " + key + " < " + file.string()) != 0) throw std::runtime_error("etcdctl put " + key + " failed");
  }
  void enable_auth() {
    if (ctl("user add root:root-password") != 0 || ctl("role add root") != 0 || ctl("user grant-role root root") != 0 ||
        ctl("auth enable") != 0)
      throw std::runtime_error("etcdctl could not enable auth");
    auth_ = true;
  }

 private:
  strata_testing::etcd_process process_{"strata-etcd-test", [this] { return ctl("endpoint health", true) == 0; }};
  bool auth_ = false;
};

strata::etcd app_source(const etcd_server& server, strata::etcd_options more = {}) {
  more.endpoint = server.endpoint();
  more.prefix = "/app/";
  more.timeout = 2s;
  return strata::etcd(std::move(more));
}

/// Waits up to 20 s for `done()`.
template <class F>
bool eventually(F done) {
  for (int i = 0; i < 2000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

TEST_CASE("every key under the prefix is a path, read at one revision with the key and revision as origin") {
  etcd_server server;
  server.put("/app/name", "\"orders\"");
  server.put("/app/api/port", "8081");
  server.put("/app/api/hosts", "[\"a\", \"b\"]");
  server.put("/app/db/host", "db-1");  // a bare word is text, as in overrides
  server.put("/other/name", "\"not ours\"");
  const auto source = app_source(server);
  auto r = strata::configuration(source).load<App>();
  REQUIRE(r.ok());
  const App& app = strata::detail::result_access::value(r);
  CHECK(app.name == "orders");
  CHECK(app.api.port == 8081);
  CHECK(app.api.hosts == std::vector<std::string>{"a", "b"});
  CHECK(app.db.host == "db-1");
  const auto revision = source.revision();
  CHECK(revision >= 5);
  CHECK(r.origin_of("api.port").name == "etcd /app/api/port@" + std::to_string(revision));
  CHECK(r.origin_of("name").name == "etcd /app/name@" + std::to_string(revision));
}

TEST_CASE("etcd sits where it is listed: above the file, below the environment") {
  etcd_server server;
  server.put("/app/api/port", "8081");
  server.put("/app/name", "\"from-etcd\"");
  const std::map<std::string, std::string> environment = {{"APP_NAME", "from-env"}};
  auto r = strata::configuration(strata::toml_text("name = \"from-file\"\n[api]\nport = 7000\nhosts = [\"f\"]\n"),
                                 app_source(server), strata::env(environment))
               .load<App>();
  REQUIRE(r.ok());
  const App& app = strata::detail::result_access::value(r);
  CHECK(app.api.port == 8081);
  CHECK(app.api.hosts == std::vector<std::string>{"f"});
  CHECK(app.name == "from-env");
}

TEST_CASE("a bad value, an unknown key and a secret from etcd are reported like a file's, the secret never shown") {
  etcd_server server;
  server.put("/app/api/port", "99999");
  server.put("/app/api/prot", "1");
  server.put("/app/db/password", "\"hunter2-etcd-secret\"");
  auto r = strata::configuration(app_source(server)).load<App>();
  CHECK_FALSE(r.ok());
  const auto port = strata_test::only_at(r.errors(), "api.port");
  CHECK(port.origin.name.starts_with("etcd /app/api/port@"));
  CHECK_FALSE(strata_test::at(r.diagnostics(), "api.prot").empty());
  const std::string report = strata::format(r.diagnostics()) + strata::explain(r);
  CHECK(report.find("hunter2-etcd-secret") == std::string::npos);
}

TEST_CASE("live<T> follows the watch stream: a put swaps, on_change names the paths, a bad value is rejected") {
  etcd_server server;
  server.put("/app/api/port", "8081");
  strata::live<App> live{strata::configuration(app_source(server))};
  std::mutex mutex;
  std::vector<std::string> changed;
  std::vector<std::string> rejected;
  live.on_change([&](auto, auto, const std::vector<std::string>& paths) {
    std::lock_guard lock(mutex);
    changed = paths;
  });
  live.on_reject([&](const strata::diagnostics& d) {
    std::lock_guard lock(mutex);
    rejected.push_back(strata::format(d));
  });
  live.watch(1h);  // no polling: only the stream reloads
  REQUIRE(eventually([&] { return !live.watch_health().empty() && live.watch_health()[0].healthy; }));
  server.put("/app/api/port", "9090");
  REQUIRE(eventually([&] { return live.get()->api.port == 9090; }));
  {
    std::lock_guard lock(mutex);
    CHECK(changed == std::vector<std::string>{"api.port"});
  }
  server.put("/app/api/port", "0");
  REQUIRE(eventually([&] {
    std::lock_guard lock(mutex);
    return !rejected.empty();
  }));
  CHECK(live.get()->api.port == 9090);
  {
    std::lock_guard lock(mutex);
    CHECK(rejected.front().find("etcd /app/api/port@") != std::string::npos);
  }
  server.put("/app/api/port", "9191");
  CHECK(eventually([&] { return live.get()->api.port == 9191; }));
}

TEST_CASE("etcd killed mid-watch: the snapshot stays, health goes false, then the watch resumes after a restart") {
  etcd_server server;
  server.put("/app/api/port", "8081");
  strata::live<App> live{strata::configuration(app_source(server, {.max_backoff = 200ms}))};
  live.on_reject([](const strata::diagnostics&) {});
  live.watch(1h);
  REQUIRE(eventually([&] { return !live.watch_health().empty() && live.watch_health()[0].healthy; }));
  server.kill();
  REQUIRE(eventually([&] { return !live.watch_health()[0].healthy; }));
  CHECK(live.watch_health()[0].message.find("etcd unreachable") != std::string::npos);
  CHECK(live.get()->api.port == 8081);
  server.start();
  server.put("/app/api/port", "8082");
  CHECK(eventually([&] { return live.get()->api.port == 8082; }));
  CHECK(eventually([&] { return live.watch_health()[0].healthy; }));
}

TEST_CASE("after a compaction past the watched revision, the whole prefix is read again") {
  etcd_server server;
  server.put("/app/api/port", "8081");
  const auto source = app_source(server, {.max_backoff = 200ms});
  strata::live<App> live{strata::configuration(source)};
  // Changes made while nobody watches, then compacted away: the watch
  // cannot resume from the revision it loaded.
  server.put("/app/api/port", "8082");
  server.put("/app/name", "\"compacted\"");
  server.put("/app/other", "1");
  server.ctl("del /app/other");
  server.ctl("compact 5");
  live.watch(1h);
  CHECK(eventually([&] { return live.get()->name == "compacted" && live.get()->api.port == 8082; }));
  CHECK(source.revision() >= 6);
  server.put("/app/api/port", "8083");
  CHECK(eventually([&] { return live.get()->api.port == 8083; }));
}

TEST_CASE("wrong credentials fail with the user named and the password never shown") {
  etcd_server server;
  server.put("/app/api/port", "8081");
  server.enable_auth();
  auto good = strata::configuration(app_source(server, {.username = "root", .password = "root-password"})).load<App>();
  CHECK(good.ok());
  auto bad = strata::configuration(app_source(server, {.username = "root", .password = "wrong-pass-xyz"})).load<App>();
  REQUIRE_FALSE(bad.ok());
  const std::string report = strata::format(bad.diagnostics());
  INFO(report);
  CHECK(report.find("etcd: authentication failed for user 'root'") != std::string::npos);
  CHECK(report.find("wrong-pass-xyz") == std::string::npos);
}

TEST_CASE("a 10 MB value is refused with an error naming the key and the limit") {
  etcd_server server;
  server.put("/app/api/port", "8081");
  // etcdctl sends at most 2 MiB: the value goes through the HTTP gateway.
  namespace client = strata::detail::etcd_client;
  const strata::etcd_options options{.endpoint = server.endpoint()};
  client::connection c(options);
  c.post("/v3/kv/put",
         boost::json::object{{"key", client::base64_encode("/app/name")},
                             {"value", client::base64_encode(std::string(10u << 20, 'x'))}},
         {});
  auto r = strata::configuration(app_source(server)).load<App>();
  REQUIRE_FALSE(r.ok());
  const std::string report = strata::format(r.diagnostics());
  CHECK(report.find("etcd: /app/name holds 10485760 bytes, over the limit of 1048576") != std::string::npos);
  CHECK(report.size() < 4096);  // the value is not printed
}

TEST_CASE("an endpoint nobody listens on, or https, is a clear error") {
  const std::string nobody = "http://127.0.0.1:" + std::to_string(strata_testing::free_port());
  auto r = strata::configuration(strata::etcd({.endpoint = nobody, .prefix = "/app/", .timeout = 1s})).load<App>();
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors().front().message.starts_with("etcd: cannot read /app/ from " + nobody + ": connecting to"));
  auto tls = strata::configuration(strata::etcd({.endpoint = "https://127.0.0.1:2379", .prefix = "/app/"})).load<App>();
  REQUIRE_FALSE(tls.ok());
  CHECK(tls.errors().front().message.find("https:// is not supported yet") != std::string::npos);
}

}  // namespace etcd_spec
