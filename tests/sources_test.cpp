// TOML sources (toml_file, toml_text, toml_table), precedence (defaults < sources in
// order < overrides < value<>), the override grammar and args(argc, argv).
#include <map>
#include <string>
#include <vector>

#include <toml++/toml.h>  // toml_table: an application's own parsed table

#include "support.hpp"

namespace sources_spec {

using strata::annotated;

struct Db {
  std::string host = "localhost";
  annotated<int, strata::range<1, 65535>> port = 5432;
  std::string user = "app";
};
BOOST_DESCRIBE_STRUCT(Db, (), (host, port, user))

struct App {
  std::string name = "strata";
  int workers = 1;
  bool debug = false;
  double ratio = 0.5;
  Db db;
  std::vector<int> ports{80};
  std::vector<std::string> origins;
  std::map<std::string, std::string> labels;
  annotated<int, strata::value<60>> timeout;
};
BOOST_DESCRIBE_STRUCT(App, (), (name, workers, debug, ratio, db, ports, origins, labels, timeout))

}  // namespace sources_spec

using namespace sources_spec;
using strata_test::at;
using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;
using strata_test::temp_dir;

// --- toml_file -----------------------------------------------------------------

TEST_CASE("toml_file reads a file from disk") {
  temp_dir dir;
  const auto file = dir.write("app.toml", "name = \"from-file\"\n\n[db]\nport = 6543\n");
  auto r = strata::configuration(strata::toml_file(file)).load<App>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.value().name == "from-file");
  CHECK(r.value().db.port == 6543);
  const auto o = r.origin_of("db.port");
  CHECK(o.kind == strata::origin_kind::file);
  CHECK(o.name == file.string());
  CHECK(o.line == 4);
  CHECK(o.column == 8);
}

// --- toml_table ------------------------------------------------------------------

TEST_CASE("toml_table reads a parsed table in place, with its positions as origins") {
  const std::string_view text = "name = \"parsed\"\n[db]\nport = 7000\n";
  auto table = std::make_shared<const toml::table>(toml::parse(text, std::string_view("payload")));
  const strata::configuration ctx(strata::toml_table(table, "service payload"));
  for (int i = 0; i < 2; ++i) {  // read, not consumed
    auto r = ctx.load<App>();
    INFO(strata::format(r.diagnostics()));
    REQUIRE(r.ok());
    CHECK(r.value().name == "parsed");
    CHECK(r.value().db.port == 7000);
    CHECK(r.origin_of("db.port") == strata::origin{strata::origin_kind::file, "service payload", 3, 8});
  }
  CHECK(table->get("db")->as_table()->get("port")->value_or(0) == 7000);
}

TEST_CASE("toml_table takes a table over, and reports like a file") {
  toml::table table = toml::parse("[db]\nport = 70000\nprot = 1\n");
  auto r = strata::configuration(strata::toml_table(std::move(table), "moved")).load<App>();
  CHECK(only_at(r.diagnostics(), "db.port").origin.name == "moved");
  CHECK(contains(only_at(r.diagnostics(), "db.port").message, "[1, 65535]"));
  CHECK(only_at(r.diagnostics(), "db.prot").hint == "did you mean 'port'?");
}

TEST_CASE("toml_table sits in precedence order like any source") {
  auto table = std::make_shared<const toml::table>(toml::parse("workers = 4\n"));
  auto r = strata::configuration(strata::toml_text("workers = 2\nname = \"text\"\n"), strata::toml_table(table))
               .overrides({"name=override"})
               .load<App>();
  REQUIRE(r.ok());
  CHECK(r.value().workers == 4);
  CHECK(r.value().name == "override");
  CHECK(r.origin_of("workers").name == "<table>");
}

TEST_CASE("a missing required toml_file is an error naming the file") {
  temp_dir dir;
  const auto missing = dir.path() / "nope.toml";
  auto r = strata::configuration(strata::toml_file(missing)).load<App>();
  CHECK_FALSE(r.ok());
  REQUIRE(r.errors().size() == 1);
  const auto e = r.errors().front();
  CHECK(e.path.empty());
  CHECK(contains(e.message, "not found"));
  CHECK(e.origin.kind == strata::origin_kind::file);
  CHECK(e.origin.name == missing.string());
  CHECK(contains(strata::format(r.diagnostics()), missing.string()));
}

TEST_CASE("a missing optional toml_file is skipped silently") {
  temp_dir dir;
  const auto base = dir.write("base.toml", "workers = 3\n");
  auto r = strata::configuration(strata::toml_file(base), strata::toml_file(dir.path() / "local.toml", strata::optional))
               .load<App>();
  REQUIRE(r.ok());
  CHECK(r.diagnostics().empty());
  CHECK(r.value().workers == 3);
}

TEST_CASE("an optional toml_file that exists is read") {
  temp_dir dir;
  const auto base = dir.write("base.toml", "workers = 3\n");
  const auto local = dir.write("local.toml", "workers = 4\n");
  auto r = strata::configuration(strata::toml_file(base), strata::toml_file(local, strata::optional)).load<App>();
  REQUIRE(r.ok());
  CHECK(r.value().workers == 4);
  CHECK(r.origin_of("workers").name == local.string());
}

TEST_CASE("an empty file is an empty table") {
  temp_dir dir;
  auto r = strata::configuration(strata::toml_file(dir.write("empty.toml", ""))).load<App>();
  CHECK(r.ok());
  CHECK(r.diagnostics().empty());
}

TEST_CASE("a directory given as toml_file is an error") {
  temp_dir dir;
  auto r = strata::configuration(strata::toml_file(dir.path())).load<App>();
  CHECK_FALSE(r.ok());
  CHECK(r.errors().size() == 1);
}

TEST_CASE("a TOML syntax error is reported with its file, line and column") {
  temp_dir dir;
  const auto file = dir.write("broken.toml", "name = \"ok\"\nworkers = 4\ndebug = tru\n");
  auto r = strata::configuration(strata::toml_file(file)).load<App>();
  CHECK_FALSE(r.ok());
  REQUIRE(r.errors().size() == 1);
  const auto e = r.errors().front();
  CHECK(contains(e.message, "invalid TOML"));
  CHECK(e.origin.kind == strata::origin_kind::file);
  CHECK(e.origin.name == file.string());
  CHECK(e.origin.line == 3);
  CHECK(e.origin.column >= 9);
  CHECK(contains(strata::format(r.diagnostics()), file.string() + ":3:"));
}

TEST_CASE("a syntax error in one file does not hide problems in another") {
  auto r = strata::configuration(strata::toml_text("workers = [1,", "a.toml"), strata::toml_text("wrokers = 2", "b.toml"))
               .load<App>();
  CHECK(r.errors().size() == 2);
  CHECK(only_at(r.errors(), "").origin.name == "a.toml");
  CHECK(only_at(r.errors(), "wrokers").origin.name == "b.toml");
}

// --- toml_text -------------------------------------------------------------------

TEST_CASE("toml_text reads in-memory TOML under the given name") {
  auto r = strata::configuration(strata::toml_text("workers = 2\nname = \"mem\"\n", "inline.toml")).load<App>();
  REQUIRE(r.ok());
  CHECK(r.value().workers == 2);
  CHECK(r.origin_of("workers").name == "inline.toml");
  CHECK(r.origin_of("workers").line == 1);

  auto syntax = strata::configuration(strata::toml_text("a = = 1", "snippet")).load<App>();
  REQUIRE(syntax.errors().size() == 1);
  CHECK(syntax.errors().front().origin.name == "snippet");
  CHECK(syntax.errors().front().origin.line == 1);
}

// --- precedence ------------------------------------------------------------------

TEST_CASE("precedence: defaults < sources in order < overrides < value<>") {
  temp_dir dir;
  const auto base = dir.write("base.toml", "name = \"base\"\nworkers = 2\ndebug = true\ntimeout = 1\n[db]\nhost = \"base-db\"\n");
  const auto local = dir.write("local.toml", "workers = 3\nratio = 0.75\n[db]\nport = 7000\n");
  auto r = strata::configuration(strata::toml_file(base), strata::toml_file(local))
               .overrides({"ratio=0.9", "db.user=admin", "timeout=2"})
               .load<App>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  const App& app = r.value();
  CHECK(app.name == "base");            // base only
  CHECK(app.workers == 3);              // local beats base
  CHECK(app.debug);                     // base only
  CHECK(app.ratio == doctest::Approx(0.9));  // overrides beat local
  CHECK(app.db.host == "base-db");      // tables merge key by key
  CHECK(app.db.port == 7000);
  CHECK(app.db.user == "admin");
  CHECK(app.ports == std::vector<int>{80});  // nothing set it: the C++ default
  CHECK(app.timeout == 60);             // value<> beats everything

  CHECK(r.origin_of("name").name == base.string());
  CHECK(r.origin_of("workers").name == local.string());
  CHECK(r.origin_of("ratio").kind == strata::origin_kind::overrides);
  CHECK(r.origin_of("ratio").name == "ratio=0.9");
  CHECK(r.origin_of("db.user").kind == strata::origin_kind::overrides);
  CHECK(r.origin_of("ports").kind == strata::origin_kind::defaults);
  CHECK(r.origin_of("timeout").kind == strata::origin_kind::value);
  CHECK(r.warnings().size() == 2);  // timeout set by base.toml and by an override
}

TEST_CASE("later sources win, whatever their kind") {
  const char* argv[] = {"app", "workers=5"};
  auto args_last = strata::configuration(strata::toml_text("workers = 4"), strata::args(2, argv)).load<App>();
  CHECK(args_last.value().workers == 5);
  auto file_last = strata::configuration(strata::args(2, argv), strata::toml_text("workers = 4")).load<App>();
  CHECK(file_last.value().workers == 4);
  auto overridden = strata::configuration(strata::args(2, argv)).overrides({"workers=6"}).load<App>();
  CHECK(overridden.value().workers == 6);
}

TEST_CASE("arrays replace and tables merge across every kind of source") {
  auto r = strata::configuration(strata::toml_text("ports = [1, 2, 3]\n[labels]\na = \"1\"\n"))
               .overrides({"ports=[9]", "labels.b=2"})
               .load<App>();
  REQUIRE(r.ok());
  CHECK(r.value().ports == std::vector<int>{9});
  CHECK(r.value().labels == std::map<std::string, std::string>{{"a", "1"}, {"b", "2"}});
}

// --- overrides grammar -----------------------------------------------------------

TEST_CASE("overrides set dotted paths with TOML values") {
  auto r = strata::configuration()
               .overrides({"db.port=1234", "name=\"x y\"", "ports=[1,2]", "origins=[\"a\", \"b\"]", "debug=true",
                           "db.host=db.example.com", "labels.team=core"})
               .load<App>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  const App& app = r.value();
  CHECK(app.db.port == 1234);
  CHECK(app.name == "x y");
  CHECK(app.ports == std::vector<int>{1, 2});
  CHECK(app.origins == std::vector<std::string>{"a", "b"});
  CHECK(app.debug);
  CHECK(app.db.host == "db.example.com");
  CHECK(app.labels.at("team") == "core");
}

TEST_CASE("a bare word in an override is a string") {
  auto r = strata::configuration().overrides({"name=hello world", "db.user=admin"}).load<App>();
  REQUIRE(r.ok());
  CHECK(r.value().name == "hello world");
  CHECK(r.value().db.user == "admin");

  auto unbalanced = strata::configuration().overrides({"name=[not toml"}).load<App>();
  REQUIRE(unbalanced.ok());
  CHECK(unbalanced.value().name == "[not toml");
}

TEST_CASE("an override value is parsed by the field's type") {
  auto r = strata::configuration().overrides({"workers=8", "ratio=0.25", "db={ host = \"h\", port = 99 }"}).load<App>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.value().workers == 8);
  CHECK(r.value().ratio == doctest::Approx(0.25));
  CHECK(r.value().db.host == "h");
  CHECK(r.value().db.port == 99);

  auto bad = strata::configuration().overrides({"workers=eight"}).load<App>();
  const auto e = only_at(bad.errors(), "workers");
  CHECK(contains(e.message, "'eight' is not an integer"));
  CHECK(e.origin.kind == strata::origin_kind::overrides);
  CHECK(e.origin.name == "workers=eight");
}

TEST_CASE("an unknown override path is an error with a did-you-mean") {
  auto r = strata::configuration().overrides({"db.prot=1", "wrokers=2"}).load<App>();
  CHECK(r.errors().size() == 2);
  const auto port = only_at(r.errors(), "db.prot");
  CHECK(contains(port.message, "unknown key 'prot'"));
  CHECK(port.hint == "did you mean 'port'?");
  CHECK(port.origin.kind == strata::origin_kind::overrides);
  CHECK(port.origin.name == "db.prot=…");  // without its value: it may be a mistyped secret
  CHECK(only_at(r.errors(), "wrokers").hint == "did you mean 'workers'?");

  auto table = strata::configuration().overrides({"dbb.port=1"}).load<App>();
  const auto e = only_at(table.errors(), "dbb");
  CHECK(e.hint == "did you mean 'db'?");
  CHECK(e.origin.name == "dbb.port=…");
}

TEST_CASE("a malformed override is an error naming its path, never its value") {
  const std::pair<std::string, std::string> cases[] = {
      {"workers", "#1"}, {"=3", "=…"}, {"db..port=1", "db..port=…"}, {"ports[0]=1", "ports[0]=…"}};
  for (const auto& [bad, named] : cases) {
    CAPTURE(bad);
    auto r = strata::configuration().overrides({bad}).load<App>();
    REQUIRE(r.errors().size() == 1);  // no debris of a half-applied setting
    const auto e = only_at(r.errors(), "");  // about the setting itself, not a field
    CHECK(e.origin.kind == strata::origin_kind::overrides);
    CHECK(e.origin.name == named);
  }
}

TEST_CASE("overrides can be given as a vector and accumulate") {
  strata::configuration ctx;
  ctx.overrides(std::vector<std::string>{"workers=2"});
  ctx.overrides({"name=n"});
  auto r = ctx.load<App>();
  REQUIRE(r.ok());
  CHECK(r.value().workers == 2);
  CHECK(r.value().name == "n");
}

// --- args ------------------------------------------------------------------------

TEST_CASE("args(argc, argv) picks only path=value arguments") {
  const char* argv[] = {"app",  "serve",     "--verbose", "--log-level=debug", "db.port=7777", "config.toml",
                        "-x=1", "name=from args", "ports=[5,6]"};
  const int argc = static_cast<int>(std::size(argv));
  auto r = strata::configuration(strata::args(argc, argv)).load<App>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.diagnostics().empty());  // flags, file names and the program name are left alone
  CHECK(r.value().db.port == 7777);
  CHECK(r.value().name == "from args");
  CHECK(r.value().ports == std::vector<int>{5, 6});
  const auto o = r.origin_of("db.port");
  CHECK(o.kind == strata::origin_kind::args);
  CHECK(o.name == "db.port=7777");
  CHECK(contains(strata::format({{strata::severity::warning, "db.port", "m", o, ""}}), "argument 'db.port=7777'"));
}

TEST_CASE("args accepts a mutable argv as main() receives it") {
  char program[] = "app";
  char setting[] = "workers=9";
  char* argv[] = {program, setting, nullptr};
  auto r = strata::configuration(strata::args(2, argv)).load<App>();
  REQUIRE(r.ok());
  CHECK(r.value().workers == 9);
}

TEST_CASE("an unknown argument path is an error with a did-you-mean") {
  const char* argv[] = {"app", "db.hots=x"};
  auto r = strata::configuration(strata::args(2, argv)).load<App>();
  const auto e = only_at(r.errors(), "db.hots");
  CHECK(e.hint == "did you mean 'host'?");
  CHECK(e.origin.kind == strata::origin_kind::args);
}
