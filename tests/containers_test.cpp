// Compound field types: std::optional, std::vector (replaced whole across
// layers), std::map and std::unordered_map<std::string, T> and nested structs
// (merged key by key), with element paths in errors.
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "support.hpp"

namespace containers_spec {

using strata::annotated;

struct Endpoint {
  std::string host = "localhost";
  annotated<int, strata::range<1, 65535>> port = 80;
};
BOOST_DESCRIBE_STRUCT(Endpoint, (), (host, port))

struct Containers {
  std::optional<int> retries;
  std::optional<std::string> proxy;
  std::optional<Endpoint> fallback;
  std::vector<std::string> origins;
  std::vector<int> ports{1, 2};
  std::vector<Endpoint> upstreams;
  std::vector<std::vector<int>> matrix;
  std::map<std::string, std::string> labels{{"team", "core"}};
  std::unordered_map<std::string, int> limits;
  std::map<std::string, Endpoint> backends;
  Endpoint primary;
};
BOOST_DESCRIBE_STRUCT(Containers, (), (retries, proxy, fallback, origins, ports, upstreams, matrix, labels, limits,
                                      backends, primary))

}  // namespace containers_spec

using namespace containers_spec;
using strata_test::at;
using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;

namespace {
strata::result<Containers> layered(std::string base, std::string top) {
  return strata::configuration(strata::toml_text(std::move(base), "base.toml"), strata::toml_text(std::move(top), "top.toml"))
      .load<Containers>();
}
}  // namespace

// --- optional ----------------------------------------------------------------

TEST_CASE("an optional field no source sets stays empty") {
  auto r = strata::configuration().load<Containers>();
  REQUIRE(r.ok());
  CHECK_FALSE(r.value().retries.has_value());
  CHECK_FALSE(r.value().proxy.has_value());
  CHECK_FALSE(r.value().fallback.has_value());
}

TEST_CASE("an optional field that a source sets holds the value") {
  auto r = load_toml<Containers>("retries = 3\nproxy = \"http://proxy\"\n[fallback]\nport = 8080\n");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.value().retries == 3);
  CHECK(r.value().proxy == "http://proxy");
  REQUIRE(r.value().fallback.has_value());
  CHECK(r.value().fallback->host == "localhost");  // unset fields of the struct keep their defaults
  CHECK(r.value().fallback->port == 8080);
}

TEST_CASE("an optional field reports errors of its value type") {
  CHECK(contains(only_at(load_toml<Containers>("retries = \"3\"").errors(), "retries").message, "expected an integer"));
  CHECK(contains(only_at(load_toml<Containers>("[fallback]\nport = 0").errors(), "fallback.port").message,
                 "must be in [1, 65535]"));
}

// --- vector ------------------------------------------------------------------

TEST_CASE("a list field takes a TOML array") {
  auto r = load_toml<Containers>(R"(
origins = ["a", "b", "c"]
ports = []
matrix = [[1, 2], [3]]
[[upstreams]]
host = "u1"
[[upstreams]]
port = 9000
)");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.value().origins == std::vector<std::string>{"a", "b", "c"});
  CHECK(r.value().ports.empty());
  CHECK(r.value().matrix == std::vector<std::vector<int>>{{1, 2}, {3}});
  REQUIRE(r.value().upstreams.size() == 2);
  CHECK(r.value().upstreams[0].host == "u1");
  CHECK(r.value().upstreams[0].port == 80);
  CHECK(r.value().upstreams[1].host == "localhost");
  CHECK(r.value().upstreams[1].port == 9000);
}

TEST_CASE("an element error names the element's index and position") {
  auto r = load_toml<Containers>("origins = [\"a\", \"b\", 3]\n");
  const auto e = only_at(r.errors(), "origins[2]");
  CHECK(contains(e.message, "expected a string, got an integer"));
  CHECK(e.origin.kind == strata::origin_kind::file);
  CHECK(e.origin.name == "config.toml");
  CHECK(e.origin.line == 1);
  CHECK(e.origin.column == 22);
}

TEST_CASE("errors inside list elements have full paths") {
  auto r = load_toml<Containers>(R"(
matrix = [[1], [2, "x"]]
[[upstreams]]
host = "ok"
[[upstreams]]
port = 70000
prot = 1
)");
  CHECK(r.errors().size() == 3);
  CHECK(contains(only_at(r.errors(), "matrix[1][1]").message, "expected an integer"));
  CHECK(contains(only_at(r.errors(), "upstreams[1].port").message, "must be in [1, 65535]"));
  const auto unknown = only_at(r.errors(), "upstreams[1].prot");
  CHECK(unknown.hint == "did you mean 'port'?");
  CHECK(unknown.origin.line == 7);
}

TEST_CASE("a list in a higher layer replaces the lower one whole") {
  auto r = layered("origins = [\"a\", \"b\", \"c\"]\nports = [1, 2, 3]\n", "origins = [\"d\"]\n");
  REQUIRE(r.ok());
  CHECK(r.value().origins == std::vector<std::string>{"d"});
  CHECK(r.value().ports == std::vector<int>{1, 2, 3});  // untouched by the top layer
  CHECK(r.origin_of("origins").name == "top.toml");
  CHECK(r.origin_of("ports").name == "base.toml");

  auto emptied = layered("origins = [\"a\"]", "origins = []");
  REQUIRE(emptied.ok());
  CHECK(emptied.value().origins.empty());
}

TEST_CASE("a list of tables in a higher layer replaces the lower one whole") {
  auto r = layered("[[upstreams]]\nhost = \"a\"\n[[upstreams]]\nhost = \"b\"\n", "[[upstreams]]\nport = 81\n");
  REQUIRE(r.ok());
  REQUIRE(r.value().upstreams.size() == 1);
  CHECK(r.value().upstreams[0].host == "localhost");
  CHECK(r.value().upstreams[0].port == 81);
}

TEST_CASE("only the effective list is decoded") {
  auto r = layered("origins = [1, 2]", "origins = [\"fine\"]");
  CHECK(r.ok());
}

TEST_CASE("a list field rejects a non-array") {
  const auto e = only_at(load_toml<Containers>("origins = \"a,b\"").errors(), "origins");
  CHECK(contains(e.message, "expected a list, got a string"));
}

// --- maps --------------------------------------------------------------------

TEST_CASE("map fields take a TOML table with any keys") {
  auto r = load_toml<Containers>(R"(
[labels]
env = "prod"
"a.b" = "dotted"
[limits]
cpu = 2
mem = 512
[backends.eu]
host = "eu.example"
)");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.value().labels.at("team") == "core");  // the C++ default entry stays
  CHECK(r.value().labels.at("env") == "prod");
  CHECK(r.value().labels.at("a.b") == "dotted");
  CHECK(r.value().limits.at("cpu") == 2);
  CHECK(r.value().limits.at("mem") == 512);
  CHECK(r.value().backends.at("eu").host == "eu.example");
  CHECK(r.value().backends.at("eu").port == 80);
}

TEST_CASE("maps merge key by key across layers") {
  auto r = layered("[labels]\nteam = \"infra\"\nenv = \"dev\"\n[limits]\ncpu = 1\n[backends.eu]\nhost = \"eu\"\n",
                   "[labels]\nenv = \"prod\"\n[limits]\nmem = 2\n[backends.eu]\nport = 81\n[backends.us]\nport = 82\n");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  const Containers& c = r.value();
  CHECK(c.labels == std::map<std::string, std::string>{{"team", "infra"}, {"env", "prod"}});
  CHECK(c.limits == std::unordered_map<std::string, int>{{"cpu", 1}, {"mem", 2}});
  REQUIRE(c.backends.size() == 2);
  CHECK(c.backends.at("eu").host == "eu");
  CHECK(c.backends.at("eu").port == 81);
  CHECK(c.backends.at("us").host == "localhost");
  CHECK(c.backends.at("us").port == 82);
  CHECK(r.origin_of("labels.env").name == "top.toml");
  CHECK(r.origin_of("labels.team").name == "base.toml");
}

TEST_CASE("an error in a map entry names the entry") {
  auto r = load_toml<Containers>("[limits]\ncpu = \"two\"\n[labels]\n\"a.b\" = 1\n[backends.eu]\nport = 0\n");
  CHECK(r.errors().size() == 3);
  CHECK(contains(only_at(r.errors(), "limits.cpu").message, "expected an integer"));
  CHECK(contains(only_at(r.errors(), "labels.\"a.b\"").message, "expected a string"));
  CHECK(contains(only_at(r.errors(), "backends.eu.port").message, "must be in [1, 65535]"));
  CHECK(only_at(r.errors(), "limits.cpu").origin.line == 2);
}

TEST_CASE("a map field rejects a non-table") {
  CHECK(contains(only_at(load_toml<Containers>("limits = [1]").errors(), "limits").message,
                 "expected a table, got a list"));
}

// --- nested structs ------------------------------------------------------------

TEST_CASE("nested structs merge key by key across layers") {
  auto r = layered("[primary]\nhost = \"db.internal\"\nport = 5432\n", "[primary]\nport = 6432\n");
  REQUIRE(r.ok());
  CHECK(r.value().primary.host == "db.internal");
  CHECK(r.value().primary.port == 6432);
  CHECK(r.origin_of("primary.host").name == "base.toml");
  CHECK(r.origin_of("primary.port").name == "top.toml");
  CHECK(r.origin_of("primary.port").line == 2);
}

TEST_CASE("a nested struct accepts dotted keys and inline tables") {
  auto dotted = load_toml<Containers>("primary.host = \"a\"\nprimary.port = 1\n");
  REQUIRE(dotted.ok());
  CHECK(dotted.value().primary.host == "a");
  auto inline_table = load_toml<Containers>("primary = { host = \"b\", port = 2 }\n");
  REQUIRE(inline_table.ok());
  CHECK(inline_table.value().primary.port == 2);
}

TEST_CASE("a nested struct rejects a non-table and keeps its defaults") {
  auto r = load_toml<Containers>("primary = 5\n");
  const auto e = only_at(r.errors(), "primary");
  CHECK(contains(e.message, "expected a table, got an integer"));
  CHECK(at(r.errors(), "primary.host").empty());
}

TEST_CASE("origins name map entries with quoted keys and list elements inside structs exactly") {
  auto r = load_toml<Containers>(
      "[labels]\n\"team.name\" = \"core\"\nplain = \"x\"\n"
      "[backends.\"eu west\"]\nport = 81\n"
      "[[upstreams]]\nhost = \"a\"\n[[upstreams]]\nport = 82\n");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.origin_of("labels.\"team.name\"").line == 2);
  CHECK(r.origin_of("labels.plain").line == 3);
  CHECK(r.origin_of("backends.\"eu west\".port").line == 5);
  CHECK(r.origin_of("upstreams[1].port").line == 9);
  CHECK(r.origin_of("upstreams[0].port").kind == strata::origin_kind::defaults);
  std::vector<std::string> paths;
  for (const auto& [path, where] : r.origins()) paths.push_back(path);
  CHECK(std::find(paths.begin(), paths.end(), "labels.\"team.name\"") != paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "upstreams[0].host") != paths.end());
}
