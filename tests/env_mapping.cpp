// The environment source: names pulled from the schema, lists, maps, whole
// values, secrets from files, aliases, empty and unknown variables.
#include <doctest/doctest.h>

#include <strata/tools.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace envtest {
struct Db {
  std::string host = "localhost";
  strata::annotated<int, strata::range<1, 65535>> port = 5432;
  strata::annotated<std::string, strata::secret, strata::min_length<8>> password = "default-password";
  strata::annotated<std::string, strata::env_alias<"DATABASE_URL">> url;
};
BOOST_DESCRIBE_STRUCT(Db, (), (host, port, password, url))

struct Sink {
  std::string path;
  int level = 0;
};
BOOST_DESCRIBE_STRUCT(Sink, (), (path, level))

struct App {
  std::string host = "0.0.0.0";
  int port = 8000;
  bool debug = false;
  Db db;
  std::vector<std::string> origins;
  std::map<std::string, std::string> labels;
  std::vector<Sink> sinks;
  std::chrono::seconds timeout{5};
  strata::annotated<int, strata::value<60>> pinned;
};
BOOST_DESCRIBE_STRUCT(App, (), (host, port, debug, db, origins, labels, sinks, timeout, pinned))
STRATA_CONFIGURED(App, {.prefix = "APP_", .mapping = strata::mapping::tree})

struct Flat {
  std::string host = "h";
  int port = 1;
};
BOOST_DESCRIBE_STRUCT(Flat, (), (host, port))
STRATA_CONFIGURED(Flat, {.prefix = "SVC_"})

struct FlatNested {
  std::string name;
  Db db;
};
BOOST_DESCRIBE_STRUCT(FlatNested, (), (name, db))
STRATA_CONFIGURED(FlatNested, {.prefix = "FN_", .mapping = strata::mapping::flat})

struct Sectioned {
  int workers = 1;
};
BOOST_DESCRIBE_STRUCT(Sectioned, (), (workers))
STRATA_CONFIGURED(Sectioned, {.prefix = "API_", .section = "server.api"})

struct Unprefixed {
  int workers = 1;
};
BOOST_DESCRIBE_STRUCT(Unprefixed, (), (workers))
}  // namespace envtest

using envtest::App;
using vars = std::map<std::string, std::string>;

namespace {
strata::result<App> load_env(vars v) { return strata::configuration(strata::env(std::move(v))).load<App>(); }

std::filesystem::path temp_file(const std::string& name, const std::string& content) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}
}  // namespace

TEST_CASE("tree mapping joins upper-case segments with a double underscore") {
  auto r = load_env({{"APP_HOST", "example.org"}, {"APP_DB__HOST", "db.internal"}, {"APP_DB__PORT", "6543"}});
  REQUIRE(r.ok());
  CHECK(r.value().host == "example.org");
  CHECK(r.value().db.host == "db.internal");
  CHECK(r.value().db.port == 6543);
}

TEST_CASE("automatic mapping is flat when every field is a scalar") {
  auto r = strata::configuration(strata::env(vars{{"SVC_HOST", "x"}, {"SVC_PORT", "9"}})).load<envtest::Flat>();
  REQUIRE(r.ok());
  CHECK(r.value().host == "x");
  CHECK(r.value().port == 9);
}

TEST_CASE("flat mapping joins nested segments with one underscore") {
  auto r = strata::configuration(strata::env(vars{{"FN_DB_HOST", "flat-db"}, {"FN_NAME", "n"}}))
               .load<envtest::FlatNested>();
  REQUIRE(r.ok());
  CHECK(r.value().db.host == "flat-db");
  CHECK(r.value().name == "n");
}

TEST_CASE("env text is parsed by the field's type") {
  auto r = load_env({{"APP_PORT", "8080"}, {"APP_DEBUG", "yes"}, {"APP_TIMEOUT", "2m"}});
  REQUIRE(r.ok());
  CHECK(r.value().port == 8080);
  CHECK(r.value().debug);
  CHECK(r.value().timeout == std::chrono::minutes(2));
}

TEST_CASE("a bad env value is reported with the exact variable name") {
  auto r = load_env({{"APP_DB__PORT", "70000"}, {"APP_DEBUG", "maybe"}});
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.errors().size() == 2);
  for (const auto& e : r.errors()) CHECK(e.origin.kind == strata::origin_kind::env);
  CHECK(r.errors()[0].path == "debug");
  CHECK(r.errors()[0].origin.name == "APP_DEBUG");
  CHECK(r.errors()[0].hint.find("yes/no") != std::string::npos);
  CHECK(r.errors()[1].path == "db.port");
  CHECK(r.errors()[1].origin.name == "APP_DB__PORT");
  CHECK(strata::format(r.diagnostics()).find("env APP_DB__PORT") != std::string::npos);
}

TEST_CASE("origin_of names the variable that set a value") {
  auto r = load_env({{"APP_DB__PORT", "6000"}});
  CHECK(r.origin_of("db.port") == strata::origin{strata::origin_kind::env, "APP_DB__PORT"});
  CHECK(r.origin_of("db.host").kind == strata::origin_kind::defaults);
}

TEST_CASE("indexed variables build a whole list") {
  auto r = load_env({{"APP_ORIGINS__0", "a"}, {"APP_ORIGINS__1", "b"}, {"APP_ORIGINS__2", "c"}});
  REQUIRE(r.ok());
  CHECK(r.value().origins == std::vector<std::string>{"a", "b", "c"});
  CHECK(r.origin_of("origins[1]").name == "APP_ORIGINS__1");
}

TEST_CASE("a list from env replaces the lower layer's list") {
  auto r = strata::configuration(strata::toml_text("origins = [\"x\", \"y\", \"z\"]\n", "base.toml"),
                                 strata::env(vars{{"APP_ORIGINS__0", "only"}}))
               .load<App>();
  REQUIRE(r.ok());
  CHECK(r.value().origins == std::vector<std::string>{"only"});
}

TEST_CASE("an indexed list with a gap is an error, never compacted") {
  auto r = load_env({{"APP_ORIGINS__0", "a"}, {"APP_ORIGINS__2", "c"}});
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.errors().size() == 1);
  CHECK(r.errors()[0].path == "origins");
  CHECK(r.errors()[0].origin.name == "APP_ORIGINS__2");
  CHECK(r.errors()[0].message.find("APP_ORIGINS__1") != std::string::npos);
}

TEST_CASE("a whole list is one TOML inline value") {
  auto r = load_env({{"APP_ORIGINS", R"(["https://a", "https://b"])"}});
  REQUIRE(r.ok());
  CHECK(r.value().origins == std::vector<std::string>{"https://a", "https://b"});
  CHECK(r.origin_of("origins[0]").name == "APP_ORIGINS");
}

TEST_CASE("mixing the whole and indexed forms of one list is an error naming both") {
  auto r = load_env({{"APP_ORIGINS", R"(["a"])"}, {"APP_ORIGINS__0", "b"}});
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.errors().size() == 1);
  CHECK(r.errors()[0].message.find("APP_ORIGINS ") != std::string::npos);
  CHECK(r.errors()[0].message.find("APP_ORIGINS__0") != std::string::npos);
}

TEST_CASE("a whole value that is not TOML is an error naming the variable") {
  auto r = load_env({{"APP_ORIGINS", "[unclosed"}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors()[0].origin.name == "APP_ORIGINS");
  CHECK(r.errors()[0].path == "origins");
}

TEST_CASE("a whole struct is a TOML inline table and per-leaf variables beat it") {
  auto r = load_env({{"APP_DB", R"({host = "whole", port = 1111})"}, {"APP_DB__PORT", "2222"}});
  REQUIRE(r.ok());
  CHECK(r.value().db.host == "whole");
  CHECK(r.value().db.port == 2222);
  CHECK(r.origin_of("db.host").name == "APP_DB");
  CHECK(r.origin_of("db.port").name == "APP_DB__PORT");
}

TEST_CASE("map keys are taken verbatim from the variable name") {
  auto r = load_env({{"APP_LABELS__team", "core"}, {"APP_LABELS__Cost_Center", "42"}});
  REQUIRE(r.ok());
  CHECK(r.value().labels.at("team") == "core");
  CHECK(r.value().labels.at("Cost_Center") == "42");
}

TEST_CASE("list elements that are structs take indexed field variables") {
  auto r = load_env({{"APP_SINKS__0__PATH", "/var/log/a"}, {"APP_SINKS__1__PATH", "/var/log/b"},
                     {"APP_SINKS__1__LEVEL", "3"}});
  REQUIRE(r.ok());
  REQUIRE(r.value().sinks.size() == 2);
  CHECK(r.value().sinks[0].path == "/var/log/a");
  CHECK(r.value().sinks[1].level == 3);
  CHECK(r.origin_of("sinks[1].level").name == "APP_SINKS__1__LEVEL");
}

TEST_CASE("a secret field also reads NAME_FILE, trailing newline stripped") {
  const auto file = temp_file("strata_env_secret.txt", "file-password-123\n");
  auto r = load_env({{"APP_DB__PASSWORD_FILE", file.string()}});
  REQUIRE(r.ok());
  CHECK(r.value().db.password == "file-password-123");
  CHECK(r.origin_of("db.password").name == "APP_DB__PASSWORD_FILE");
}

TEST_CASE("NAME and NAME_FILE both set is an error") {
  const auto file = temp_file("strata_env_secret2.txt", "file-password-123");
  auto r = load_env({{"APP_DB__PASSWORD", "env-password-123"}, {"APP_DB__PASSWORD_FILE", file.string()}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors()[0].message.find("APP_DB__PASSWORD_FILE") != std::string::npos);
  CHECK(strata::format(r.diagnostics()).find("env-password-123") == std::string::npos);
}

TEST_CASE("NAME_FILE naming a missing file is an error") {
  auto r = load_env({{"APP_DB__PASSWORD_FILE", "/nonexistent/strata/secret"}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors()[0].origin.name == "APP_DB__PASSWORD_FILE");
  CHECK(r.errors()[0].path == "db.password");
}

TEST_CASE("only secret fields read NAME_FILE") {
  auto r = load_env({{"APP_DB__HOST_FILE", "/etc/hostname"}});
  CHECK(r.value().db.host == "localhost");
  CHECK(r.warnings().size() == 1);  // an unknown variable, not a file read
}

TEST_CASE("a secret from env never appears in the report") {
  auto r = load_env({{"APP_DB__PASSWORD", "short"}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors()[0].path == "db.password");
  CHECK(strata::format(r.diagnostics()).find("short") == std::string::npos);
  CHECK(strata::to_json(r.diagnostics()).find("short") == std::string::npos);
}

TEST_CASE("env_alias names an extra, unprefixed variable") {
  auto r = load_env({{"DATABASE_URL", "postgres://x"}});
  REQUIRE(r.ok());
  CHECK(r.value().db.url == "postgres://x");
  CHECK(r.origin_of("db.url").name == "DATABASE_URL");
}

TEST_CASE("two names of one field with different values is an error naming both") {
  auto r = load_env({{"DATABASE_URL", "postgres://x"}, {"APP_DB__URL", "postgres://y"}});
  REQUIRE_FALSE(r.ok());
  const std::string m = r.errors()[0].message;
  CHECK(m.find("APP_DB__URL") != std::string::npos);
  CHECK(m.find("DATABASE_URL") != std::string::npos);
}

TEST_CASE("two names of one field with the same value agree") {
  auto r = load_env({{"DATABASE_URL", "postgres://x"}, {"APP_DB__URL", "postgres://x"}});
  CHECK(r.ok());
  CHECK(r.value().db.url == "postgres://x");
}

TEST_CASE("an empty variable counts as unset, with a warning") {
  auto r = load_env({{"APP_PORT", ""}});
  REQUIRE(r.ok());
  CHECK(r.value().port == 8000);
  REQUIRE(r.warnings().size() == 1);
  CHECK(r.warnings()[0].origin.name == "APP_PORT");
  CHECK(r.warnings()[0].message.find("empty") != std::string::npos);
}

TEST_CASE("a prefixed variable that matches no field is a warning with a did-you-mean") {
  auto r = load_env({{"APP_PROT", "80"}, {"APP_SERVICE_HOST", "10.0.0.1"}, {"OTHER_THING", "x"}});
  CHECK(r.ok());
  REQUIRE(r.warnings().size() == 2);
  CHECK(r.warnings()[0].origin.name == "APP_PROT");
  CHECK(r.warnings()[0].hint == "did you mean APP_PORT?");
  CHECK(r.warnings()[1].origin.name == "APP_SERVICE_HOST");
}

TEST_CASE("without a prefix unknown variables cannot be told apart and are not reported") {
  auto r = strata::configuration(strata::env(vars{{"WORKERS", "3"}, {"PATH", "/bin"}})).load<envtest::Unprefixed>();
  CHECK(r.ok());
  CHECK(r.value().workers == 3);
  CHECK(r.warnings().empty());
}

TEST_CASE("env names do not include the section; paths do") {
  auto r = strata::configuration(strata::env(vars{{"API_WORKERS", "abc"}})).load<envtest::Sectioned>();
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors()[0].path == "server.api.workers");
  CHECK(r.errors()[0].origin.name == "API_WORKERS");
}

TEST_CASE("a pinned field set from env keeps its value and warns") {
  auto r = load_env({{"APP_PINNED", "5"}});
  REQUIRE(r.ok());
  CHECK(r.value().pinned == 60);
  REQUIRE(r.warnings().size() == 1);
  CHECK(r.warnings()[0].origin.name == "APP_PINNED");
}

TEST_CASE("env() reads the process environment at load time") {
  ::setenv("APP_HOST", "from-process", 1);
  auto ctx = strata::configuration(strata::env());
  CHECK(ctx.load<App>().value().host == "from-process");
  ::setenv("APP_HOST", "changed", 1);
  CHECK(ctx.load<App>().value().host == "changed");
  ::unsetenv("APP_HOST");
}

TEST_CASE("a name the process environment holds twice reads its first value, as getenv does") {
  // setenv never duplicates a name; a parent process can. Build such an
  // environment by hand for the duration of one load.
  char first[] = "APP_HOST=first";
  char second[] = "APP_HOST=second";
  char port[] = "APP_PORT=81";
  char* duplicated[] = {first, port, second, nullptr};
  char** saved = environ;
  environ = duplicated;
  const auto r = strata::configuration(strata::env()).load<App>();
  environ = saved;
  REQUIRE(r.ok());
  CHECK(r.value().host == "first");
  CHECK(r.value().port == 81);
}

TEST_CASE("precedence: file < env < args < overrides < value<>") {
  const char* argv[] = {"prog", "--verbose", "port=3", "db.host=from-args", "input.txt"};
  auto ctx = strata::configuration(
                 strata::toml_text("port = 1\nhost = \"file\"\npinned = 7\n[db]\nhost = \"file-db\"\nport = 11\n",
                                   "base.toml"),
                 strata::env(vars{{"APP_PORT", "2"}, {"APP_DB__PORT", "22"}, {"APP_DB__HOST", "env-db"}}),
                 strata::args(5, argv))
                 .overrides({"port=4"});
  auto r = ctx.load<App>();
  REQUIRE(r.ok());
  CHECK(r.value().host == "file");
  CHECK(r.value().db.port == 22);
  CHECK(r.value().db.host == "from-args");
  CHECK(r.value().port == 4);
  CHECK(r.value().pinned == 60);
  CHECK(r.origin_of("host").kind == strata::origin_kind::file);
  CHECK(r.origin_of("db.port").kind == strata::origin_kind::env);
  CHECK(r.origin_of("db.host").kind == strata::origin_kind::args);
  CHECK(r.origin_of("port").kind == strata::origin_kind::overrides);
  CHECK(r.origin_of("pinned").kind == strata::origin_kind::value);
}

TEST_CASE("sources later in the list beat env") {
  auto r = strata::configuration(strata::env(vars{{"APP_PORT", "2"}}), strata::toml_text("port = 9\n", "late.toml"))
               .load<App>();
  CHECK(r.value().port == 9);
}

TEST_CASE("an unknown argument path is an error with a did-you-mean") {
  const char* argv[] = {"prog", "db.prot=5"};
  auto r = strata::configuration(strata::args(2, argv)).load<App>();
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors()[0].path == "db.prot");
  CHECK(r.errors()[0].hint == "did you mean 'port'?");
  // named without its value: an unknown key may be a mistyped secret
  CHECK(r.errors()[0].origin == strata::origin{strata::origin_kind::args, "db.prot=…"});
}

TEST_CASE("arguments and overrides take TOML inline values") {
  const char* argv[] = {"prog", R"(origins=["a","b"])", R"(labels={team="x"})", R"(host="x y")"};
  auto r = strata::configuration(strata::args(4, argv)).overrides({"db.port=77", "debug=on"}).load<App>();
  REQUIRE(r.ok());
  CHECK(r.value().origins == std::vector<std::string>{"a", "b"});
  CHECK(r.value().labels.at("team") == "x");
  CHECK(r.value().host == "x y");
  CHECK(r.value().db.port == 77);
  CHECK(r.value().debug);
}

TEST_CASE("many variables under one prefix are all read") {
  // Past a handful of variables the walk stops filtering members by name:
  // both ways must find the same settings.
  vars v{{"APP_PORT", "9000"}, {"APP_DB__HOST", "db"}, {"DATABASE_URL", "postgres://x"}};
  for (int i = 0; i < 20; ++i) v["APP_LABELS__k" + std::to_string(i)] = std::to_string(i);
  auto r = load_env(v);
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.value().port == 9000);
  CHECK(r.value().db.host == "db");
  CHECK(r.value().db.url == "postgres://x");
  CHECK(r.value().labels.size() == 20);
  CHECK(r.value().labels.at("k19") == "19");
  CHECK(r.origin_of("labels.k7").name == "APP_LABELS__k7");
  CHECK(r.warnings().empty());
}
