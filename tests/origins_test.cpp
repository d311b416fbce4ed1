// tests/origins_test.cpp: every origin names what set that very value (the
// variable, the argument, the override, the file's line) or says `default`;
// explain, dump --show-origin and origin_of() say the same for every leaf.
#include <map>
#include <string>
#include <variant>
#include <vector>

#include <boost/describe.hpp>

#include "support.hpp"

namespace origins_test {

struct Pg {
  std::string host = "localhost";
  int port = 5432;
};
BOOST_DESCRIBE_STRUCT(Pg, (), (host, port))

struct Lite {
  static constexpr std::string_view tag = "sqlite";
  std::string path = "app.db";
};
BOOST_DESCRIBE_STRUCT(Lite, (), (path))

struct Api {
  std::string url = "http://localhost";
  int workers = 1;
  std::map<std::string, std::string> labels;
  std::vector<int> ids;
};
BOOST_DESCRIBE_STRUCT(Api, (), (url, workers, labels, ids))

struct App {
  int port = 8000;
  Api api;
  strata::annotated<std::variant<Lite, Pg>, strata::discriminator<"kind">> db;
  Api admin;
};
BOOST_DESCRIBE_STRUCT(App, (), (port, api, db, admin))
STRATA_CONFIGURED(App, {.prefix = "OG_", .mapping = strata::mapping::tree})

strata::result<App> load_mixed() {
  return strata::configuration(strata::toml_text("[api]\nurl = \"http://api\"\n", "app.toml"),
                               strata::env(std::map<std::string, std::string>{{"OG_API__WORKERS", "4"},
                                                                              {"OG_ADMIN__LABELS__TEAM", "core"}}),
                               strata::args({"port=9000"}))
      .overrides({"db.kind=pg"})
      .load<App>();
}

/// "path = value  # origin" lines of explain, as (path, origin).
std::map<std::string, std::string> explained(const std::string& text) {
  std::map<std::string, std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find('\n', at);
    const std::string line = text.substr(at, end - at);
    at = end + 1;
    const auto eq = line.find(" = "), hash = line.rfind("  # ");
    if (eq == std::string::npos || hash == std::string::npos) continue;
    std::string path = line.substr(0, eq);
    while (!path.empty() && path.back() == ' ') path.pop_back();
    out[path] = line.substr(hash + 4);
  }
  return out;
}

/// The `key = value  # origin` lines of dump --show-origin, as (full path, origin).
std::map<std::string, std::string> dumped(const std::string& text) {
  std::map<std::string, std::string> out;
  std::string table;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find('\n', at);
    const std::string line = text.substr(at, end - at);
    at = end + 1;
    if (line.starts_with('[')) {
      table = line.substr(1, line.size() - 2);
      continue;
    }
    const auto eq = line.find(" = "), hash = line.rfind("  # ");
    if (eq == std::string::npos || hash == std::string::npos) continue;
    out[(table.empty() ? "" : table + ".") + line.substr(0, eq)] = line.substr(hash + 4);
  }
  return out;
}

}  // namespace origins_test

using namespace origins_test;
using strata_test::contains;

TEST_CASE("every origin names the variable, argument or override that set the value, or says default") {
  const auto r = load_mixed();
  REQUIRE(r.ok());
  CHECK(strata::to_string(r.origin_of("port")) == "argument 'port=9000'");
  CHECK(strata::to_string(r.origin_of("api.url")) == "app.toml:2:7");
  CHECK(strata::to_string(r.origin_of("api.workers")) == "env OG_API__WORKERS");
  CHECK(strata::to_string(r.origin_of("admin.labels.TEAM")) == "env OG_ADMIN__LABELS__TEAM");
  CHECK(strata::to_string(r.origin_of("db.kind")) == "override 'db.kind=pg'");
  // the override made the table db, and set only its tag
  CHECK(strata::to_string(r.origin_of("db.port")) == "default");
  CHECK(strata::to_string(r.origin_of("db.host")) == "default");
  // the environment made the table admin, and set only admin.labels.TEAM (a map key keeps the variable's case)
  CHECK(strata::to_string(r.origin_of("admin.workers")) == "default");
  CHECK(strata::to_string(r.origin_of("admin.url")) == "default");
  CHECK(strata::to_string(r.origin_of("api.labels")) == "default");
}

TEST_CASE("explain, dump --show-origin and origin_of() agree on every leaf") {
  const auto r = load_mixed();
  REQUIRE(r.ok());
  const std::string explain = strata::explain(r);
  const std::string dump = strata::detail::toml_with_origins(r);
  INFO(explain, "\n", dump);
  CHECK_FALSE(contains(explain, "env environment"));
  CHECK_FALSE(contains(dump, "env environment"));
  const auto by_explain = explained(explain);
  const auto by_dump = dumped(dump);
  REQUIRE(by_explain.size() >= 10);
  for (const auto& [path, from] : by_explain) {
    CAPTURE(path);
    CHECK(from == strata::to_string(r.origin_of(path)));
    if (auto it = by_dump.find(path); it != by_dump.end()) CHECK(it->second == from);
  }
  for (const auto& [path, from] : by_dump) {
    CAPTURE(path);
    CHECK(from == strata::to_string(r.origin_of(path)));
  }
  CHECK(by_explain.at("db.port") == "default");
  CHECK(by_dump.at("db.port") == "default");
}
