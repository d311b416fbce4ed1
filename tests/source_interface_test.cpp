// The source interface: a user source takes part in everything a built-in
// one does (precedence, merge rules, variants, interpolation, unknown keys,
// type errors and secrets with its origins, explain, live<T> reload and
// watch), and every mistake of a source is reported, never a crash.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include <strata/runtime/live.hpp>

#include "support.hpp"

namespace interface_spec {

using strata::annotated;

struct Postgres {
  std::string host = "pg";
  int port = 5432;
};
BOOST_DESCRIBE_STRUCT(Postgres, (), (host, port))
struct Sqlite {
  std::string path = "app.db";
};
BOOST_DESCRIBE_STRUCT(Sqlite, (), (path))

struct Db {
  std::string host = "localhost";
  annotated<std::string, strata::secret, strata::min_length<12>> password = "default-password";
};
BOOST_DESCRIBE_STRUCT(Db, (), (host, password))

struct App {
  std::string name = "app";
  int workers = 1;
  std::uint64_t big = 0;
  std::vector<int> ports{80};
  std::map<std::string, std::string> labels;
  Db db;
  annotated<std::variant<Postgres, Sqlite>, strata::discriminator<"kind">> store;
};
BOOST_DESCRIBE_STRUCT(App, (), (name, workers, big, ports, labels, db, store))

/// A key-value store in memory, as a secret manager or a database would
/// be: flat dotted keys, each value with a name of its own. Copies share
/// the data, which the test changes between loads.
class memory_store {
 public:
  struct entry {
    strata::scalar::kind kind = strata::scalar::kind::text;
    std::string text;
  };
  using data = std::map<std::string, entry>;

  explicit memory_store(std::string name = "vault", bool interpolate = false)
      : name_(std::move(name)), interpolate_(interpolate), data_(std::make_shared<guarded>()) {}

  void put(const std::string& key, std::string value, strata::scalar::kind kind = strata::scalar::kind::text) {
    std::lock_guard lock(data_->mutex);
    data_->values[key] = {kind, std::move(value)};
  }

  void read(strata::source_context& ctx) const {
    std::lock_guard lock(data_->mutex);
    strata::layer_node root = ctx.add_layer(name_, {.file = false, .interpolate = interpolate_});
    for (const auto& [key, e] : data_->values) {
      strata::layer_node table = root;
      std::string_view rest = key;
      for (auto dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
        table = table.table(rest.substr(0, dot));
        rest.remove_prefix(dot + 1);
      }
      const std::string origin_name = name_ + ":secret/app#" + key;
      const strata::location at{.name = origin_name};
      switch (e.kind) {
        case strata::scalar::kind::string: table.set(rest, strata::scalar(e.text), at); break;
        case strata::scalar::kind::literal: table.set(rest, strata::scalar::literal(e.text), at); break;
        default: table.set(rest, strata::scalar::text(e.text), at); break;
      }
    }
  }

 private:
  struct guarded {
    std::mutex mutex;
    data values;
  };
  std::string name_;
  bool interpolate_;
  std::shared_ptr<guarded> data_;
};

/// A source that fails.
struct throwing_source {
  void read(strata::source_context& ctx) const {
    ctx.add_layer("half").set("workers", 7);
    throw std::runtime_error("connection refused");
  }
  std::string name() const { return "flaky store"; }
};

/// A source that makes every mistake a source can make.
struct careless_source {
  void read(strata::source_context& ctx) const {
    strata::layer_node root = ctx.add_layer("careless", {.file = true});
    root.set("name", "first", {.line = 1, .column = 8});
    root.set("name", "second", {.line = 2, .column = 8, .key_line = 2, .key_column = 1});
    strata::layer_node ports = root.list("ports", {.line = 3, .column = 9});
    ports.set("oops", 1, {.line = 3, .column = 10});
    ports.add(8080, {.line = 3, .column = 10});
    root.table("name").set("x", 1);  // a table where a value is
  }
};

/// Contributes a variable to the load's environment.
struct variable_source {
  void read(strata::source_context&) const {}
  void add_variables(strata::variables_context& ctx) const {
    ctx.set("SERVICE_NAME", "from-variables", strata::origin{strata::origin_kind::source, "registry"});
  }
};

/// Tells live<T> when its value changed, and how it is doing.
class pushing_source {
 public:
  pushing_source() : state_(std::make_shared<state>()) {}
  void set_workers(int n) {
    {
      std::lock_guard lock(state_->mutex);
      state_->workers = n;
      ++state_->version;
    }
    state_->wake.notify_all();
  }
  void read(strata::source_context& ctx) const {
    std::lock_guard lock(state_->mutex);
    ctx.add_layer("push").set("workers", state_->workers, {.name = "push@" + std::to_string(state_->version)});
    ctx.watch_file(state_->marker);
  }
  void watch(std::stop_token stop, strata::change_notifier& notify) const {
    std::unique_lock lock(state_->mutex);
    int seen = state_->version;
    notify.status(true, "watching");
    while (!stop.stop_requested()) {
      state_->wake.wait_for(lock, std::chrono::milliseconds(2), [&] { return state_->version != seen; });
      if (state_->version == seen) continue;
      seen = state_->version;
      lock.unlock();
      notify.status(seen % 2 == 0, seen % 2 == 0 ? "" : "odd version");
      notify.changed();
      lock.lock();
    }
  }
  std::string name() const { return "pusher"; }

 private:
  struct state {
    std::mutex mutex;
    std::condition_variable wake;
    int workers = 1, version = 0;
    std::filesystem::path marker = "/nonexistent/strata-push-marker";
  };
  std::shared_ptr<state> state_;
};

}  // namespace interface_spec

using namespace interface_spec;
using strata_test::contains;
using strata_test::only_at;
using strata_test::temp_dir;
using vars = std::map<std::string, std::string>;

TEST_CASE("a user source's values, with their own names as origins") {
  memory_store vault;
  vault.put("db.host", "db.internal");
  vault.put("workers", "8");
  auto r = strata::configuration(vault).load<App>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->db.host == "db.internal");
  CHECK(r->workers == 8);  // text, read by the field's type
  CHECK(r.origin_of("workers") == strata::origin{strata::origin_kind::source, "vault:secret/app#workers"});
  CHECK(contains(strata::explain(r), "# vault:secret/app#db.host"));
}

TEST_CASE("a user source sits in precedence order: later wins, tables merge, arrays replace") {
  memory_store vault;
  vault.put("ports", "[1, 2]", strata::scalar::kind::literal);
  vault.put("labels.tier", "gold");
  auto ctx = [&](bool vault_last) {
    const auto toml = strata::toml_text("ports = [9]\n[labels]\nteam = \"core\"\ntier = \"silver\"\n", "app.toml");
    return vault_last ? strata::configuration(toml, vault) : strata::configuration(vault, toml);
  };
  auto last = ctx(true).load<App>();
  REQUIRE(last.ok());
  CHECK(last->ports == std::vector<int>{1, 2});
  CHECK(last->labels == std::map<std::string, std::string>{{"team", "core"}, {"tier", "gold"}});
  auto first = ctx(false).load<App>();
  CHECK(first->ports == std::vector<int>{9});
  CHECK(first->labels.at("tier") == "silver");
}

TEST_CASE("a user source that switches a variant's alternative resets the subtree") {
  memory_store vault;
  vault.put("store.kind", "sqlite");
  auto r = strata::configuration(strata::toml_text("[store]\nkind = \"postgres\"\nport = 1\n"), vault).load<App>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(std::holds_alternative<Sqlite>(*r->store));
  CHECK(r.origin_of("store.kind").name == "vault:secret/app#store.kind");
}

TEST_CASE("a typed string is not text; unknown keys and type errors carry the source's origins") {
  memory_store vault;
  vault.put("workers", "8", strata::scalar::kind::string);
  vault.put("db.hots", "x");
  auto r = strata::configuration(vault).load<App>();
  const auto type = only_at(r.errors(), "workers");
  CHECK(type.message == "expected an integer, got a string");
  CHECK(type.origin == strata::origin{strata::origin_kind::source, "vault:secret/app#workers"});
  const auto unknown = only_at(r.errors(), "db.hots");
  CHECK(unknown.origin.name == "vault:secret/app#db.hots");
  CHECK(unknown.hint == "did you mean 'host'?");
}

TEST_CASE("a value of the wrong shape from a user source is an error at its origin") {
  memory_store vault;
  vault.put("db", "5");
  auto r = strata::configuration(vault).load<App>();
  const auto e = only_at(r.errors(), "db");
  CHECK(e.message == "expected a table, got a string");
  CHECK(e.origin.name == "vault:secret/app#db");
}

TEST_CASE("interpolation applies to a user layer only when it asks for it") {
  memory_store plain;
  plain.put("name", "${NOT_INTERPOLATED}");
  auto r = strata::configuration(plain, strata::env(vars{})).load<App>();
  CHECK(r->name == "${NOT_INTERPOLATED}");
  memory_store file_like("config-service", true);
  file_like.put("name", "${WHO:nobody}-svc", strata::scalar::kind::string);
  file_like.put("workers", "${NUM_WORKERS}");
  auto i = strata::configuration(file_like, strata::env(vars{{"NUM_WORKERS", "6"}})).load<App>();
  INFO(strata::format(i.diagnostics()));
  REQUIRE(i.ok());
  CHECK(i->name == "nobody-svc");
  CHECK(i->workers == 6);
  CHECK(i.origin_of("workers").via == "NUM_WORKERS");
}

TEST_CASE("a secret from a user source is redacted in every output") {
  memory_store vault;
  vault.put("db.password", "vault-pw");  // too short: an error
  auto r = strata::configuration(vault).load<App>();
  CHECK_FALSE(r.ok());
  const std::string report = strata::format(r.diagnostics()) + strata::to_json(r.diagnostics()) +
                             strata::explain(r) + strata::to_toml(strata::detail::result_access::value(r));
  CHECK_FALSE(contains(report, "vault-pw"));
  CHECK(contains(report, "vault:secret/app#db.password"));  // the name of where it is, never the value
}

TEST_CASE("a source that throws is a diagnostic naming it; what it added is dropped") {
  auto r = strata::configuration(strata::toml_text("workers = 2"), throwing_source{}).load<App>();
  REQUIRE(r.errors().size() == 1);
  const auto e = r.errors().front();
  CHECK(contains(e.message, "interface_spec::throwing_source 'flaky store' failed: connection refused"));
  CHECK(e.origin.kind == strata::origin_kind::source);
  CHECK(strata::detail::result_access::value(r).workers == 2);
}

TEST_CASE("a source's own mistakes are reported where they are, and change nothing") {
  auto r = strata::configuration(careless_source{}).load<App>();
  INFO(strata::format(r.diagnostics()));
  const App& app = strata::detail::result_access::value(r);
  CHECK(app.name == "first");
  CHECK(app.ports == std::vector<int>{8080});
  const auto errors = r.errors();
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].message == "duplicate key 'name'");
  CHECK(errors[0].origin == strata::origin{strata::origin_kind::file, "careless", 2, 1});
  CHECK(errors[0].hint == "first set at line 1");
  CHECK(contains(errors[1].message, "a source put a keyed value into a list"));
  CHECK(errors[1].origin.line == 3);
  CHECK(errors[2].message == "duplicate key 'name'");
}

TEST_CASE("scalars: integers beyond int64 are text, literals are TOML values, dates are dates") {
  struct source {
    void read(strata::source_context& ctx) const {
      strata::layer_node root = ctx.add_layer("typed");
      root.set("big", std::uint64_t{18446744073709551615ull});
      root.set("ports", strata::scalar::literal("[443, \"8443\"]"));
      root.set("name", strata::scalar::date({2024, 6, 17}));
      root.table("labels").set("when", strata::scalar::date_time({2024, 6, 17}, {20, 30, 46}, 0));
    }
  };
  auto r = strata::configuration(source{}).load<App>();
  const App& app = strata::detail::result_access::value(r);
  CHECK(app.big == 18446744073709551615ull);
  CHECK(app.ports == std::vector<int>{443, 8443});
  CHECK(only_at(r.errors(), "name").message == "expected a string, got a date");
  CHECK(only_at(r.errors(), "labels.when").message == "expected a string, got a date-time");
}

TEST_CASE("a source may contribute environment variables for interpolation and env()") {
  auto r = strata::configuration(variable_source{}, strata::toml_text("name = \"${SERVICE_NAME}\"")).load<App>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->name == "from-variables");
}

TEST_CASE("a user file format composes with TOML through register_file_format") {
  // "key: value" lines
  static constexpr std::string_view extensions[] = {".kv"};
  static constexpr strata::file_format kv{
      "key-value", extensions, [](std::string_view text, const std::string& file, strata::layer_node root,
                                  strata::source_context& ctx) {
        int line = 0;
        while (!text.empty()) {
          ++line;
          const std::string_view row = text.substr(0, text.find('\n'));
          text.remove_prefix(std::min(text.size(), row.size() + 1));
          const auto colon = row.find(": ");
          if (colon == std::string_view::npos) {
            ctx.error("expected key: value", strata::origin{strata::origin_kind::file, file, line, 1});
            continue;
          }
          root.set(row.substr(0, colon), strata::scalar::text(row.substr(colon + 2)),
                   {.line = line, .column = static_cast<int>(colon) + 3, .key_line = line, .key_column = 1});
        }
      }};
  strata::register_file_format(kv);
  temp_dir dir;
  dir.write("c/base.kv", "workers: 3\nname: from-kv\nbroken\n");
  const auto top = dir.write("c/app.toml", "defaults = [\"base\"]\nname = \"top\"\n");
  auto r = strata::configuration(strata::toml_file(top)).load<App>();
  const App& app = strata::detail::result_access::value(r);
  CHECK(app.workers == 3);
  CHECK(app.name == "top");
  CHECK(r.origin_of("workers") == strata::origin{strata::origin_kind::file, (dir.path() / "c/base.kv").string(), 1, 10});
  const auto e = r.errors().front();
  CHECK(e.message == "expected key: value");
  CHECK(e.origin.line == 3);
}

TEST_CASE("live<T>::reload reads a user source again") {
  memory_store vault;
  vault.put("workers", "2");
  strata::live<App> live{strata::configuration(vault)};
  CHECK(live.get()->workers == 2);
  std::vector<std::string> changed;
  live.on_change([&](auto, auto, const std::vector<std::string>& paths) { changed = paths; });
  vault.put("workers", "3");
  auto r = live.reload();
  REQUIRE(r.ok());
  CHECK(live.get()->workers == 3);
  CHECK(changed == std::vector<std::string>{"workers"});
  vault.put("workers", "many");
  CHECK_FALSE(live.reload().ok());
  CHECK(live.get()->workers == 3);  // the last good snapshot stays
}

TEST_CASE("live<T>::watch follows a source that tells it changed, and shows its health") {
  pushing_source pusher;
  strata::live<App> live{strata::configuration(pusher)};
  CHECK(live.watch_health().empty());
  live.watch(std::chrono::hours(1));  // no polling to speak of: only the push reloads
  for (int i = 0; i < 1000 && (live.watch_health().empty() || live.watch_health()[0].message != "watching"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  const auto watched = live.watched_files();
  CHECK(std::find(watched.begin(), watched.end(), "/nonexistent/strata-push-marker") != watched.end());
  pusher.set_workers(5);
  for (int i = 0; i < 1000 && live.get()->workers != 5; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  CHECK(live.get()->workers == 5);
  const auto health = live.watch_health();
  REQUIRE(health.size() == 1);
  CHECK(contains(health[0].source, "'pusher'"));
  CHECK_FALSE(health[0].healthy);
  CHECK(health[0].message == "odd version");
  pusher.set_workers(6);
  for (int i = 0; i < 1000 && live.get()->workers != 6; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  CHECK(live.get()->workers == 6);
  CHECK(live.watch_health()[0].healthy);
  live.stop_watching();
  CHECK_FALSE(live.watching());
}

TEST_CASE("a watch() that throws leaves its source unhealthy and live<T> running") {
  struct breaking {
    void read(strata::source_context& ctx) const { ctx.add_layer("b").set("workers", 4); }
    void watch(std::stop_token, strata::change_notifier&) const { throw std::runtime_error("stream closed"); }
  };
  strata::live<App> live{strata::configuration(breaking{})};
  live.watch(std::chrono::milliseconds(5));
  std::vector<strata::watch_status> health;
  for (int i = 0; i < 500; ++i) {
    health = live.watch_health();
    if (!health.empty() && !health[0].healthy) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  REQUIRE(health.size() == 1);
  CHECK_FALSE(health[0].healthy);
  CHECK(health[0].message == "its watch stopped: stream closed");
  CHECK(live.watching());
  CHECK(live.get()->workers == 4);
}
