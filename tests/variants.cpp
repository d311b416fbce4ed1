// Discriminated variants: tags, layers, env, args, pins, lists and maps.
#include <doctest/doctest.h>

#include <strata/load.hpp>

namespace vt {
struct Postgres {
  std::string host = "localhost";
  strata::annotated<int, strata::range<1, 65535>> port = 5432;
};
BOOST_DESCRIBE_STRUCT(Postgres, (), (host, port))

struct Sqlite {
  std::string path = "app.db";
};
BOOST_DESCRIBE_STRUCT(Sqlite, (), (path))

struct MySql {
  static constexpr std::string_view tag = "mysql";
  std::string host = "localhost";
  std::string kind;  // receives the tag
};
BOOST_DESCRIBE_STRUCT(MySql, (), (host, kind))

struct FileSink {
  std::string path;
};
BOOST_DESCRIBE_STRUCT(FileSink, (), (path))

struct SyslogSink {
  std::string facility = "user";
};
BOOST_DESCRIBE_STRUCT(SyslogSink, (), (facility))

using Database = std::variant<Postgres, Sqlite, MySql>;
using Sink = std::variant<FileSink, SyslogSink>;

struct App {
  strata::annotated<Database, strata::discriminator<"kind">> db;
  strata::annotated<Database, strata::discriminator<"kind">, strata::value<"sqlite">> cache;
  strata::annotated<std::vector<Sink>, strata::discriminator<"type">> sinks;
  strata::annotated<std::map<std::string, Sink>, strata::discriminator<"type">> named;
};
BOOST_DESCRIBE_STRUCT(App, (), (db, cache, sinks, named))
STRATA_CONFIGURED(App, {.prefix = "APP_", .mapping = strata::mapping::tree})

struct GitSource {
  std::string url;
  std::string tag;  // a git tag: a field like any other, not the alternative's tag
};
BOOST_DESCRIBE_STRUCT(GitSource, (), (url, tag))

struct RegistrySource {
  std::string version;
};
BOOST_DESCRIBE_STRUCT(RegistrySource, (), (version))

struct Fetch {
  strata::annotated<std::variant<RegistrySource, GitSource>, strata::discriminator<"source">> from;
};
BOOST_DESCRIBE_STRUCT(Fetch, (), (from))
}  // namespace vt

using vt::App;
using vars = std::map<std::string, std::string>;

namespace {
strata::result<App> load(std::string base, std::string top = {}) {
  if (top.empty()) return strata::configuration(strata::toml_text(std::move(base), "base.toml")).load<App>();
  return strata::configuration(strata::toml_text(std::move(base), "base.toml"), strata::toml_text(std::move(top), "top.toml"))
      .load<App>();
}
}  // namespace

static_assert(strata::detail::tag_of<vt::Postgres>() == "postgres");
static_assert(strata::detail::tag_of<vt::SyslogSink>() == "syslog_sink");
static_assert(strata::detail::tag_of<vt::GitSource>() == "git_source");
static_assert(strata::detail::tag_of<vt::MySql>() == "mysql");
static_assert(strata::env_name<App>("db.kind") == "APP_DB__KIND");
static_assert(strata::env_name<App>("db.path") == "APP_DB__PATH");
static_assert(strata::env_name<App>("sinks[0].path") == "APP_SINKS__0__PATH");

TEST_CASE("the tag selects the alternative") {
  auto r = load("[db]\nkind = \"postgres\"\nhost = \"pg.internal\"\nport = 6000\n");
  REQUIRE(r.ok());
  const auto& pg = std::get<vt::Postgres>(*r.value().db);
  CHECK(pg.host == "pg.internal");
  CHECK(pg.port == 6000);
  CHECK(r.origin_of("db.kind").line == 2);
}

TEST_CASE("with no source setting the variant the C++ default alternative stands") {
  auto r = load("");
  REQUIRE(r.ok());
  CHECK(r.value().db->index() == 0);
}

TEST_CASE("a missing tag lists the valid tags") {
  auto r = load("[db]\nhost = \"x\"\n");
  REQUIRE(r.errors().size() == 1);
  CHECK(r.errors()[0].path == "db.kind");
  CHECK(r.errors()[0].message.find("'postgres', 'sqlite', 'mysql'") != std::string::npos);
}

TEST_CASE("an unknown tag lists the valid ones with a did-you-mean") {
  auto r = load("[db]\nkind = \"sqlit\"\n");
  REQUIRE(r.errors().size() == 1);
  CHECK(r.errors()[0].path == "db.kind");
  CHECK(r.errors()[0].message.find("'sqlit'") != std::string::npos);
  CHECK(r.errors()[0].message.find("'postgres', 'sqlite', 'mysql'") != std::string::npos);
  CHECK(r.errors()[0].hint == "did you mean 'sqlite'?");
  CHECK(r.errors()[0].origin.line == 2);
}

TEST_CASE("a tag that is not a string is a type error") {
  auto r = load("[db]\nkind = 3\n");
  REQUIRE(r.errors().size() == 1);
  CHECK(r.errors()[0].path == "db.kind");
  CHECK(r.errors()[0].message.find("got an integer") != std::string::npos);
}

TEST_CASE("errors inside the chosen alternative carry the full path") {
  auto r = load("[db]\nkind = \"postgres\"\nport = 70000\nprot = 1\n");
  REQUIRE(r.errors().size() == 2);
  CHECK(r.errors()[0].path == "db.port");
  CHECK(r.errors()[1].path == "db.prot");
  CHECK(r.errors()[1].hint == "did you mean 'port'?");
}

TEST_CASE("a custom tag replaces the snake_case name, and a field named like the discriminator receives it") {
  auto r = load("[db]\nkind = \"mysql\"\nhost = \"m\"\n");
  REQUIRE(r.ok());
  const auto& my = std::get<vt::MySql>(*r.value().db);
  CHECK(my.host == "m");
  CHECK(my.kind == "mysql");
}

TEST_CASE("a data member named tag is a field of the alternative, not its tag") {
  const auto r = strata::configuration(
                     strata::toml_text("[from]\nsource = \"git_source\"\nurl = \"https://x.example/r.git\"\ntag = \"v1.2\"\n",
                                       "fetch.toml"))
                     .load<vt::Fetch>();
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  const auto& git = std::get<vt::GitSource>(*r.value().from);
  CHECK(git.url == "https://x.example/r.git");
  CHECK(git.tag == "v1.2");
}

TEST_CASE("a higher layer that switches the tag drops the lower layer's fields") {
  auto r = load("[db]\nkind = \"postgres\"\nhost = \"pg\"\nport = 6000\n", "[db]\nkind = \"sqlite\"\npath = \"/data/app.db\"\n");
  REQUIRE(r.ok());  // no unknown-key noise from host and port
  CHECK(r.diagnostics().empty());
  CHECK(std::get<vt::Sqlite>(*r.value().db).path == "/data/app.db");
}

TEST_CASE("a higher layer with the same tag merges field by field") {
  auto r = load("[db]\nkind = \"postgres\"\nhost = \"pg\"\n", "[db]\nkind = \"postgres\"\nport = 6001\n");
  REQUIRE(r.ok());
  const auto& pg = std::get<vt::Postgres>(*r.value().db);
  CHECK(pg.host == "pg");
  CHECK(pg.port == 6001);
}

TEST_CASE("a higher layer without a tag merges into the lower layer's alternative") {
  auto r = load("[db]\nkind = \"postgres\"\nhost = \"pg\"\n", "[db]\nport = 6002\n");
  REQUIRE(r.ok());
  CHECK(std::get<vt::Postgres>(*r.value().db).port == 6002);
  CHECK(std::get<vt::Postgres>(*r.value().db).host == "pg");
}

TEST_CASE("a switch in a higher layer keeps its own untagged fields above it") {
  auto r = strata::configuration(strata::toml_text("[db]\nkind = \"postgres\"\nhost = \"pg\"\n", "a.toml"),
                                 strata::toml_text("[db]\nkind = \"sqlite\"\n", "b.toml"),
                                 strata::toml_text("[db]\npath = \"/top.db\"\n", "c.toml"))
               .load<App>();
  REQUIRE(r.ok());
  CHECK(std::get<vt::Sqlite>(*r.value().db).path == "/top.db");
}

TEST_CASE("a field of another alternative is an unknown key") {
  auto r = load("[db]\nkind = \"sqlite\"\nhost = \"pg\"\n");
  REQUIRE(r.errors().size() == 1);
  CHECK(r.errors()[0].path == "db.host");
}

TEST_CASE("env selects and fills the alternative, and a switch there drops the file's fields") {
  auto r = strata::configuration(strata::toml_text("[db]\nkind = \"postgres\"\nhost = \"pg\"\n", "base.toml"),
                                 strata::env(vars{{"APP_DB__KIND", "sqlite"}, {"APP_DB__PATH", "/env.db"}}))
               .load<App>();
  REQUIRE(r.ok());
  CHECK(std::get<vt::Sqlite>(*r.value().db).path == "/env.db");
  CHECK(r.origin_of("db.kind").name == "APP_DB__KIND");
  CHECK(r.origin_of("db.path").name == "APP_DB__PATH");
}

TEST_CASE("env fields without a tag merge into the file's alternative") {
  auto r = strata::configuration(strata::toml_text("[db]\nkind = \"postgres\"\n", "base.toml"),
                                 strata::env(vars{{"APP_DB__PORT", "7000"}}))
               .load<App>();
  REQUIRE(r.ok());
  CHECK(std::get<vt::Postgres>(*r.value().db).port == 7000);
}

TEST_CASE("an unknown tag from env names the variable") {
  auto r = strata::configuration(strata::env(vars{{"APP_DB__KIND", "oracle"}})).load<App>();
  REQUIRE(r.errors().size() == 1);
  CHECK(r.errors()[0].origin == strata::origin{strata::origin_kind::env, "APP_DB__KIND"});
}

TEST_CASE("args and overrides switch the alternative") {
  const char* argv[] = {"prog", "db.kind=sqlite"};
  auto r = strata::configuration(strata::toml_text("[db]\nkind = \"postgres\"\nhost = \"pg\"\n", "base.toml"),
                                 strata::args(2, argv))
               .overrides({"db.path=/o.db"})
               .load<App>();
  REQUIRE(r.ok());
  CHECK(std::get<vt::Sqlite>(*r.value().db).path == "/o.db");
}

TEST_CASE("value<\"sqlite\"> pins the alternative") {
  App defaults;
  CHECK(std::holds_alternative<vt::Sqlite>(*defaults.cache));
  auto r = load("[cache]\npath = \"/cache.db\"\n");
  REQUIRE(r.ok());
  CHECK(std::get<vt::Sqlite>(*r.value().cache).path == "/cache.db");
  CHECK(r.origin_of("cache.kind").kind == strata::origin_kind::value);
}

TEST_CASE("a source naming another alternative for a pinned variant gets a warning") {
  auto r = load("[cache]\nkind = \"postgres\"\nhost = \"x\"\n");
  REQUIRE(r.ok());
  REQUIRE(r.warnings().size() == 1);
  CHECK(r.warnings()[0].path == "cache.kind");
  CHECK(r.warnings()[0].message.find("pinned to 'sqlite'") != std::string::npos);
  CHECK(std::holds_alternative<vt::Sqlite>(*r.value().cache));
}

TEST_CASE("variants in a list each choose their own alternative") {
  auto r = load("[[sinks]]\ntype = \"file_sink\"\npath = \"/var/log/app\"\n[[sinks]]\ntype = \"syslog_sink\"\n");
  REQUIRE(r.ok());
  REQUIRE(r.value().sinks->size() == 2);
  CHECK(std::get<vt::FileSink>(r.value().sinks->at(0)).path == "/var/log/app");
  CHECK(std::get<vt::SyslogSink>(r.value().sinks->at(1)).facility == "user");
}

TEST_CASE("an error inside a listed variant has the element's path") {
  auto r = load("[[sinks]]\ntype = \"file_sink\"\n[[sinks]]\ntype = \"syslog\"\n");
  REQUIRE(r.errors().size() == 1);
  CHECK(r.errors()[0].path == "sinks[1].type");
  CHECK(r.errors()[0].hint == "did you mean 'syslog_sink'?");
}

TEST_CASE("variants in a list from indexed env variables") {
  auto r = strata::configuration(strata::env(vars{{"APP_SINKS__0__TYPE", "syslog_sink"},
                                                  {"APP_SINKS__0__FACILITY", "local0"},
                                                  {"APP_SINKS__1__TYPE", "file_sink"},
                                                  {"APP_SINKS__1__PATH", "/p"}}))
               .load<App>();
  REQUIRE(r.ok());
  CHECK(std::get<vt::SyslogSink>(r.value().sinks->at(0)).facility == "local0");
  CHECK(std::get<vt::FileSink>(r.value().sinks->at(1)).path == "/p");
}

TEST_CASE("variants in a map merge per entry and reset on a switch") {
  auto r = load("[named.audit]\ntype = \"file_sink\"\npath = \"/a\"\n[named.ops]\ntype = \"syslog_sink\"\n",
                "[named.audit]\ntype = \"syslog_sink\"\nfacility = \"auth\"\n");
  REQUIRE(r.ok());
  CHECK(std::get<vt::SyslogSink>(r.value().named->at("audit")).facility == "auth");
  CHECK(std::holds_alternative<vt::SyslogSink>(r.value().named->at("ops")));
}

TEST_CASE("valid() looks inside the held alternative") {
  App a;
  *a.db = vt::Postgres{"h", 0};
  CHECK_FALSE(strata::valid(a));
  *a.db = vt::Postgres{"h", 80};
  CHECK(strata::valid(a));
}

TEST_CASE("origin_of knows the discriminator path") {
  auto r = load("");
  CHECK(r.origin_of("db.kind").kind == strata::origin_kind::defaults);
  CHECK(r.origin_of("db.path").kind == strata::origin_kind::defaults);
  CHECK_THROWS_AS(r.origin_of("db.nothing"), std::out_of_range);
}
