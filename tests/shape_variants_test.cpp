// std::variant without discriminator: the alternative is chosen by the
// shape of the value (string, integer, float, boolean, date-time, table,
// array), as in Cargo's `dep = "1.0"` beside `dep = { version = "1.0" }`.
#include "support.hpp"

namespace sv {
struct Dependency {
  std::string version;
  std::string path;
  bool optional = false;
  std::vector<std::string> features;
};
BOOST_DESCRIBE_STRUCT(Dependency, (), (version, path, optional, features))
STRATA_CONFIGURED(Dependency, {.keys = strata::naming::kebab_case})

struct LicenseText {
  std::string text;
};
BOOST_DESCRIBE_STRUCT(LicenseText, (), (text))

struct IncludeGroup {
  std::string include_group;
};
BOOST_DESCRIBE_STRUCT(IncludeGroup, (), (include_group))
STRATA_CONFIGURED(IncludeGroup, {.keys = strata::naming::kebab_case})

enum class DebugLevel { none, line_tables_only, limited, full };
BOOST_DESCRIBE_ENUM(DebugLevel, none, line_tables_only, limited, full)
STRATA_ENUM(DebugLevel, strata::naming::kebab_case)

struct Manifest {
  std::map<std::string, std::variant<std::string, Dependency>> dependencies;
  std::variant<std::string, LicenseText> license = std::string("MIT");
  // Cargo's `debug`: 0..2, a name, or a boolean
  std::variant<bool, strata::annotated<int, strata::range<0, 2>>, DebugLevel> debug = false;
  std::map<std::string, std::vector<std::variant<std::string, IncludeGroup>>> groups;
  std::variant<double, std::vector<double>> weight = 1.0;
  std::optional<std::variant<std::int64_t, std::string>> build_id;
};
BOOST_DESCRIBE_STRUCT(Manifest, (), (dependencies, license, debug, groups, weight, build_id))
STRATA_CONFIGURED(Manifest, {.prefix = "M_", .mapping = strata::mapping::tree})
}  // namespace sv

using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;
using vars = std::map<std::string, std::string>;

static_assert(strata::check_schema<sv::Manifest>());

TEST_CASE("a string or a table: each dependency takes the alternative of its shape") {
  const auto r = load_toml<sv::Manifest>(R"(
license = { text = "Unlicense OR MIT" }
debug = "line-tables-only"

[dependencies]
anyhow = "1.0.75"
grep = { version = "0.4.1", path = "crates/grep" }
grep-index = { version = "0.0.1", path = "crates/index", optional = true }

[groups]
dev = [{ include-group = "cov-tests" }, "pre-commit"]
)");
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  const sv::Manifest& m = r.value();
  CHECK(std::get<std::string>(m.dependencies.at("anyhow")) == "1.0.75");
  const auto& grep = std::get<sv::Dependency>(m.dependencies.at("grep"));
  CHECK(grep.version == "0.4.1");
  CHECK(grep.path == "crates/grep");
  CHECK(std::get<sv::Dependency>(m.dependencies.at("grep-index")).optional);
  CHECK(std::get<sv::LicenseText>(m.license).text == "Unlicense OR MIT");
  CHECK(std::get<sv::DebugLevel>(m.debug) == sv::DebugLevel::line_tables_only);
  const auto& dev = m.groups.at("dev");
  REQUIRE(dev.size() == 2);
  CHECK(std::get<sv::IncludeGroup>(dev[0]).include_group == "cov-tests");
  CHECK(std::get<std::string>(dev[1]) == "pre-commit");
  CHECK(r.origin_of("dependencies.grep.path").line == 7);
  CHECK(r.origin_of("groups.dev[0].include-group").line == 11);
}

TEST_CASE("integers, booleans and floats pick their alternative; an integer goes to a float one when it is alone") {
  auto debug = [](std::string text) { return load_toml<sv::Manifest>("debug = " + text + "\n"); };
  CHECK(std::get<1>(debug("1").value().debug) == 1);
  CHECK(std::get<bool>(debug("true").value().debug));
  CHECK(std::get<sv::DebugLevel>(debug("\"none\"").value().debug) == sv::DebugLevel::none);
  const auto weight = load_toml<sv::Manifest>("weight = 2\n");
  REQUIRE(weight.ok());
  CHECK(std::get<double>(weight.value().weight) == 2.0);
  CHECK(std::get<std::vector<double>>(load_toml<sv::Manifest>("weight = [1, 0.5]\n").value().weight) ==
        std::vector<double>{1.0, 0.5});
}

TEST_CASE("a value of a shape no alternative reads lists the accepted shapes") {
  const auto r = load_toml<sv::Manifest>("debug = 1.5\nlicense = 3\n[dependencies]\nx = [\"1.0\"]\n");
  CHECK(only_at(r.diagnostics(), "debug").message == "expected a boolean, an integer or a string, got a float");
  CHECK(only_at(r.diagnostics(), "license").message == "expected a string or a table, got an integer");
  const auto dep = only_at(r.diagnostics(), "dependencies.x");
  CHECK(dep.message == "expected a string or a table, got a list");
  CHECK(dep.origin.line == 4);
}

TEST_CASE("inside the chosen alternative, errors and constraints are the alternative's") {
  const auto r = load_toml<sv::Manifest>("debug = 3\n[dependencies]\ngrep = { version = 4, pth = \"x\" }\n");
  CHECK(contains(only_at(r.diagnostics(), "debug").message, "must be in [0, 2], got 3"));
  CHECK(only_at(r.diagnostics(), "dependencies.grep.version").message == "expected a string, got an integer");
  CHECK(only_at(r.diagnostics(), "dependencies.grep.pth").hint == "did you mean 'path'?");
  const auto level = only_at(load_toml<sv::Manifest>("debug = \"ful\"\n").diagnostics(), "debug");
  CHECK(level.hint == "did you mean 'full'?");
}

TEST_CASE("across layers: tables merge while the shape stays, another shape replaces") {
  const auto merged = strata::configuration(
                          strata::toml_text("[dependencies]\ngrep = { version = \"0.4\", path = \"crates/grep\" }\n", "a.toml"),
                          strata::toml_text("[dependencies]\ngrep = { version = \"0.5\" }\n", "b.toml"))
                          .load<sv::Manifest>();
  REQUIRE(merged.ok());
  const auto& grep = std::get<sv::Dependency>(merged.value().dependencies.at("grep"));
  CHECK(grep.version == "0.5");
  CHECK(grep.path == "crates/grep");
  const auto replaced = strata::configuration(
                            strata::toml_text("[dependencies]\ngrep = { version = \"0.4\", path = \"crates/grep\" }\n", "a.toml"),
                            strata::toml_text("[dependencies]\ngrep = \"0.6\"\n", "b.toml"))
                            .load<sv::Manifest>();
  REQUIRE(replaced.ok());
  CHECK(std::get<std::string>(replaced.value().dependencies.at("grep")) == "0.6");
  const auto back = strata::configuration(strata::toml_text("[dependencies]\ngrep = \"0.6\"\n", "a.toml"),
                                          strata::toml_text("[dependencies]\ngrep = { path = \"g\" }\n", "b.toml"))
                        .load<sv::Manifest>();
  REQUIRE(back.ok());
  const auto& table = std::get<sv::Dependency>(back.value().dependencies.at("grep"));
  CHECK(table.version.empty());  // the lower layer's string is not part of the table
  CHECK(table.path == "g");
}

TEST_CASE("from env and arguments, the shape of the TOML literal decides; bare words are strings") {
  const auto r = strata::configuration(strata::env(vars{{"M_DEBUG", "2"}, {"M_LICENSE", "{text = \"MIT\"}"},
                                                        {"M_BUILD_ID", "42"}}),
                                       strata::args(std::vector<std::string>{"dependencies.serde=1.0",
                                                                             "dependencies.rand={version=\"0.8\"}"}))
                     .load<sv::Manifest>();
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  CHECK(std::get<1>(r.value().debug) == 2);
  CHECK(std::get<sv::LicenseText>(r.value().license).text == "MIT");
  CHECK(std::get<std::int64_t>(*r.value().build_id) == 42);
  CHECK(std::get<std::string>(r.value().dependencies.at("serde")) == "1.0");  // a float literal, but no float alternative
  CHECK(std::get<sv::Dependency>(r.value().dependencies.at("rand")).version == "0.8");
  CHECK(r.origin_of("debug").name == "M_DEBUG");

  const auto words = strata::configuration(strata::env(vars{{"M_DEBUG", "limited"}, {"M_LICENSE", "Apache-2.0"}}))
                         .overrides({"build_id=\"42\"", "weight=[2, 3]"})
                         .load<sv::Manifest>();
  REQUIRE_MESSAGE(words.ok(), strata::format(words.diagnostics()));
  CHECK(std::get<sv::DebugLevel>(words.value().debug) == sv::DebugLevel::limited);
  CHECK(std::get<std::string>(words.value().license) == "Apache-2.0");
  CHECK(std::get<std::string>(*words.value().build_id) == "42");  // quoted: a string
  CHECK(std::get<std::vector<double>>(words.value().weight).size() == 2);

  const auto bad = strata::configuration(strata::env(vars{{"M_DEBUG", "2.5"}})).load<sv::Manifest>();
  const auto d = only_at(bad.diagnostics(), "debug");
  CHECK(contains(d.message, "'2.5' is not one of 'none'"));  // a float literal has no alternative: read as a name
  CHECK(d.origin.name == "M_DEBUG");
}

TEST_CASE("an interpolated file string takes the shape of what it resolves to") {
  const auto r = strata::configuration(strata::toml_text("debug = \"${DEBUG}\"\nlicense = \"${LICENSE:MIT}\"\n", "m.toml"),
                                       strata::env(vars{{"DEBUG", "1"}}))
                     .load<sv::Manifest>();
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  CHECK(std::get<1>(r.value().debug) == 1);
  CHECK(std::get<std::string>(r.value().license) == "MIT");
  CHECK(r.origin_of("debug").via == "DEBUG");
  const auto out_of_range = strata::configuration(strata::toml_text("debug = \"${DEBUG}\"\n", "m.toml"),
                                                  strata::env(vars{{"DEBUG", "7"}}))
                                .load<sv::Manifest>();
  CHECK(contains(only_at(out_of_range.diagnostics(), "debug").message, "must be in [0, 2], got 7"));
}

TEST_CASE("dumps write the alternative as it is, and load back") {
  sv::Manifest m;
  m.dependencies["anyhow"] = std::string("1.0");
  m.dependencies["grep"] = sv::Dependency{"0.4", "crates/grep", false, {"pcre2"}};
  m.license = sv::LicenseText{"MIT"};
  m.debug = sv::DebugLevel::limited;
  m.groups["dev"] = {sv::IncludeGroup{"tests"}, std::string("pre-commit")};
  m.build_id = std::int64_t{7};
  const std::string toml = strata::to_toml(m);
  CHECK(contains(toml, "anyhow = \"1.0\""));
  CHECK(contains(toml, "[dependencies.grep]\nversion = \"0.4\"\npath = \"crates/grep\""));
  CHECK(contains(toml, "[license]\ntext = \"MIT\""));
  CHECK(contains(toml, "debug = \"limited\""));
  CHECK(contains(toml, "dev = [{ include-group = \"tests\" }, \"pre-commit\"]"));
  CHECK(contains(toml, "build_id = 7"));
  const auto back = load_toml<sv::Manifest>(toml);
  REQUIRE_MESSAGE(back.ok(), strata::format(back.diagnostics()));
  CHECK(strata::to_toml(back.value()) == toml);

  const auto json = strata_test::json_reader::parse(strata::to_json(m));
  REQUIRE(json);
  CHECK((*json)["dependencies"]["anyhow"].str() == "1.0");
  CHECK((*json)["dependencies"]["grep"]["path"].str() == "crates/grep");
  CHECK((*json)["groups"]["dev"][1].str() == "pre-commit");
  CHECK((*json)["debug"].str() == "limited");

  const std::string explained = strata::explain(back);
  CHECK(contains(explained, "dependencies.grep.version = \"0.4\""));
  CHECK(contains(explained, "dependencies.anyhow = \"1.0\""));
  CHECK(contains(explained, "license.text = \"MIT\""));
}

TEST_CASE("the schema offers each alternative") {
  const auto schema = strata_test::json_reader::parse(strata::json_schema<sv::Manifest>());
  REQUIRE(schema);
  const auto& license = (*schema)["properties"]["license"]["anyOf"];
  REQUIRE(license.arr().size() == 2);
  CHECK(license[0]["type"].str() == "string");
  CHECK(license[1]["type"].str() == "object");
  const auto& dependency = (*schema)["properties"]["dependencies"]["additionalProperties"]["anyOf"];
  CHECK(dependency[1]["properties"].obj().contains("version"));
  CHECK(contains(strata::env_reference<sv::Manifest>(), "| `M_LICENSE` | `license` | string or table |"));
}
