// examples/custom_source: the JSON source written on the public interface
// loads with line:column origins, composes with TOML both ways, and
// reports JSON's own problems with their places.
#include <map>
#include <string>
#include <vector>

#include <boost/json/src.hpp>  // Boost.JSON, header-only: compiled in this one file

#include "../examples/custom_source/json_source.hpp"
#include "support.hpp"

namespace custom_spec {

using strata::annotated;

struct Db {
  std::string host = "localhost";
  annotated<int, strata::range<1, 64>> pool = 8;
  annotated<std::string, strata::secret> password;
};
BOOST_DESCRIBE_STRUCT(Db, (), (host, pool, password))

struct Service {
  std::string name = "service";
  annotated<int, strata::range<1, 65535>> port = 8080;
  bool debug = false;
  double ratio = 0.5;
  std::uint64_t big = 0;
  std::vector<std::string> origins;
  std::vector<Db> replicas;
  Db db;
};
BOOST_DESCRIBE_STRUCT(Service, (), (name, port, debug, ratio, big, origins, replicas, db))

}  // namespace custom_spec

using namespace custom_spec;
using json_source::json_file;
using strata_test::contains;
using strata_test::only_at;
using strata_test::temp_dir;

namespace {
strata::result<Service> load(const std::filesystem::path& file) {
  return strata::configuration(json_file(file), strata::env(std::map<std::string, std::string>{})).load<Service>();
}
}  // namespace

TEST_CASE("a JSON file loads with every value's line and column") {
  temp_dir dir;
  const auto file = dir.write("s.json", R"({
  "name": "inventory",
  "port": 8443, "debug": true, "ratio": 0.25,
  "big": 18446744073709551615,
  "origins": ["https://a.example", "https://b.example"],
  "replicas": [{"host": "r1"}, {"host": "r2", "pool": 2}]
})");
  auto r = load(file);
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->name == "inventory");
  CHECK(r->port == 8443);
  CHECK(r->debug);
  CHECK(r->ratio == 0.25);
  CHECK(r->big == 18446744073709551615ull);
  CHECK(r->replicas.size() == 2);
  CHECK(r.origin_of("name") == strata::origin{strata::origin_kind::file, file.string(), 2, 11});
  CHECK(r.origin_of("port") == strata::origin{strata::origin_kind::file, file.string(), 3, 11});
  CHECK(r.origin_of("origins[1]").column == 36);
  CHECK(r.origin_of("replicas[1].pool").line == 6);
}

TEST_CASE("JSON type errors and unknown keys point at the value and at the key") {
  temp_dir dir;
  const auto file = dir.write("s.json", "{\n  \"port\": \"8443\",\n  \"db\": {\"pool\": 99, \"hots\": \"x\"}\n}\n");
  auto r = load(file);
  CHECK(only_at(r.errors(), "port").message == "expected an integer, got a string");
  CHECK(only_at(r.errors(), "port").origin.line == 2);
  CHECK(only_at(r.errors(), "db.pool").origin == strata::origin{strata::origin_kind::file, file.string(), 3, 18});
  const auto unknown = only_at(r.errors(), "db.hots");
  CHECK(unknown.origin.column == 22);
  CHECK(unknown.hint == "did you mean 'host'?");
}

TEST_CASE("JSON syntax errors, duplicate keys, nulls and a top that is not an object") {
  temp_dir dir;
  auto syntax = load(dir.write("a.json", "{\n  \"name\": \"x\",\n  \"port\": 80,,\n}\n"));
  REQUIRE(syntax.errors().size() == 1);
  CHECK(contains(syntax.errors().front().message, "invalid JSON"));
  CHECK(syntax.errors().front().origin.line == 3);
  auto dup = load(dir.write("b.json", "{\"port\": 1,\n \"port\": 2}"));
  CHECK(dup.errors().front().message == "duplicate key 'port'");
  CHECK(dup.errors().front().origin.line == 2);
  auto nulls = load(dir.write("c.json", "{\"name\": null, \"origins\": [null]}"));
  CHECK(strata::detail::result_access::value(nulls).name == "service");
  CHECK(nulls.errors().front().message == "null in a list");
  auto top = load(dir.write("d.json", "[1, 2]"));
  CHECK(contains(top.errors().front().message, "must be an object"));
}

TEST_CASE("JSON files compose with TOML in both directions and interpolate") {
  temp_dir dir;
  dir.write("c/base.toml", "[db]\npool = 4\n");
  dir.write("c/db.json", "{\"db\": {\"host\": \"${DB_HOST:json-host}\"}}");
  const auto top = dir.write("c/service.json", "{\"defaults\": [\"base\"], \"name\": \"top\"}");
  auto r = strata::configuration(json_file(top)).load<Service>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->db.pool == 4);
  const auto toml = dir.write("c/app.toml", "defaults = [\"db\"]\n");
  auto t = strata::configuration(json_file(top), strata::toml_file(toml)).load<Service>();
  INFO(strata::format(t.diagnostics()));
  REQUIRE(t.ok());
  CHECK(t->db.host == "json-host");
  CHECK(t.origin_of("db.host").via == "DB_HOST");
}

TEST_CASE("a JSON secret is never shown; a missing JSON file is an error unless optional") {
  temp_dir dir;
  auto r = load(dir.write("s.json", "{\"db\": {\"password\": \"json-secret-value\", \"pool\": \"x\"}}"));
  CHECK_FALSE(r.ok());
  CHECK_FALSE(contains(strata::explain(r) + strata::format(r.diagnostics()), "json-secret-value"));
  auto missing = load(dir.path() / "none.json");
  CHECK(contains(missing.errors().front().message, "not found"));
  auto optional = strata::configuration(json_file(dir.path() / "none.json", strata::optional)).load<Service>();
  CHECK(optional.diagnostics().empty());
}
