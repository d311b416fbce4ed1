// yaml_file and yaml_text: scalars read by the field's type, origins with
// line:column, interpolation and composition as in TOML (YAML and TOML
// files mixed), and every YAML hazard reported with its place.
#include <map>
#include <string>
#include <variant>
#include <vector>

#include <strata/sources/yaml.hpp>

#include "support.hpp"

namespace yaml_spec {

using strata::annotated;

enum class Mode { fast, safe };
BOOST_DESCRIBE_ENUM(Mode, fast, safe)

struct Db {
  std::string host = "localhost";
  annotated<int, strata::range<1, 65535>> port = 5432;
  annotated<std::string, strata::secret> password;
};
BOOST_DESCRIBE_STRUCT(Db, (), (host, port, password))

struct Postgres {
  std::string host = "pg";
  int port = 5432;
};
BOOST_DESCRIBE_STRUCT(Postgres, (), (host, port))
struct Sqlite {
  std::string path = "app.db";
};
BOOST_DESCRIBE_STRUCT(Sqlite, (), (path))

struct App {
  std::string name = "app";
  std::string country = "SE";
  bool enabled = true;
  int workers = 1;
  double ratio = 0.5;
  Mode mode = Mode::safe;
  std::chrono::seconds timeout{30};
  Db db;
  std::vector<std::string> origins;
  std::map<std::string, int> limits;
  std::vector<Db> replicas;
  annotated<std::variant<Postgres, Sqlite>, strata::discriminator<"kind">> store;
};
BOOST_DESCRIBE_STRUCT(App, (), (name, country, enabled, workers, ratio, mode, timeout, db, origins, limits, replicas,
                                store))
STRATA_CONFIGURED(App, {.prefix = "YML_"})

}  // namespace yaml_spec

using namespace yaml_spec;
using strata_test::contains;
using strata_test::only_at;
using strata_test::temp_dir;

namespace {
strata::result<App> load_yaml(std::string text, std::map<std::string, std::string> vars = {}) {
  return strata::configuration(strata::yaml_text(std::move(text), "app.yaml"), strata::env(std::move(vars)))
      .load<App>();
}
}  // namespace

TEST_CASE("YAML scalars are read by the field's type: NO stays a string, 8 an integer, 30s a duration") {
  auto r = load_yaml(R"(
name: strata
country: NO
enabled: no
workers: 8
ratio: 0.25
mode: fast
timeout: 2m
db:
  host: db.internal
  port: 6543
origins:
  - https://a.example
  - https://b.example
limits: {read: 10, write: 2}
)");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->country == "NO");
  CHECK_FALSE(r->enabled);
  CHECK(r->workers == 8);
  CHECK(r->ratio == 0.25);
  CHECK(r->mode == Mode::fast);
  CHECK(r->timeout == std::chrono::minutes(2));
  CHECK(r->db.host == "db.internal");
  CHECK(r->db.port == 6543);
  CHECK(r->origins == std::vector<std::string>{"https://a.example", "https://b.example"});
  CHECK(r->limits == std::map<std::string, int>{{"read", 10}, {"write", 2}});
}

TEST_CASE("a quoted YAML scalar is a string, as a TOML string is") {
  auto r = load_yaml("workers: \"8\"\nname: \"007\"\n");
  CHECK(strata::detail::result_access::value(r).name == "007");
  const auto e = only_at(r.errors(), "workers");
  CHECK(contains(e.message, "expected an integer, got a string"));
  CHECK(e.origin == strata::origin{strata::origin_kind::source, "app.yaml", 1, 10});
}

TEST_CASE("every YAML value keeps its line and column; unknown keys point at the key") {
  temp_dir dir;
  const auto file = dir.write("app.yaml", "db:\n  host: x\n  port: 99999\n  prot: 1\n");
  auto r = strata::configuration(strata::yaml_file(file)).load<App>();
  CHECK(r.origin_of("db.host") == strata::origin{strata::origin_kind::file, file.string(), 2, 9});
  const auto range = only_at(r.errors(), "db.port");
  CHECK(range.origin == strata::origin{strata::origin_kind::file, file.string(), 3, 9});
  const auto unknown = only_at(r.errors(), "db.prot");
  CHECK(unknown.origin == strata::origin{strata::origin_kind::file, file.string(), 4, 3});
  CHECK(unknown.hint == "did you mean 'port'?");
  CHECK(contains(strata::format(r.diagnostics()), file.string() + ":3:9"));
}

TEST_CASE("YAML interpolates ${VAR:default} as TOML does, typed by the field") {
  auto r = load_yaml("workers: ${WORKERS:4}\ndb:\n  port: \"${PORT}\"\n  password: ${DB_PASSWORD}\n",
                     {{"PORT", "7000"}, {"DB_PASSWORD", "s3cr3t-value"}});
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->workers == 4);
  CHECK(r->db.port == 7000);
  CHECK(r.origin_of("db.port").via == "PORT");
  auto missing = load_yaml("db:\n  password: ${DB_PASSWORD}\n");
  const auto e = only_at(missing.errors(), "db.password");
  CHECK(contains(e.message, "DB_PASSWORD is not set"));
  CHECK(e.origin.line == 2);
}

TEST_CASE("a secret from YAML never appears in a report") {
  auto r = load_yaml("db:\n  password: [hunter2-not-a-string]\n  port: hunter2\n");
  CHECK_FALSE(r.ok());
  const std::string report = strata::format(r.diagnostics());
  CHECK(contains(report, "db.password"));
  CHECK(contains(report, "'hunter2' is not"));  // port is not secret
  auto secret = load_yaml("db:\n  password: 12\nworkers: 1\n");
  CHECK(secret.ok());
  CHECK_FALSE(contains(strata::explain(secret), "password = 12"));
}

TEST_CASE("a YAML null leaves the key unset; in a list it is an error") {
  auto r = load_yaml("name:\ndb:\n  host: ~\n  port: null\n");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->name == "app");
  CHECK(r->db.port == 5432);
  auto list = load_yaml("origins:\n  - a\n  -\n");
  CHECK_FALSE(list.ok());
  CHECK(contains(list.errors().front().message, "null"));
  CHECK(list.errors().front().origin.line >= 3);  // yaml-cpp places an empty entry at the next token
}

TEST_CASE("variants, arrays and maps from YAML follow the merge rules of every source") {
  auto r = strata::configuration(strata::yaml_text("store:\n  kind: postgres\n  port: 1\norigins: [a, b]\n", "base.yaml"),
                                 strata::toml_text("origins = [\"c\"]\n[store]\nkind = \"sqlite\"\n", "top.toml"))
               .load<App>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(std::holds_alternative<Sqlite>(*r->store));  // a switch resets the subtree: no unknown 'port'
  CHECK(r->origins == std::vector<std::string>{"c"});
}

TEST_CASE("lists of tables in YAML") {
  auto r = load_yaml("replicas:\n  - host: r1\n    port: 1\n  - {host: r2, port: 2}\n");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  REQUIRE(r->replicas.size() == 2);
  CHECK(r->replicas[1].host == "r2");
  CHECK(r.origin_of("replicas[1].port").line == 4);
}

TEST_CASE("anchors and aliases expand; merge keys merge with explicit keys winning") {
  auto r = load_yaml(R"(
defaults_db: &db
  host: shared
  port: 1111
db:
  <<: *db
  port: 2222
replicas:
  - *db
  - <<: [*db]
    host: other
)");
  // `defaults_db` is not a field: reported, the rest still loads
  CHECK(only_at(r.errors(), "defaults_db").message == "unknown key 'defaults_db'");
  const App& app = strata::detail::result_access::value(r);
  CHECK(app.db.host == "shared");
  CHECK(app.db.port == 2222);
  REQUIRE(app.replicas.size() == 2);
  CHECK(app.replicas[0].port == 1111);
  CHECK(app.replicas[1].host == "other");
  CHECK(app.replicas[1].port == 1111);
  CHECK(r.origin_of("db.host").line == 3);  // where the anchored value is written
}

TEST_CASE("YAML hazards are errors with line and column") {
  struct hazard {
    const char* text;
    const char* message;
    int line;
  };
  const hazard hazards[] = {
      {"name: a\nname: b\n", "duplicate key 'name'", 2},
      {"name: a\n---\nname: b\n", "several YAML documents", 0},
      {"workers: !!int 3\n", "the tag '!!int' is not supported", 1},
      {"name: !custom x\n", "the tag '!custom' is not supported", 1},
      {"? [a, b]\n: 1\n", "keys must be scalars", 1},
      {"- a\n- b\n", "the top of a YAML configuration must be a mapping", 1},
      {"db: {host: x\n", "invalid YAML", 0},
      {"a: &x [*x]\n", "recursive", 1},
      {"db:\n  <<: 3\n", "'<<' merges a mapping", 2},
      {"a: *nothing\n", "invalid YAML", 1},
  };
  for (const hazard& h : hazards) {
    const std::string text = h.text;
    CAPTURE(text);
    auto r = load_yaml(text);
    REQUIRE_FALSE(r.ok());
    INFO(strata::format(r.diagnostics()));
    const auto e = r.errors().front();
    CHECK(contains(e.message, h.message));
    CHECK(e.origin.name == "app.yaml");
    if (h.line) CHECK(e.origin.line == h.line);
  }
}

TEST_CASE("a YAML syntax error names the file, line and column") {
  temp_dir dir;
  const auto file = dir.write("broken.yaml", "name: ok\ndb:\n  host: [a, b\n");
  auto r = strata::configuration(strata::yaml_file(file)).load<App>();
  REQUIRE(r.errors().size() == 1);
  const auto e = r.errors().front();
  CHECK(contains(e.message, "invalid YAML"));
  CHECK(e.origin.kind == strata::origin_kind::file);
  CHECK(e.origin.name == file.string());
  CHECK(e.origin.line >= 3);
  CHECK(e.origin.column > 0);
}

TEST_CASE("a billion laughs stops at the alias limit") {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i)
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + [&] {
      std::string refs;
      for (int k = 0; k < 10; ++k) refs += (k ? ", *a" : "*a") + std::to_string(i - 1);
      return refs;
    }() + "]\n";
  auto r = load_yaml(text);
  REQUIRE_FALSE(r.ok());
  CHECK(contains(r.errors().front().message, "aliases expand to more than"));
}

TEST_CASE("deep YAML nesting is an error naming the limit, block or flow, not a crash") {
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k" + ":\n";
  deep += std::string(400, ' ') + "k: 1\n";
  const std::string flow = "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  std::string flow_maps = "a: ";
  for (int i = 0; i < 20000; ++i) flow_maps += "{a: ";
  for (const std::string& text : {deep, flow, flow_maps}) {
    auto r = load_yaml(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors().size() == 1);
    CHECK(r.errors().front().message == "the document nests deeper than 128 levels");
    CHECK(r.errors().front().origin.line > 0);
  }
}

TEST_CASE("yaml_file: missing required, missing optional, a directory") {
  temp_dir dir;
  auto required = strata::configuration(strata::yaml_file(dir.path() / "nope.yaml")).load<App>();
  REQUIRE(required.errors().size() == 1);
  CHECK(contains(required.errors().front().message, "not found"));
  CHECK(required.errors().front().origin.name == (dir.path() / "nope.yaml").string());
  auto optional = strata::configuration(strata::yaml_file(dir.path() / "nope.yaml", strata::optional)).load<App>();
  CHECK(optional.diagnostics().empty());
  auto directory = strata::configuration(strata::yaml_file(dir.path())).load<App>();
  CHECK(contains(directory.errors().front().message, "is a directory"));
}

TEST_CASE("YAML and TOML files compose each other through defaults lists") {
  temp_dir dir;
  dir.write("conf/base.toml", "workers = 2\nname = \"from-toml\"\n");
  dir.write("conf/db/local.yaml", "db:\n  host: localhost\n  port: 5433\n");
  dir.write("conf/db/remote.yml", "db:\n  host: db.example\n");
  const auto top = dir.write("conf/app.yaml", "defaults:\n  - base\n  - db: local\n  - _self_\nworkers: 3\n");
  auto r = strata::configuration(strata::yaml_file(top)).load<App>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->name == "from-toml");
  CHECK(r->workers == 3);
  CHECK(r->db.port == 5433);
  CHECK(r.origin_of("db.port").name == (dir.path() / "conf/db/local.yaml").string());

  const auto toml_top = dir.write("conf/app.toml", "defaults = [{db = \"remote\"}]\n");
  auto from_toml = strata::configuration(strata::toml_file(toml_top)).load<App>();
  INFO(strata::format(from_toml.diagnostics()));
  REQUIRE(from_toml.ok());
  CHECK(from_toml->db.host == "db.example");
}

TEST_CASE("a name in two formats is ambiguous in a defaults list") {
  temp_dir dir;
  dir.write("c/base.toml", "workers = 2\n");
  dir.write("c/base.yaml", "workers: 3\n");
  const auto top = dir.write("c/app.yaml", "defaults: [base]\n");
  auto r = strata::configuration(strata::yaml_file(top)).load<App>();
  const auto e = only_at(r.errors(), "defaults");
  CHECK(contains(e.message, "ambiguous"));
  CHECK(e.hint == "name the file with its extension");
  const auto named = dir.write("c/named.yaml", "defaults: [base.yaml]\n");
  auto ok = strata::configuration(strata::yaml_file(named)).load<App>();
  CHECK(ok.ok());
  CHECK(ok->workers == 3);
}

TEST_CASE("profile() reads YAML profiles too") {
  temp_dir dir;
  dir.write("p/base.yaml", "workers: 2\n");
  dir.write("p/staging.yaml", "workers: 5\n");
  auto r = strata::configuration(strata::profile(dir.path() / "p", "staging")).load<App>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->workers == 5);
  CHECK(strata::profile(dir.path() / "p").available() == std::vector<std::string>{"staging"});
}
