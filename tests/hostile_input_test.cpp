// Hostile input, round two (issue 19): no crash on huge values, no silently
// wrong value (NaN past a bound, a profile outside its folder), no wrong
// rejection (a float bound, `${VAR:-default}`), no secret quoted by an
// interpolation error, no report that is not UTF-8 or that drives a
// terminal.
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <string>

#include <strata/runtime/live.hpp>
#include <strata/sources/yaml.hpp>

#include "support.hpp"

namespace hostile_spec {

using strata::annotated;
using vars = std::map<std::string, std::string>;

struct Tagged {
  annotated<std::string, strata::pattern<"[a-z]+-[0-9]+">> tag = "abc-1";
};
BOOST_DESCRIBE_STRUCT(Tagged, (), (tag))
STRATA_CONFIGURED(Tagged, {.prefix = "APP_"})

struct Bounded {
  annotated<double, strata::min<0.0>> at_least = 1;
  annotated<double, strata::max<10.0>> at_most = 1;
  annotated<double, strata::gt<0.0>> above = 1;
  annotated<double, strata::lt<10.0>> below = 1;
  annotated<double, strata::range<0.0, 10.0>> within = 1;
};
BOOST_DESCRIBE_STRUCT(Bounded, (), (at_least, at_most, above, below, within))
STRATA_CONFIGURED(Bounded, {.prefix = "APP_"})

struct Ratio {
  annotated<float, strata::max<0.1>> ratio = 0.05f;
  annotated<float, strata::min<0.1>> floor = 0.5f;
};
BOOST_DESCRIBE_STRUCT(Ratio, (), (ratio, floor))

struct Server {
  int port = 1;
  std::string name = "n";
  annotated<std::string, strata::secret> token = "t";
};
BOOST_DESCRIBE_STRUCT(Server, (), (port, name, token))
STRATA_CONFIGURED(Server, {.prefix = "APP_"})

const std::string mebibyte(1 << 20, 'a');

TEST_CASE("pattern: a 1 MiB value from env is checked without crashing") {
  for (const std::string& value : {mebibyte, mebibyte + "-1", std::string(1 << 20, '-')}) {
    auto r = strata::configuration(strata::env(vars{{"APP_TAG", value}})).load<Tagged>();
    if (value == mebibyte + "-1") {
      CHECK(r.ok());
    } else {
      CHECK_FALSE(r.ok());
      const auto e = strata_test::only_at(r.errors(), "tag");
      CHECK(strata_test::contains(e.message, "must match the pattern"));
      CHECK(e.message.size() < 2000);  // the value shown is cut
    }
  }
}

TEST_CASE("pattern: a 1 MiB value from TOML is checked without crashing") {
  auto bad = strata_test::load_toml<Tagged>("tag = \"" + mebibyte + "\"\n");
  CHECK_FALSE(bad.ok());
  CHECK(strata_test::contains(strata_test::only_at(bad.errors(), "tag").message, "must match the pattern"));
  CHECK(strata_test::load_toml<Tagged>("tag = \"" + mebibyte + "-42\"\n").ok());
}

TEST_CASE("pattern: a pattern that explodes on a value is an error, not a hang") {
  std::string text(1 << 16, 'a');
  const bool matched = strata::detail::pattern_matches("(a|aa)+(a|aa)+(a|aa)+b", text);
  CHECK_FALSE(matched);
  CHECK(strata::detail::pattern_gave_up());
}

TEST_CASE("pattern: live<T> reloading a 1 MiB value keeps the last good configuration") {
  strata_test::temp_dir dir;
  const auto file = dir.write("app.toml", "tag = \"ok-1\"\n");
  strata::live<Tagged> live{strata::configuration(strata::toml_file(file))};
  dir.write("app.toml", "tag = \"" + mebibyte + "\"\n");
  auto r = live.reload();
  CHECK_FALSE(r.ok());
  CHECK(live.get()->tag == "ok-1");
}

TEST_CASE("NaN is refused by every bound, from TOML and from env") {
  for (const char* field : {"at_least", "at_most", "above", "below", "within"}) {
    INFO(std::string(field));
    auto from_toml = strata_test::load_toml<Bounded>(std::string(field) + " = nan\n");
    CHECK_FALSE(from_toml.ok());
    (void)strata_test::only_at(from_toml.errors(), field);
    std::string var = "APP_" + std::string(field);
    for (char& c : var) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto from_env = strata::configuration(strata::env(vars{{var, "nan"}})).load<Bounded>();
    CHECK_FALSE(from_env.ok());
    (void)strata_test::only_at(from_env.errors(), field);
  }
}

TEST_CASE("a float bound is compared in the field's own type: max<0.1> accepts 0.1") {
  auto r = strata_test::load_toml<Ratio>("ratio = 0.1\nfloor = 0.1\n");
  INFO(strata::format(r.diagnostics()));
  CHECK(r.ok());
  auto over = strata_test::load_toml<Ratio>("ratio = 0.11\n");
  CHECK_FALSE(over.ok());
}

TEST_CASE("${VAR:-default} means the default, like ${VAR:default}") {
  auto r = strata::configuration(strata::toml_text("port = \"${PORT:-8000}\"\nname = \"${NAME:-x}\"\n"),
                                 strata::env(vars{}))
               .load<Server>();
  REQUIRE(r.ok());
  CHECK(r.value().port == 8000);
  CHECK(r.value().name == "x");
  auto set = strata::configuration(strata::toml_text("port = \"${PORT:-8000}\"\n"), strata::env(vars{{"PORT", "9"}}))
                 .load<Server>();
  REQUIRE(set.ok());
  CHECK(set.value().port == 9);
}

TEST_CASE("interpolation is one pass: a variable's value is not expanded again, so a cycle cannot loop") {
  const vars cycle{{"A", "${B}"}, {"B", "${A}"}};
  auto r = strata::configuration(strata::toml_text("name = \"${A}\"\n"), strata::env(cycle)).load<Server>();
  REQUIRE(r.ok());
  CHECK(r->name == "${B}");
  vars chain{{"APP_NAME", "${V0}"}};
  for (int i = 0; i < 5000; ++i) chain["V" + std::to_string(i)] = "${V" + std::to_string(i + 1) + "}";
  auto from_env = strata::configuration(strata::env(chain)).load<Server>();
  REQUIRE(from_env.ok());
  CHECK(from_env->name == "${V0}");  // values from the environment are not interpolated
}

TEST_CASE("an interpolation error never quotes the text around it") {
  auto r = strata::configuration(strata::toml_text("token = \"p@ss${w0rd!}zq9secret\"\n"), strata::env(vars{}))
               .load<Server>();
  CHECK_FALSE(r.ok());
  const std::string report = strata::format(r.diagnostics());
  CHECK(strata_test::contains(report, "does not name a variable"));
  CHECK_FALSE(strata_test::contains(report, "w0rd"));
  CHECK_FALSE(strata_test::contains(report, "zq9secret"));
}

TEST_CASE("a profile name is a plain name: a path is an unknown profile") {
  strata_test::temp_dir dir;
  dir.write("profiles/base.toml", "port = 1\n");
  dir.write("profiles/dev.toml", "port = 2\n");
  dir.write("outside.toml", "port = 666\n");
  for (const std::string& name :
       {std::string("../outside"), (dir.path() / "outside").string(), std::string(".hidden"), std::string("a b")}) {
    INFO(name);
    auto r = strata::configuration(strata::profile(dir.path() / "profiles"), strata::env(vars{{"APP_ENV", name}}))
                 .load<Server>();
    CHECK_FALSE(r.ok());
    bool unknown = false;
    for (const auto& d : r.errors()) unknown = unknown || strata_test::contains(d.message, "unknown profile");
    CHECK(unknown);
  }
  auto dev = strata::configuration(strata::profile(dir.path() / "profiles"), strata::env(vars{{"APP_ENV", "dev"}}))
                 .load<Server>();
  REQUIRE(dev.ok());
  CHECK(dev.value().port == 2);
}

TEST_CASE("NAME_FILE naming a directory is an error naming the variable") {
  strata_test::temp_dir dir;
  std::filesystem::create_directories(dir.path() / "secrets");
  auto r = strata::configuration(strata::env(vars{{"APP_TOKEN_FILE", (dir.path() / "secrets").string()}}))
               .load<Server>();
  CHECK_FALSE(r.ok());
  const auto e = strata_test::only_at(r.errors(), "token");
  CHECK(strata_test::contains(e.message, "APP_TOKEN_FILE"));
}

/// Whether `text` is valid UTF-8 holding no control character but the newline.
bool printable(std::string_view text) {
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\n') || c == 0x7f) return false;
  return strata::detail::valid_utf8(text);
}

TEST_CASE("input shown in a report: control characters and bytes that are not UTF-8 as \\xNN") {
  const std::string escape = "\x1b[2J";  // would clear the operator's terminal
  const std::string not_utf8 = "\xff\xfe";
  struct probe {
    const char* what;
    strata::result<Tagged> loaded;
    const char* shown;
  };
  probe probes[] = {
      {"an unknown variable's name", strata::configuration(strata::env(vars{{"APP_X" + escape + not_utf8, "1"}})).load<Tagged>(),
       "APP_X\\x1b[2J\\xff\\xfe"},
      {"a value that breaks a pattern", strata::configuration(strata::env(vars{{"APP_TAG", "ab" + escape}})).load<Tagged>(),
       "ab\\x1b[2J"},
      {"an unknown key in a file", strata::configuration(strata::toml_text("\"k\\u001b[2J\" = 1\n")).load<Tagged>(),
       "k\\x1b[2J"},
      {"an unknown override", strata::configuration().overrides({"t\x07g" + not_utf8 + "=1"}).load<Tagged>(), nullptr},
      {"an unknown argument", strata::configuration(strata::args({"t\x07g=1"})).load<Tagged>(), "t\\x07g"},
  };
  for (const probe& p : probes) {
    INFO(std::string(p.what));
    const std::string report = strata::format(p.loaded.diagnostics());
    INFO(report);
    CHECK_FALSE(p.loaded.diagnostics().empty());
    CHECK(printable(report));
    CHECK(printable(strata::to_json(p.loaded.diagnostics())));
    if (p.shown) CHECK(strata_test::contains(report, p.shown));
  }
}

TEST_CASE("input shown in a report: a number's text with a control character") {
  auto r = strata::configuration(strata::env(vars{{"APP_PORT", "8\x1b" "0"}})).load<Server>();
  REQUIRE_FALSE(r.ok());
  const auto e = strata_test::only_at(r.errors(), "port");
  CHECK(strata_test::contains(e.message, "'8\\x1b0' is not an integer"));
  CHECK(printable(strata::format(r.diagnostics())));
}

TEST_CASE("text that is not UTF-8 is an error whose bytes are not shown") {
  auto r = strata::configuration(strata::env(vars{{"APP_PORT", "8\xff" "0"}})).load<Server>();
  REQUIRE_FALSE(r.ok());
  const auto e = strata_test::only_at(r.errors(), "port");
  CHECK(e.message == "is not valid UTF-8 text");
  CHECK(e.origin.name == "APP_PORT");
}

struct Maps {
  std::map<std::string, std::string> labels;
  std::map<std::string, int> limits;
  strata::any_table extra;
  std::string name = "n";
};
BOOST_DESCRIBE_STRUCT(Maps, (), (labels, limits, extra, name))
STRATA_CONFIGURED(Maps, {.prefix = "APP_"})

TEST_CASE("no key or string that is not UTF-8 enters a configuration, from any source") {
  const std::string bad = "a\xff";
  struct probe {
    const char* what;
    strata::result<Maps> loaded;
    const char* path;
    const char* message;
  };
  probe probes[] = {
      {"a quoted YAML string", strata::configuration(strata::yaml_text("name: \"" + bad + "\"\n", "c.yaml")).load<Maps>(),
       "name", "is not valid UTF-8 text"},
      {"a YAML map key", strata::configuration(strata::yaml_text("labels:\n  " + bad + ": x\n", "c.yaml")).load<Maps>(),
       "labels.\"a\\xff\"", "the key is not valid UTF-8 text"},
      {"a map key from a variable's name", strata::configuration(strata::env(vars{{"APP_LABELS__" + bad, "x"}})).load<Maps>(),
       nullptr, "not valid UTF-8"},
      {"a free-form table's key", strata::configuration(strata::yaml_text("extra:\n  k:\n    " + bad + ": 1\n", "c.yaml")).load<Maps>(),
       "extra.k.\"a\\xff\"", "the key is not valid UTF-8 text"},
      {"a free-form table's string", strata::configuration(strata::yaml_text("extra:\n  k: [\"" + bad + "\"]\n", "c.yaml")).load<Maps>(),
       "extra.k[0]", "is not valid UTF-8 text"},
  };
  for (const probe& p : probes) {
    INFO(std::string(p.what));
    REQUIRE_FALSE(p.loaded.ok());
    const std::string report = strata::format(p.loaded.diagnostics());
    INFO(report);
    CHECK(strata_test::contains(report, p.message));
    if (p.path) CHECK(strata_test::only_at(p.loaded.errors(), p.path).origin.name != "");
    CHECK(printable(report));
    CHECK(printable(strata::to_json(p.loaded.diagnostics())));
  }
}

TEST_CASE("a key with control characters is written in paths as TOML escapes it, and read back") {
  auto r = strata::configuration(strata::toml_text("limits = { \"a\\u001b[2J\" = \"x\" }\nlabels = { \"b\\u0007\" = \"y\" }\n"))
               .load<Maps>();
  REQUIRE_FALSE(r.ok());
  const auto e = strata_test::only_at(r.errors(), "limits.\"a\\u001b[2J\"");
  CHECK(printable(strata::format(r.diagnostics())));
  auto good = strata::configuration(strata::toml_text("labels = { \"b\\u0007\" = \"y\" }\n")).load<Maps>();
  REQUIRE(good.ok());
  CHECK(good->labels.at("b\x07") == "y");
  CHECK(good.origin_of("labels.\"b\\u0007\"").line == 1);
  CHECK(printable(strata::explain(good)));
}

TEST_CASE("a long key is cut in a message's path, like values") {
  const std::string key(100'000, 'k');
  auto r = strata::configuration(strata::toml_text("limits = { " + key + " = \"x\" }\n")).load<Maps>();
  REQUIRE_FALSE(r.ok());
  const std::string report = strata::format(r.diagnostics());
  CHECK(report.size() < 1'000);
  CHECK(strata_test::contains(report, "limits.\"kkkk"));
  CHECK(strata_test::contains(report, "… (100000 characters)\": expected an integer, got a string"));
}

TEST_CASE("a setting is capped in its origin, and a path deeper than tables nest is refused") {
  const std::string deep(100'000, '[');
  auto long_value = strata::configuration().overrides({"limits=" + deep}).load<Maps>();
  REQUIRE_FALSE(long_value.ok());
  CHECK(strata::format(long_value.diagnostics()).size() < 1'000);

  std::string path = "labels";
  for (int i = 0; i < 100'000; ++i) path += ".x";
  for (auto loaded : {strata::configuration().overrides({path + "=1"}).load<Maps>(),
                      strata::configuration(strata::args({path + "=1"})).load<Maps>()}) {
    REQUIRE_FALSE(loaded.ok());
    const std::string report = strata::format(loaded.diagnostics());
    CHECK(report.size() < 1'000);
    CHECK(strata_test::contains(report, "the path has 100001 keys; tables nest at most 128 levels"));
  }
}

TEST_CASE("an origin shows a variable's name inert, in the report and in JSON") {
  auto r = strata::configuration(strata::env(vars{{"APP_LIMITS__A\x1b\xff", "x"}, {"APP_LIMITS__B\x7f", "x"}})).load<Maps>();
  REQUIRE_FALSE(r.ok());
  const std::string report = strata::format(r.diagnostics());
  INFO(report);
  CHECK(printable(report));
  CHECK(strata_test::contains(report, "APP_LIMITS__A\\x1b\\xff"));
  CHECK(printable(strata::to_json(r.diagnostics())));
}

TEST_CASE("a parser's message quoting the input is shown inert") {
  auto yaml = strata::configuration(strata::yaml_text("name: \"a\\\x1b\"\n", "c.yaml")).load<Maps>();
  REQUIRE_FALSE(yaml.ok());
  CHECK(printable(strata::format(yaml.diagnostics())));
  auto toml = strata::configuration(strata::toml_text("name = \"a\\\x1b\"\n")).load<Maps>();
  REQUIRE_FALSE(toml.ok());
  CHECK(printable(strata::format(toml.diagnostics())));
}

}  // namespace hostile_spec
