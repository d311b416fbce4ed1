// dotenv(path): Docker Compose's .env syntax; its variables feed env
// mapping, interpolation and the profile selector, below the real
// environment; every problem names file:line; secrets stay secret.
#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include <strata/runtime/live.hpp>

#include "support.hpp"

namespace dotenv_spec {

using strata::annotated;

struct Db {
  std::string host = "localhost";
  annotated<int, strata::range<1, 65535>> port = 5432;
  annotated<std::string, strata::secret, strata::min_length<12>> password = "long-enough-default";
};
BOOST_DESCRIBE_STRUCT(Db, (), (host, port, password))

struct App {
  std::string name = "app";
  std::string greeting;
  int workers = 1;
  Db db;
};
BOOST_DESCRIBE_STRUCT(App, (), (name, greeting, workers, db))
STRATA_CONFIGURED(App, {.prefix = "DOT_", .mapping = strata::mapping::tree})

}  // namespace dotenv_spec

using namespace dotenv_spec;
using strata_test::contains;
using strata_test::only_at;
using strata_test::temp_dir;
using vars = std::map<std::string, std::string>;

namespace {
strata::result<App> load(const std::filesystem::path& file, vars environment = {}) {
  return strata::configuration(strata::dotenv(file), strata::env(std::move(environment))).load<App>();
}
}  // namespace

TEST_CASE("the .env rules of Docker Compose") {
  temp_dir dir;
  const auto file = dir.write(".env", R"(# a comment

export DOT_NAME=exported
DOT_WORKERS = 4   # a trailing comment
DOT_GREETING=hello#not-a-comment
DOT_DB__HOST="db # not a comment" # a comment
DOT_DB__PASSWORD='pa$$word \n ${NOT_EXPANDED}'
QUOTE_ESCAPES="a \"quoted\" \\ word\tand\ttabs"
SINGLE_ESCAPE='Let\'s go'
MULTI="line one
line two"
EMPTY=
BARE_NAME
WINDOWS=crlf
)");
  std::string text;
  {
    std::ifstream in(file);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  dir.write(".env", text + "WINDOWS2=crlf2\r\n");
  auto ctx = strata::configuration(strata::dotenv(file), strata::env(vars{}));
  auto r = ctx.load<App>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->name == "exported");
  CHECK(r->workers == 4);
  CHECK(r->greeting == "hello#not-a-comment");
  CHECK(r->db.host == "db # not a comment");
  CHECK(*r->db.password == "pa$$word \\n ${NOT_EXPANDED}");  // single quotes: literal
  const auto environment = ctx.environment();
  CHECK(environment.at("QUOTE_ESCAPES") == "a \"quoted\" \\ word\tand\ttabs");
  CHECK(environment.at("SINGLE_ESCAPE") == "Let's go");
  CHECK(environment.at("MULTI") == "line one\nline two");
  CHECK(environment.at("EMPTY").empty());
  CHECK(environment.count("BARE_NAME") == 0);
  CHECK(environment.at("WINDOWS2") == "crlf2");
}

TEST_CASE("interpolation in .env values follows Compose") {
  temp_dir dir;
  const auto file = dir.write(".env", R"(HOST=db.internal
DOT_DB__HOST=${HOST}
DOT_NAME=$HOST-$$literal
DOT_GREETING="${UNSET:-fallback} ${HOST:+alt} ${EMPTY_ONE-kept}"
EMPTY_ONE=
NESTED=${UNSET:-${HOST:-x}}
)");
  auto ctx = strata::configuration(strata::dotenv(file), strata::env(vars{{"UNSET_NOT", "1"}}));
  auto r = ctx.load<App>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->db.host == "db.internal");
  CHECK(r->name == "db.internal-$literal");
  CHECK(r->greeting == "fallback alt kept");
  CHECK(ctx.environment().at("NESTED") == "db.internal");
}

TEST_CASE("the real environment wins over the file, for mapping, interpolation and lookups") {
  temp_dir dir;
  const auto file = dir.write(".env", "DOT_WORKERS=4\nDOT_NAME=${WHO}\nWHO=file\n");
  auto r = load(file, {{"DOT_WORKERS", "9"}, {"WHO", "process"}});
  REQUIRE(r.ok());
  CHECK(r->workers == 9);
  CHECK(r.origin_of("workers") == strata::origin{strata::origin_kind::env, "DOT_WORKERS"});
  CHECK(r->name == "process");
}

TEST_CASE("a value from .env names its variable and its place in the file") {
  temp_dir dir;
  const auto file = dir.write(".env", "# db\n\nDOT_DB__PORT=6000\n");
  auto r = load(file);
  REQUIRE(r.ok());
  CHECK(r->db.port == 6000);
  const strata::origin o = r.origin_of("db.port");
  CHECK(o == strata::origin{strata::origin_kind::env, "DOT_DB__PORT", 3, 1, file.string()});
  CHECK(strata::to_string(o) == "env DOT_DB__PORT (" + file.string() + ":3:1)");
  auto bad = load(dir.write(".env", "DOT_DB__PORT=70000\n"));
  CHECK(only_at(bad.errors(), "db.port").origin.via == file.string());
}

TEST_CASE(".env feeds ${VAR} in files and the profile selector") {
  temp_dir dir;
  dir.write("p/base.toml", "name = \"${APP_NAME:unnamed}\"\n");
  dir.write("p/staging.toml", "workers = 3\n");
  const auto file = dir.write(".env", "APP_ENV=staging\nAPP_NAME=from-dotenv\n");
  auto r = strata::configuration(strata::dotenv(file), strata::profile(dir.path() / "p"), strata::env(vars{}))
               .load<App>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->workers == 3);
  CHECK(r->name == "from-dotenv");
  auto unknown = strata::configuration(strata::dotenv(dir.write(".env", "APP_ENV=prod\n")),
                                       strata::profile(dir.path() / "p"), strata::env(vars{}))
                     .load<App>();
  const auto e = unknown.errors().front();
  CHECK(contains(e.message, "unknown profile 'prod'"));
  CHECK(e.origin == strata::origin{strata::origin_kind::env, "APP_ENV", 1, 1, (dir.path() / ".env").string()});
}

TEST_CASE("malformed .env lines are errors naming file:line") {
  temp_dir dir;
  struct bad {
    const char* text;
    const char* message;
    int line;
  };
  const bad cases[] = {
      {"OK=1\n=value\n", "expected NAME=VALUE", 2},
      {"1ABC=x\n", "a variable name starts with a letter", 1},
      {"NAME value\n", "expected '=' after NAME", 1},
      {"OK=1\nA=\"never closed\nB=2\n", "the value of A has no closing quote", 2},
      {"A='open\n", "the value of A has no closing quote", 1},
      {"A=\"x\" trailing\n", "unexpected text after the closing quote of A", 1},
      {"A=${}\n", "a ${...} reference does not name a variable", 1},
      {"A=${B\n", "'${' is not closed", 1},
      {"A=${B:?set B first}\n", "B is not set: set B first", 1},
      {"A=${B%x}\n", "something other than :-, -, :?, ?, :+ or + after its name", 1},
  };
  for (const bad& b : cases) {
    CAPTURE(std::string(b.text));
    const auto file = dir.write("bad.env", b.text);
    auto r = load(file);
    REQUIRE_FALSE(r.ok());
    const auto e = r.errors().front();
    CHECK(contains(e.message, b.message));
    CHECK(e.origin.kind == strata::origin_kind::file);
    CHECK(e.origin.name == file.string());
    CHECK(e.origin.line == b.line);
  }
}

TEST_CASE("an unset variable referenced in .env is a warning and an empty value") {
  temp_dir dir;
  const auto file = dir.write(".env", "DOT_GREETING=hi ${NOBODY}!\n");
  auto r = load(file);
  REQUIRE(r.ok());
  CHECK(r->greeting == "hi !");
  REQUIRE(r.warnings().size() == 1);
  CHECK(contains(r.warnings().front().message, "NOBODY is not set"));
  CHECK(r.warnings().front().origin.line == 1);
}

TEST_CASE("entries that look like strata's but match no field are warnings with their place") {
  temp_dir dir;
  const auto file = dir.write(".env", "OTHER_TOOL=1\nDOT_WORKRS=3\n");
  auto r = load(file);
  CHECK(r.ok());
  REQUIRE(r.warnings().size() == 1);
  const auto w = r.warnings().front();
  CHECK(contains(w.message, "DOT_WORKRS does not match any setting"));
  CHECK(w.hint == "did you mean DOT_WORKERS?");
  CHECK(w.origin == strata::origin{strata::origin_kind::env, "DOT_WORKRS", 2, 1, file.string()});
}

TEST_CASE("without an env() source, .env variables that look like settings get a warning") {
  temp_dir dir;
  const auto file = dir.write(".env", "DOT_WORKERS=3\nDOT_NAME=x\n");
  auto r = strata::configuration(strata::dotenv(file)).load<App>();
  CHECK(r.ok());
  CHECK(r->workers == 1);
  REQUIRE(r.warnings().size() == 1);
  CHECK(contains(r.warnings().front().message, "sets DOT_NAME (and 1 more) but no strata::env() source"));
}

TEST_CASE("a missing .env is an error unless optional; later files win") {
  temp_dir dir;
  auto missing = load(dir.path() / ".env");
  REQUIRE(missing.errors().size() == 1);
  CHECK(missing.errors().front().message == "dotenv file not found");
  auto optional = strata::configuration(strata::dotenv(dir.path() / ".env", strata::optional), strata::env(vars{}))
                      .load<App>();
  CHECK(optional.diagnostics().empty());
  const auto a = dir.write("a.env", "DOT_WORKERS=2\nDOT_NAME=a\n");
  const auto b = dir.write("b.env", "DOT_WORKERS=3\n");
  auto both = strata::configuration(strata::dotenv(a), strata::dotenv(b), strata::env(vars{})).load<App>();
  CHECK(both->workers == 3);
  CHECK(both->name == "a");
}

TEST_CASE("a secret from .env is redacted in every report") {
  temp_dir dir;
  const auto file = dir.write(".env", "DOT_DB__PASSWORD=dotenv-sec\nDOT_DB__PORT=dotenv-port-text\n");
  auto r = load(file);
  CHECK_FALSE(r.ok());
  CHECK(only_at(r.errors(), "db.password").origin.line == 1);
  const std::string report = strata::format(r.diagnostics()) + strata::to_json(r.diagnostics()) + strata::explain(r);
  CHECK_FALSE(contains(report, "dotenv-sec"));
  CHECK(contains(report, "dotenv-port-text"));  // not a secret
}

TEST_CASE("NAME_FILE from .env reads the file, and live<T> watches both") {
  temp_dir dir;
  const auto secret = dir.write("secret.txt", "from-a-file-long\n");
  const auto file = dir.write(".env", "DOT_DB__PASSWORD_FILE=" + secret.string() + "\n");
  strata::live<App> live(strata::configuration(strata::dotenv(file), strata::env(vars{})));
  CHECK(*live.get()->db.password == "from-a-file-long");
  const auto watched = live.watched_files();
  CHECK(std::find(watched.begin(), watched.end(), file) != watched.end());
  CHECK(std::find(watched.begin(), watched.end(), secret) != watched.end());
}
