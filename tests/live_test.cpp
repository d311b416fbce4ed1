// live<T>: snapshots, reload, runtime overrides, change callbacks with the
// changed leaf paths, rejected candidates, and the file watcher with real
// files (editors that save by rename, Kubernetes ConfigMap symlink swaps,
// files caught mid-write, composition, NAME_FILE secrets).
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <strata/runtime/live.hpp>

#include "support.hpp"

namespace livetest {

using strata::annotated;

struct Api {
  annotated<int, strata::range<1, 64>> workers = 4;
  int port = 8000;
  std::vector<std::string> origins;
};
BOOST_DESCRIBE_STRUCT(Api, (), (workers, port, origins))

struct Auth {
  bool enabled = false;
  annotated<std::string, strata::secret> token;
};
BOOST_DESCRIBE_STRUCT(Auth, (), (enabled, token))

struct Service {
  std::string name = "svc";
  Api api;
  Auth auth;

  void validate(strata::validation& v) const {
    if (auth.enabled && auth.token->empty()) v.error("auth.token", "is required when auth is enabled");
  }
};
BOOST_DESCRIBE_STRUCT(Service, (), (name, api, auth))
STRATA_CONFIGURED(Service, {.prefix = "SVC_"})

struct Limits {
  int rps = 10;
};
BOOST_DESCRIBE_STRUCT(Limits, (), (rps))
STRATA_CONFIGURED(Limits, {.section = "server.limits"})

}  // namespace livetest

using livetest::Service;
using strata_test::contains;
using strata_test::temp_dir;
using namespace std::chrono_literals;
using vars = std::map<std::string, std::string>;

namespace {

/// What on_change received, recorded from whichever thread called it.
struct recorder {
  struct call {
    std::shared_ptr<const Service> old, now;
    std::vector<std::string> changed;
  };
  std::mutex mutex;
  std::vector<call> calls;
  std::vector<strata::diagnostics> rejections;

  void attach(strata::live<Service>& live) {
    live.on_change([this](auto old, auto now, auto changed) {
      std::lock_guard lock(mutex);
      calls.push_back({std::move(old), std::move(now), std::move(changed)});
    });
    live.on_reject([this](const strata::diagnostics& d) {
      std::lock_guard lock(mutex);
      rejections.push_back(d);
    });
  }
  std::size_t changes() {
    std::lock_guard lock(mutex);
    return calls.size();
  }
  std::size_t rejected() {
    std::lock_guard lock(mutex);
    return rejections.size();
  }
  call last() {
    std::lock_guard lock(mutex);
    REQUIRE(!calls.empty());
    return calls.back();
  }
};

/// Polls `condition` every 5 ms for up to 5 s.
bool eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return condition();
}

/// How an editor (vim, VS Code, sed -i) saves: a new file renamed over the old.
void save_by_rename(const temp_dir& dir, const std::string& name, std::string_view text) {
  const auto tmp = dir.write(name + ".tmp~", text);
  std::filesystem::rename(tmp, dir.path() / name);
}

std::string service_toml(int workers, int port = 8000, std::string_view extra = {}) {
  return fmt::format("name = \"svc\"\n[api]\nworkers = {}\nport = {}\n{}", workers, port, extra);
}

strata::configuration one_file(const std::filesystem::path& file) {
  return strata::configuration(strata::toml_file(file));
}

}  // namespace

TEST_SUITE("live") {

TEST_CASE("live<T> loads on construction and get() returns the snapshot") {
  temp_dir dir;
  const auto file = dir.write("app.toml", service_toml(8, 9000));
  strata::live<Service> live(one_file(file));
  const std::shared_ptr<const Service> cfg = live.get();
  REQUIRE(cfg);
  CHECK(*cfg->api.workers == 8);
  CHECK(cfg->api.port == 9000);
  CHECK(live.get() == cfg);  // the same snapshot until something changes
  CHECK(live.overrides().empty());
  CHECK_FALSE(live.watching());
}

TEST_CASE("an invalid initial configuration throws config_error with every diagnostic") {
  temp_dir dir;
  const auto file = dir.write("app.toml", "[api]\nworkers = 500\nprot = 1\n");
  try {
    strata::live<Service> live(one_file(file));
    FAIL("expected config_error");
  } catch (const strata::config_error& e) {
    CHECK(strata_test::at(e.diagnostics(), "api.workers").size() == 1);
    CHECK(strata_test::at(e.diagnostics(), "api.prot").size() == 1);
    CHECK(contains(e.what(), "api.workers"));
  }
}

TEST_CASE("reload() swaps in a valid change and reports exactly the changed leaves") {
  temp_dir dir;
  const auto file = dir.write("app.toml", service_toml(4));
  strata::live<Service> live(one_file(file));
  recorder rec;
  rec.attach(live);
  const auto before = live.get();

  dir.write("app.toml", service_toml(6, 8000, "origins = [\"https://a.example\"]\n"));
  const strata::result<Service> r = live.reload();
  REQUIRE(r.ok());
  CHECK(*r.value().api.workers == 6);
  REQUIRE(rec.changes() == 1);
  const auto call = rec.last();
  CHECK(call.old == before);
  CHECK(call.now == live.get());
  CHECK(*call.now->api.workers == 6);
  CHECK(*before->api.workers == 4);  // the old snapshot is untouched
  CHECK(call.changed == std::vector<std::string>{"api.workers", "api.origins[0]", "api.origins"});
  CHECK(r.origin_of("api.workers").kind == strata::origin_kind::file);
}

TEST_CASE("a reload that changes nothing swaps nothing and calls nobody") {
  temp_dir dir;
  const auto file = dir.write("app.toml", service_toml(4));
  strata::live<Service> live(one_file(file));
  recorder rec;
  rec.attach(live);
  const auto before = live.get();
  dir.write("app.toml", "# reformatted\n" + service_toml(4) + "\n\n");
  CHECK(live.reload().ok());
  CHECK(live.get() == before);
  CHECK(rec.changes() == 0);
}

TEST_CASE("invalid candidates are rejected with their diagnostics; the old snapshot stays") {
  temp_dir dir;
  const auto file = dir.write("app.toml", service_toml(4));
  strata::live<Service> live(one_file(file));
  recorder rec;
  rec.attach(live);
  const auto before = live.get();

  SUBCASE("a syntax error") {
    dir.write("app.toml", "[api\nworkers = 5\n");
    const auto r = live.reload();
    CHECK_FALSE(r.ok());
    CHECK(contains(strata::format(r.diagnostics()), "invalid TOML"));
  }
  SUBCASE("a file caught mid-write") {
    const std::string full = service_toml(5, 8001, "origins = [\"https://a.example\", \"https://b.example\"]\n");
    dir.write("app.toml", full.substr(0, full.size() - 12));
    CHECK_FALSE(live.reload().ok());
  }
  SUBCASE("a constraint") {
    dir.write("app.toml", service_toml(65));
    const auto r = live.reload();
    CHECK(strata_test::only_at(r.errors(), "api.workers").severity == strata::severity::error);
  }
  SUBCASE("a cross-field rule") {
    dir.write("app.toml", service_toml(5) + "[auth]\nenabled = true\n");
    const auto r = live.reload();
    CHECK(contains(strata_test::only_at(r.errors(), "auth.token").message, "required"));
  }
  SUBCASE("the file is gone") {
    std::filesystem::remove(file);
    CHECK_FALSE(live.reload().ok());
  }
  CHECK(live.get() == before);
  CHECK(rec.changes() == 0);
  REQUIRE(rec.rejected() == 1);
  CHECK(!rec.rejections.front().empty());

  // fixed again: picked up
  dir.write("app.toml", service_toml(7));
  CHECK(live.reload().ok());
  CHECK(*live.get()->api.workers == 7);
  CHECK(rec.changes() == 1);
}

TEST_CASE("set() overrides sit above every source and survive reloads until reset()") {
  temp_dir dir;
  const auto file = dir.write("app.toml", service_toml(4));
  strata::live<Service> live(strata::configuration(strata::toml_file(file), strata::env(vars{{"SVC_API__PORT", "9100"}}))
                                 .overrides({"name=from-ctx"}));
  recorder rec;
  rec.attach(live);
  CHECK(live.get()->api.port == 9100);

  auto r = live.set({"api.workers=8", "api.port=9200", "name=runtime"});
  REQUIRE(r.ok());
  CHECK(*live.get()->api.workers == 8);
  CHECK(live.get()->api.port == 9200);  // above env
  CHECK(live.get()->name == "runtime");  // above the configuration's own overrides
  CHECK(r.origin_of("api.workers").kind == strata::origin_kind::overrides);
  CHECK(rec.last().changed == std::vector<std::string>{"name", "api.workers", "api.port"});

  dir.write("app.toml", service_toml(2, 8000, "origins = [\"https://x.example\"]\n"));
  REQUIRE(live.reload().ok());
  CHECK(*live.get()->api.workers == 8);  // still overridden
  CHECK(live.get()->api.origins.size() == 1);

  // a later set adds, and replaces an earlier setting of the same path
  REQUIRE(live.set({"api.workers = 16"}).ok());
  CHECK(live.overrides() == std::vector<std::string>{"api.port=9200", "name=runtime", "api.workers = 16"});
  CHECK(*live.get()->api.workers == 16);

  REQUIRE(live.reset().ok());
  CHECK(live.overrides().empty());
  CHECK(*live.get()->api.workers == 2);
  CHECK(live.get()->api.port == 9100);
  CHECK(live.get()->name == "from-ctx");
  CHECK(rec.last().changed == std::vector<std::string>{"name", "api.workers", "api.port"});
}

TEST_CASE("a rejected set() changes nothing, not even the overrides") {
  temp_dir dir;
  strata::live<Service> live(one_file(dir.write("app.toml", service_toml(4))));
  REQUIRE(live.set({"api.port=1234"}).ok());
  const auto before = live.get();

  auto r = live.set({"api.workerz=8"});
  CHECK_FALSE(r.ok());
  CHECK(contains(strata::format(r.diagnostics()), "workers"));  // did you mean
  r = live.set({"api.workers=99"});
  CHECK_FALSE(r.ok());
  r = live.set({"api.workers=8", "auth.enabled=true"});  // the rule fails: all or nothing
  CHECK_FALSE(r.ok());
  CHECK(live.get() == before);
  CHECK(live.overrides() == std::vector<std::string>{"api.port=1234"});
}

TEST_CASE("secrets: changed paths name them, values never leave") {
  temp_dir dir;
  const auto file = dir.write("app.toml", service_toml(4) + "[auth]\nenabled = true\ntoken = \"first-token-value\"\n");
  strata::live<Service> live(one_file(file));
  recorder rec;
  rec.attach(live);
  dir.write("app.toml", service_toml(4) + "[auth]\nenabled = true\ntoken = \"second-token-value\"\n");
  const auto r = live.reload();
  REQUIRE(r.ok());
  REQUIRE(rec.changes() == 1);
  CHECK(rec.last().changed == std::vector<std::string>{"auth.token"});
  CHECK(*rec.last().now->auth.token == "second-token-value");

  dir.write("app.toml", service_toml(4) + "[auth]\nenabled = true\ntoken = \"third-token-value\"\nextra = 1\n");
  const auto bad = live.reload();
  CHECK_FALSE(bad.ok());
  CHECK_FALSE(contains(strata::format(bad.diagnostics()), "third-token-value"));
}

TEST_CASE("changed paths of a sectioned type are full paths from the file root") {
  temp_dir dir;
  const auto file = dir.write("server.toml", "[server.limits]\nrps = 5\n");
  strata::live<livetest::Limits> live{strata::configuration(strata::toml_file(file))};
  std::vector<std::string> changed;
  live.on_change([&](const auto&, const auto&, const std::vector<std::string>& paths) { changed = paths; });
  dir.write("server.toml", "[server.limits]\nrps = 6\n");
  REQUIRE(live.reload().ok());
  CHECK(changed == std::vector<std::string>{"server.limits.rps"});
  CHECK(strata::path_changed(changed, "server"));
  CHECK(strata::path_changed(changed, "server.limits.rps"));
  CHECK_FALSE(strata::path_changed(changed, "server.limit"));
  CHECK_FALSE(strata::path_changed({}, ""));
}

TEST_CASE("callbacks may call get(), reload() and set(); changes arrive in swap order") {
  temp_dir dir;
  strata::live<Service> live(one_file(dir.write("app.toml", service_toml(4))));
  std::vector<int> seen;  // (old workers, new workers) pairs, flattened
  live.on_change([&](const auto& old, const auto& now, const auto&) {
    CHECK(live.get() != nullptr);  // no deadlock
    seen.push_back(*old->api.workers);
    seen.push_back(*now->api.workers);
    if (*now->api.workers == 5) CHECK(live.set({"api.workers=6"}).ok());  // nested: delivered after this one
  });
  std::vector<int> second;
  live.on_change([&](const auto& old, const auto& now, const auto&) {
    second.push_back(*old->api.workers);
    second.push_back(*now->api.workers);
  });
  REQUIRE(live.set({"api.workers=5"}).ok());
  CHECK(seen == std::vector<int>{4, 5, 5, 6});
  CHECK(second == std::vector<int>{4, 5, 5, 6});
  CHECK(*live.get()->api.workers == 6);
}

TEST_CASE("a throwing callback is reported as a warning; the swap stands and the others run") {
  temp_dir dir;
  strata::live<Service> live(one_file(dir.write("app.toml", service_toml(4))));
  int ran = 0;
  live.on_change([](const auto&, const auto&, const auto&) { throw std::runtime_error("boom"); });
  const auto id = live.on_change([&](const auto&, const auto&, const auto&) { ++ran; });
  const auto r = live.set({"api.workers=5"});
  CHECK(r.ok());
  REQUIRE(r.warnings().size() == 1);
  CHECK(contains(r.warnings().front().message, "boom"));
  CHECK(ran == 1);
  CHECK(*live.get()->api.workers == 5);

  live.unsubscribe(id);
  CHECK(live.set({"api.workers=6"}).ok());
  CHECK(ran == 1);
}

TEST_CASE("get() is consistent across threads and old snapshots are freed once released") {
  temp_dir dir;
  strata::live<Service> live(one_file(dir.write("app.toml", service_toml(4))));
  std::weak_ptr<const Service> first = live.get();
  std::thread([&] { CHECK(*live.get()->api.workers == 4); }).join();  // this thread's cache holds no T
  REQUIRE(live.set({"api.workers=5"}).ok());
  std::shared_ptr<const Service> now;
  std::thread([&] { now = live.get(); }).join();
  CHECK(*now->api.workers == 5);
  CHECK(first.expired());
}

TEST_CASE("watched files: toml_file, profile files (present or not), composition") {
  temp_dir dir;
  dir.write("profiles/base.toml", service_toml(4));
  dir.write("profiles/dev.toml", "defaults = [\"../shared/api\"]\nname = \"dev\"\n");
  dir.write("shared/api.toml", "[api]\nport = 8100\n");
  const auto extra = dir.write("extra.toml", "");
  strata::live<Service> live(strata::configuration(strata::profile(dir.path() / "profiles", "dev"),
                                                   strata::toml_file(extra),
                                                   strata::toml_file(dir.path() / "missing.toml", strata::optional),
                                                   strata::toml_text("name = \"t\"", "inline.toml")));
  const auto files = live.watched_files();
  auto has = [&](const std::filesystem::path& p) {
    return std::find(files.begin(), files.end(), p.lexically_normal()) != files.end() ||
           std::find(files.begin(), files.end(), p) != files.end();
  };
  CHECK(has(dir.path() / "profiles/base.toml"));
  CHECK(has(dir.path() / "profiles/dev.toml"));
  CHECK(has(dir.path() / "profiles/local.toml"));  // not there yet: creating it is a change
  CHECK(has(dir.path() / "shared/api.toml"));
  CHECK(has(extra));
  CHECK(has(dir.path() / "missing.toml"));
  CHECK_FALSE(has("inline.toml"));
  // nothing else but local.* in the other registered formats (YAML, in this program)
  for (const auto& f : files)
    if (f.stem() != "local") CHECK((f.extension() == ".toml" || f == extra));
  CHECK(std::count_if(files.begin(), files.end(), [](const auto& f) { return f.stem() != "local"; }) == 5);
}

TEST_CASE("watch(): an editor that saves by rename") {
  temp_dir dir;
  dir.write("app.toml", service_toml(4));
  strata::live<Service> live(one_file(dir.path() / "app.toml"));
  recorder rec;
  rec.attach(live);
  live.watch(5ms);
  CHECK(live.watching());
  save_by_rename(dir, "app.toml", service_toml(9));
  // the callback runs right after the swap, on the watcher thread: wait for it
  REQUIRE(eventually([&] { return rec.changes() == 1; }));
  CHECK(*live.get()->api.workers == 9);
  CHECK(rec.last().changed == std::vector<std::string>{"api.workers"});

  // an in-place rewrite of the same size is seen too (content hash). The
  // watcher may also catch the file just truncated: empty, which is valid
  // here (all defaults), so wait for the last change rather than count.
  dir.write("app.toml", service_toml(8));
  REQUIRE(eventually([&] { return rec.changes() >= 2 && *rec.last().now->api.workers == 8; }));
  CHECK(*live.get()->api.workers == 8);
  live.stop_watching();
  CHECK_FALSE(live.watching());
}

TEST_CASE("watch(): a file caught mid-write is rejected, then picked up when complete") {
  temp_dir dir;
  dir.write("app.toml", service_toml(4));
  strata::live<Service> live(one_file(dir.path() / "app.toml"));
  recorder rec;
  rec.attach(live);
  live.watch(5ms);
  // (Caught just after truncation, the file is empty: all defaults, equal to
  // the current snapshot, so no change either way.)
  const std::string full = service_toml(12, 8001);
  dir.write("app.toml", full.substr(0, full.find("workers") + 5));  // "[api]\nwork"
  CHECK(eventually([&] { return rec.rejected() >= 1; }));
  CHECK(*live.get()->api.workers == 4);
  CHECK(rec.changes() == 0);
  dir.write("app.toml", full);
  REQUIRE(eventually([&] { return rec.changes() == 1; }));
  CHECK(*live.get()->api.workers == 12);
}

TEST_CASE("watch(): a Kubernetes ConfigMap volume (..data symlink swapped atomically)") {
  // The kubelet's layout: config.toml -> ..data/config.toml, ..data ->
  // ..<timestamp>/. An update writes a new timestamped directory, points a
  // new symlink at it and renames that over ..data.
  temp_dir dir;
  const auto volume = dir.path() / "volume";
  std::filesystem::create_directories(volume / "..2024_01_01_00_00_00.1");
  dir.write("volume/..2024_01_01_00_00_00.1/config.toml", service_toml(4));
  std::filesystem::create_directory_symlink("..2024_01_01_00_00_00.1", volume / "..data");
  std::filesystem::create_symlink("..data/config.toml", volume / "config.toml");

  strata::live<Service> live(one_file(volume / "config.toml"));
  recorder rec;
  rec.attach(live);
  live.watch(5ms);

  auto publish = [&](const std::string& stamp, const std::string& text) {
    std::filesystem::create_directories(volume / stamp);
    dir.write("volume/" + stamp + "/config.toml", text);
    std::filesystem::create_directory_symlink(stamp, volume / "..data_tmp");
    std::filesystem::rename(volume / "..data_tmp", volume / "..data");  // atomic swap
  };
  publish("..2024_01_01_00_01_00.2", service_toml(10));
  REQUIRE(eventually([&] { return rec.changes() == 1; }));
  CHECK(*live.get()->api.workers == 10);
  std::filesystem::remove_all(volume / "..2024_01_01_00_00_00.1");

  // the same content behind a new target: no change to report
  publish("..2024_01_01_00_02_00.3", service_toml(10));
  publish("..2024_01_01_00_03_00.4", service_toml(11, 8005));
  REQUIRE(eventually([&] { return rec.changes() == 2; }));
  CHECK(live.get()->api.port == 8005);
  CHECK(rec.last().changed == std::vector<std::string>{"api.workers", "api.port"});
}

TEST_CASE("watch(): profile files appearing, composed files changing") {
  temp_dir dir;
  dir.write("configs/base.toml", service_toml(4));
  dir.write("configs/dev.toml", "defaults = [\"parts/api\"]\n");
  dir.write("configs/parts/api.toml", "[api]\nport = 8100\n");
  strata::live<Service> live(strata::configuration(strata::profile(dir.path() / "configs", "dev")));
  recorder rec;
  rec.attach(live);
  live.watch(5ms);
  save_by_rename(dir, "configs/parts/api.toml", "[api]\nport = 8200\n");
  REQUIRE(eventually([&] { return rec.changes() == 1; }));
  CHECK(live.get()->api.port == 8200);
  dir.write("configs/local.toml", "name = \"mine\"\n");
  REQUIRE(eventually([&] { return rec.changes() == 2; }));
  CHECK(live.get()->name == "mine");
  std::filesystem::remove(dir.path() / "configs/local.toml");
  REQUIRE(eventually([&] { return rec.changes() == 3; }));
  CHECK(live.get()->name == "svc");
}

TEST_CASE("watch(): a rotated NAME_FILE secret") {
  temp_dir dir;
  const auto token = dir.write("secrets/token", "token-one\n");
  dir.write("app.toml", service_toml(4) + "[auth]\nenabled = true\n");
  strata::live<Service> live(strata::configuration(strata::toml_file(dir.path() / "app.toml"),
                                                   strata::env(vars{{"SVC_AUTH__TOKEN_FILE", token.string()}})));
  CHECK(*live.get()->auth.token == "token-one");
  const auto files = live.watched_files();
  CHECK(std::find(files.begin(), files.end(), token) != files.end());
  recorder rec;
  rec.attach(live);
  live.watch(5ms);
  save_by_rename(dir, "secrets/token", "token-two\n");
  REQUIRE(eventually([&] { return rec.changes() == 1; }));
  CHECK(*live.get()->auth.token == "token-two");
  CHECK(rec.last().changed == std::vector<std::string>{"auth.token"});
}

TEST_CASE("watch(): a changed interval, stop and restart; the destructor returns promptly") {
  temp_dir dir;
  dir.write("app.toml", service_toml(4));
  const auto start = std::chrono::steady_clock::now();
  {
    strata::live<Service> live(one_file(dir.path() / "app.toml"));
    live.watch(std::chrono::hours(1));
    live.watch(5ms);  // the new interval applies at once
    dir.write("app.toml", service_toml(5));
    CHECK(eventually([&] { return *live.get()->api.workers == 5; }));
    live.stop_watching();
    live.watch(std::chrono::hours(1));
    CHECK(live.watching());
  }  // destructor: must not wait an hour
  CHECK(std::chrono::steady_clock::now() - start < 4s);
}

TEST_CASE("watch(): callbacks run on the watcher thread and may stop it") {
  temp_dir dir;
  dir.write("app.toml", service_toml(4));
  strata::live<Service> live(one_file(dir.path() / "app.toml"));
  std::atomic<bool> called{false};
  std::thread::id where;
  live.on_change([&](const auto&, const auto&, const auto&) {
    where = std::this_thread::get_id();
    live.stop_watching();  // from the watcher thread itself: no self-join
    called = true;
  });
  live.watch(5ms);
  dir.write("app.toml", service_toml(6));
  CHECK(eventually([&] { return called.load(); }));
  CHECK(where != std::this_thread::get_id());
  CHECK(eventually([&] { return !live.watching(); }));
}

}  // TEST_SUITE
