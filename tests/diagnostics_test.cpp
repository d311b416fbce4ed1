// Diagnostics: every problem reported together, unknown keys with
// did-you-mean, paths and origins, the result<T> API, format(), to_json(),
// config_error and configuration::get<T>().
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "support.hpp"

namespace diagnostics_spec {

using strata::annotated;

struct Db {
  std::string host = "localhost";
  annotated<int, strata::range<1, 65535>> port = 5432;
};
BOOST_DESCRIBE_STRUCT(Db, (), (host, port))

struct App {
  std::string host = "0.0.0.0";
  annotated<int, strata::range<1, 65535>> port = 8000;
  int workers = 1;
  Db db;
  std::vector<std::string> origins;
  std::map<std::string, int> limits;
  annotated<int, strata::value<60>> timeout;
};
BOOST_DESCRIBE_STRUCT(App, (), (host, port, workers, db, origins, limits, timeout))

struct Inner {
  annotated<int, strata::range<1, 10>> level = 0;  // an invalid C++ default
};
BOOST_DESCRIBE_STRUCT(Inner, (), (level))

struct BadDefaults {
  annotated<std::string, strata::non_empty> name;  // empty by default
  Inner inner;
};
BOOST_DESCRIBE_STRUCT(BadDefaults, (), (name, inner))

}  // namespace diagnostics_spec

using namespace diagnostics_spec;
using strata_test::at;
using strata_test::contains;
using strata_test::json_reader;
using strata_test::load_toml;
using strata_test::only_at;

namespace {
// Four errors and one warning, on known lines.
const char* const broken_toml = R"(port = 70000
workers = "many"
timeout = 5
origins = ["a", "b", 3]

[db]
prot = 1
)";
}  // namespace

// --- everything at once ------------------------------------------------------------

TEST_CASE("several errors in one file are reported together") {
  auto r = load_toml<App>(broken_toml, "app.toml");
  INFO(strata::format(r.diagnostics()));
  CHECK_FALSE(r.ok());
  CHECK(r.errors().size() == 4);
  CHECK(r.warnings().size() == 1);
  CHECK(r.diagnostics().size() == 5);
  CHECK(only_at(r.errors(), "port").origin.line == 1);
  CHECK(only_at(r.errors(), "workers").origin.line == 2);
  CHECK(only_at(r.errors(), "origins[2]").origin.line == 4);
  CHECK(only_at(r.errors(), "db.prot").origin.line == 7);
  CHECK(only_at(r.warnings(), "timeout").origin.line == 3);
}

TEST_CASE("errors come back with the path of the field and the file position of the value") {
  auto r = load_toml<App>("[db]\nport = 0\n", "configs/base.toml");
  const auto e = only_at(r.errors(), "db.port");
  CHECK(e.severity == strata::severity::error);
  CHECK(e.message == "must be in [1, 65535], got 0");
  CHECK(e.origin == strata::origin{strata::origin_kind::file, "configs/base.toml", 2, 8});
  CHECK(e.hint.empty());
}

// --- unknown keys ----------------------------------------------------------------

TEST_CASE("unknown key suggests the closest sibling") {
  auto r = load_toml<App>("[db]\nprot = 1\n");
  const auto e = only_at(r.errors(), "db.prot");
  CHECK(e.message == "unknown key 'prot'");
  CHECK(e.hint == "did you mean 'port'?");
  CHECK(e.origin.line == 2);
  CHECK(e.origin.column == 1);
}

TEST_CASE("unknown key suggestions come from the same table only") {
  // 'wrokers' is close to the root's 'workers', but it sits in [db]
  const auto nested = only_at(load_toml<App>("[db]\nwrokers = 1\n").errors(), "db.wrokers");
  CHECK(nested.hint.empty());
  const auto root = only_at(load_toml<App>("wrokers = 1\n").errors(), "wrokers");
  CHECK(root.hint == "did you mean 'workers'?");
  const auto far = only_at(load_toml<App>("completely_unrelated = 1\n").errors(), "completely_unrelated");
  CHECK(far.hint.empty());
}

TEST_CASE("unknown keys are errors in every file, even when a higher layer is fine") {
  auto r = strata::configuration(strata::toml_text("hots = \"a\"", "base.toml"), strata::toml_text("host = \"b\"", "top.toml"))
               .load<App>();
  CHECK_FALSE(r.ok());
  const auto e = only_at(r.errors(), "hots");
  CHECK(e.origin.name == "base.toml");
  CHECK(e.hint == "did you mean 'host'?");
}

TEST_CASE("a key that is not a bare TOML key is quoted in the path") {
  auto r = load_toml<App>("\"odd key\" = 1\n[limits]\n\"a.b\" = \"x\"\n");
  CHECK(r.errors().size() == 2);
  CHECK(only_at(r.errors(), "\"odd key\"").message == "unknown key 'odd key'");
  CHECK(contains(only_at(r.errors(), "limits.\"a.b\"").message, "expected an integer"));
}

// --- result<T> -----------------------------------------------------------------------

TEST_CASE("result<T> of a valid configuration") {
  auto r = load_toml<App>("port = 9000\n");
  CHECK(r.ok());
  CHECK(static_cast<bool>(r));
  CHECK(r.value().port == 9000);
  CHECK(r->port == 9000);
  CHECK((*r).port == 9000);
  CHECK(r.errors().empty());
  CHECK(r.warnings().empty());
  CHECK(r.diagnostics().empty());
  static_assert(std::is_same_v<decltype(r.errors()), std::vector<strata::diagnostic>>);
  static_assert(std::is_same_v<decltype(r.warnings()), std::vector<strata::diagnostic>>);
}

TEST_CASE("result<T> with only warnings is ok") {
  auto r = load_toml<App>("timeout = 1\n");
  CHECK(r.ok());
  CHECK(r.warnings().size() == 1);
  CHECK(r.errors().empty());
  CHECK(r.value().timeout == 60);
}

TEST_CASE("result<T>::value() throws config_error when there are errors") {
  auto r = load_toml<App>(broken_toml);
  CHECK_FALSE(r.ok());
  CHECK_FALSE(static_cast<bool>(r));
  CHECK_THROWS_AS((void)r.value(), strata::config_error);
  CHECK_THROWS_AS((void)r->port, strata::config_error);
  CHECK_THROWS_AS((void)std::move(r).value(), strata::config_error);
  try {
    (void)r.value();
  } catch (const strata::config_error& e) {
    CHECK(e.diagnostics() == r.diagnostics());
    CHECK(std::string(e.what()) == strata::format(r.diagnostics()));
  }
}

TEST_CASE("result<T> outlives the configuration it came from") {
  auto make = [] {
    strata::configuration ctx(strata::toml_text("port = 1234\n[db]\nport = 0\n", "gone.toml"));
    return ctx.load<App>();
  };
  const strata::result<App> r = make();
  CHECK(only_at(r.errors(), "db.port").origin.name == "gone.toml");
  CHECK(r.origin_of("port").name == "gone.toml");
}

TEST_CASE("origin_of tells where each value came from") {
  auto r = strata::configuration(strata::toml_text("port = 9000\norigins = [\"a\", \"b\"]\n[limits]\ncpu = 2\n", "a.toml"))
               .overrides({"db.host=h"})
               .load<App>();
  REQUIRE(r.ok());
  CHECK(r.origin_of("port") == strata::origin{strata::origin_kind::file, "a.toml", 1, 8});
  CHECK(r.origin_of("origins").line == 2);
  CHECK(r.origin_of("origins[1]") == strata::origin{strata::origin_kind::file, "a.toml", 2, 17});
  CHECK(r.origin_of("limits.cpu").line == 4);
  CHECK(r.origin_of("db.host") == strata::origin{strata::origin_kind::overrides, "db.host=h", 0, 0});
  CHECK(r.origin_of("timeout").kind == strata::origin_kind::value);
}

TEST_CASE("origin_of an unset schema path is the defaults") {
  auto r = load_toml<App>("port = 9000\n");
  CHECK(r.origin_of("host") == strata::origin{});
  CHECK(r.origin_of("host").kind == strata::origin_kind::defaults);
  CHECK(r.origin_of("db.port").kind == strata::origin_kind::defaults);
  CHECK(r.origin_of("db").kind == strata::origin_kind::defaults);
  CHECK(r.origin_of("origins[3]").kind == strata::origin_kind::defaults);
  CHECK(r.origin_of("limits.anything").kind == strata::origin_kind::defaults);
}

TEST_CASE("origin_of a path outside the schema throws std::out_of_range") {
  auto r = load_toml<App>("port = 9000\n");
  CHECK_THROWS_AS((void)r.origin_of("nope"), std::out_of_range);
  CHECK_THROWS_AS((void)r.origin_of("db.nope"), std::out_of_range);
  CHECK_THROWS_AS((void)r.origin_of("port.deeper"), std::out_of_range);
  CHECK_THROWS_AS((void)r.origin_of("db[0]"), std::out_of_range);
  CHECK_THROWS_AS((void)r.origin_of("origins.a"), std::out_of_range);
  CHECK_THROWS_AS((void)r.origin_of(""), std::out_of_range);
  CHECK_THROWS_AS((void)r.origin_of("db..port"), std::out_of_range);
}

// --- format --------------------------------------------------------------------------

TEST_CASE("format renders one block per diagnostic and a count") {
  auto r = load_toml<App>("[db]\nport = 0\nprot = 1\n", "configs/base.toml");
  const std::string report = strata::format(r.diagnostics());
  CHECK(report ==
        "error: db.port: must be in [1, 65535], got 0\n"
        "  --> configs/base.toml:2:8\n"
        "error: db.prot: unknown key 'prot'\n"
        "  --> configs/base.toml:3:1\n"
        "  = hint: did you mean 'port'?\n"
        "2 errors\n");
}

TEST_CASE("format counts errors and warnings separately") {
  const strata::origin over{strata::origin_kind::overrides, "a=1", 0, 0};
  const strata::diagnostics list{
      {strata::severity::error, "a", "bad", over, ""},
      {strata::severity::warning, "b", "odd", strata::origin{}, "try c"},
  };
  CHECK(strata::format(list) ==
        "error: a: bad\n"
        "  --> override 'a=1'\n"
        "warning: b: odd\n"
        "  = hint: try c\n"
        "1 error, 1 warning\n");
  CHECK(strata::format({list[1]}) == "warning: b: odd\n  = hint: try c\n1 warning\n");
  CHECK(strata::format({}).empty());
  CHECK(strata::format({{strata::severity::error, "", "whole source", {strata::origin_kind::file, "f.toml", 0, 0}, ""}}) ==
        "error: whole source\n  --> f.toml\n1 error\n");
}

// --- to_json ---------------------------------------------------------------------------

TEST_CASE("to_json renders diagnostics as a JSON array of objects") {
  auto r = load_toml<App>(broken_toml, "app.toml");
  const std::string text = strata::to_json(r.diagnostics());
  REQUIRE(text.front() == '[');
  REQUIRE(text.back() == ']');
  const auto parsed = json_reader::parse(text);
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->is_array());
  REQUIRE(parsed->arr().size() == r.diagnostics().size());
  for (std::size_t i = 0; i < r.diagnostics().size(); ++i) {
    const strata::diagnostic& d = r.diagnostics()[i];
    const auto& j = (*parsed)[i];
    REQUIRE(j.is_object());
    CHECK(j.obj().size() == 5);
    CHECK(j["severity"].str() == strata::to_string(d.severity));
    CHECK(j["path"].str() == d.path);
    CHECK(j["message"].str() == d.message);
    CHECK(j["hint"].str() == d.hint);
    CHECK(j["origin"]["kind"].str() == strata::to_string(d.origin.kind));
    CHECK(j["origin"]["name"].str() == d.origin.name);
    CHECK(j["origin"]["line"].num() == d.origin.line);
    CHECK(j["origin"]["column"].num() == d.origin.column);
  }
  CHECK(strata::to_json({}) == "[]");
}

TEST_CASE("to_json escapes quotes, backslashes and control characters") {
  const strata::diagnostics list{{strata::severity::warning, "labels.\"a\\b\"", "say \"hi\"\n\tbye\x01",
                                  strata::origin{strata::origin_kind::file, "C:\\cfg\\app.toml", 3, 4}, "h\"int"}};
  const std::string text = strata::to_json(list);
  CHECK(contains(text, R"("path":"labels.\"a\\b\"")"));
  CHECK(contains(text, R"("message":"say \"hi\"\n\tbye\u0001")"));
  CHECK(contains(text, R"("name":"C:\\cfg\\app.toml")"));
  const auto parsed = json_reader::parse(text);
  REQUIRE(parsed.has_value());
  CHECK((*parsed)[0]["path"].str() == list[0].path);
  CHECK((*parsed)[0]["message"].str() == list[0].message);
  CHECK((*parsed)[0]["origin"]["name"].str() == list[0].origin.name);
  CHECK((*parsed)[0]["hint"].str() == list[0].hint);
  CHECK((*parsed)[0]["severity"].str() == "warning");
}

TEST_CASE("to_json of a real unknown key with quotes in it stays valid JSON") {
  auto r = load_toml<App>("\"we\\\"ird\" = 1\n");
  const auto parsed = json_reader::parse(strata::to_json(r.diagnostics()));
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->arr().size() == 1);
  CHECK((*parsed)[0]["message"].str() == "unknown key 'we\"ird'");
  CHECK((*parsed)[0]["path"].str() == "\"we\\\"ird\"");
}

// --- config_error and get<T>() ------------------------------------------------------------

TEST_CASE("config_error is a std::runtime_error whose what() is the report") {
  static_assert(std::is_base_of_v<std::runtime_error, strata::config_error>);
  const strata::diagnostics list{{strata::severity::error, "port", "bad", {}, ""}};
  const strata::config_error e(list);
  CHECK(std::string(e.what()) == strata::format(list));
  CHECK(e.diagnostics() == list);
  const std::runtime_error& base = e;
  CHECK(contains(base.what(), "error: port: bad"));
}

TEST_CASE("get<T>() throws config_error for an invalid configuration") {
  strata::configuration ctx(strata::toml_text(broken_toml, "app.toml"));
  try {
    (void)ctx.get<App>();
    FAIL("get<T>() should throw");
  } catch (const strata::config_error& e) {
    CHECK(e.diagnostics().size() == 5);
    CHECK(contains(e.what(), "app.toml:1:8"));
    CHECK(contains(e.what(), "4 errors, 1 warning"));
  }
  CHECK_THROWS_AS((void)ctx.get<App>(), strata::config_error);  // still invalid the second time
}

TEST_CASE("get<T>() loads once and returns the same object") {
  strata::configuration ctx(strata::toml_text("port = 9000\n"));
  const App& first = ctx.get<App>();
  const App& second = ctx.get<App>();
  CHECK(&first == &second);
  CHECK(first.port == 9000);
  const strata::configuration copy = ctx;  // copies share the cache
  CHECK(&copy.get<App>() == &first);
  CHECK(&ctx.get<Db>() != static_cast<const void*>(&first));
}

TEST_CASE("get<T>() reloads after overrides change") {
  strata::configuration ctx(strata::toml_text("port = 9000\n"));
  CHECK(ctx.get<App>().port == 9000);
  ctx.overrides({"port=9001"});
  CHECK(ctx.get<App>().port == 9001);
}

// --- no sources ------------------------------------------------------------------------------

TEST_CASE("configuration() with no sources yields the C++ defaults") {
  auto r = strata::configuration().load<App>();
  REQUIRE(r.ok());
  CHECK(r.diagnostics().empty());
  const App& app = r.value();
  CHECK(app.host == "0.0.0.0");
  CHECK(app.port == 8000);
  CHECK(app.db.host == "localhost");
  CHECK(app.db.port == 5432);
  CHECK(app.origins.empty());
  CHECK(app.timeout == 60);
}

TEST_CASE("configuration() with no sources still validates the defaults, nested ones included") {
  auto r = strata::configuration().load<BadDefaults>();
  CHECK_FALSE(r.ok());
  CHECK(r.errors().size() == 2);
  CHECK(contains(only_at(r.errors(), "name").message, "must not be empty"));
  const auto nested = only_at(r.errors(), "inner.level");
  CHECK(contains(nested.message, "must be in [1, 10], got 0"));
  CHECK(nested.origin.kind == strata::origin_kind::defaults);
  CHECK(strata::format(r.diagnostics()) ==
        "error: name: must not be empty, got ''\n"
        "error: inner.level: must be in [1, 10], got 0\n"
        "2 errors\n");
}
