// strata::any_table: a field that keeps any table as the sources give it
// (Cargo's [package.metadata]), merged key by key across layers, dumped
// back unchanged, each value with its origin.
#include "support.hpp"

#include <strata/declare/any_table.hpp>
#include <toml++/toml.h>  // to read an any_table

namespace ff {
struct Package {
  std::string name;
  strata::any_table metadata;
};
BOOST_DESCRIBE_STRUCT(Package, (), (name, metadata))

struct Manifest {
  Package package;
  strata::annotated<strata::any_table, strata::secret> credentials;
};
BOOST_DESCRIBE_STRUCT(Manifest, (), (package, credentials))
STRATA_CONFIGURED(Manifest, {.prefix = "CARGO_", .mapping = strata::mapping::tree})
}  // namespace ff

using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;

namespace {
const char* const manifest = R"([package]
name = "ripgrep"

[package.metadata.deb]
features = ["pcre2"]
section = "utils"
priority = 3
released = 2024-06-17
assets = [
  ["target/release/rg", "usr/bin/", "755"],
  ["COPYING", "usr/share/doc/ripgrep/", "644"],
]

[[package.metadata.deb.variants]]
name = "static"
)";
}  // namespace

TEST_CASE("any table loads as given: nested tables, arrays of arrays, dates, arrays of tables") {
  const auto r = load_toml<ff::Manifest>(manifest, "Cargo.toml");
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  const toml::table& metadata = r.value().package.metadata.table();
  CHECK(metadata["deb"]["section"].value_or(std::string()) == "utils");
  CHECK(metadata["deb"]["priority"].value_or(0) == 3);
  CHECK(metadata["deb"]["assets"][1][2].value_or(std::string()) == "644");
  CHECK(metadata["deb"]["variants"][0]["name"].value_or(std::string()) == "static");
  CHECK(metadata["deb"]["released"].is_date());
  CHECK(r.origin_of("package.metadata.deb.section").line == 6);
  CHECK(r.origin_of("package.metadata.deb.assets").line == 9);
  CHECK(r.origin_of("package.metadata.anything.below").kind == strata::origin_kind::defaults);  // no throw: free-form
  CHECK(r.value().credentials.value().empty());
}

TEST_CASE("layers merge key by key; arrays and values replace") {
  const auto r = strata::configuration(strata::toml_text(manifest, "Cargo.toml"),
                                       strata::toml_text("[package.metadata.deb]\nsection = \"devel\"\nextra = true\n"
                                                         "features = []\n", "local.toml"))
                     .overrides({"package.metadata.docs.rs.all-features=true"})
                     .load<ff::Manifest>();
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  const toml::table& metadata = r.value().package.metadata.table();
  CHECK(metadata["deb"]["section"].value_or(std::string()) == "devel");
  CHECK(metadata["deb"]["priority"].value_or(0) == 3);
  CHECK(metadata["deb"]["extra"].value_or(false));
  CHECK(metadata["deb"]["features"].as_array()->empty());
  // arguments and overrides give text, kept as text
  CHECK(metadata["docs"]["rs"]["all-features"].value_or(std::string()) == "true");
  CHECK(r.origin_of("package.metadata.deb.section").name == "local.toml");
  CHECK(r.origin_of("package.metadata.deb.priority").name == "Cargo.toml");
  CHECK(r.origin_of("package.metadata.docs.rs.all-features").kind == strata::origin_kind::overrides);
}

TEST_CASE("strings in a free-form table are never interpolated") {
  const auto r = load_toml<ff::Manifest>("[package.metadata]\ntemplate = \"${name}-${version}\"\n");
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  CHECK(r.value().package.metadata.table()["template"].value_or(std::string()) == "${name}-${version}");
}

TEST_CASE("a free-form field given something other than a table is an error") {
  const auto r = load_toml<ff::Manifest>("[package]\nmetadata = \"deb\"\n");
  const auto d = only_at(r.diagnostics(), "package.metadata");
  CHECK(d.message == "expected a table, got a string");
  CHECK(d.origin.line == 2);
  const auto env = strata::configuration(strata::env(std::map<std::string, std::string>{{"CARGO_PACKAGE__METADATA", "[1]"}}))
                       .load<ff::Manifest>();
  CHECK(only_at(env.diagnostics(), "package.metadata").message == "CARGO_PACKAGE__METADATA must be a TOML inline table");
}

TEST_CASE("the environment gives a free-form table as one inline table") {
  const auto r = strata::configuration(strata::env(std::map<std::string, std::string>{
                                           {"CARGO_PACKAGE__METADATA", "{deb = {section = \"net\"}}"}}))
                     .load<ff::Manifest>();
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  CHECK(r.value().package.metadata.table()["deb"]["section"].value_or(std::string()) == "net");
  CHECK(r.origin_of("package.metadata.deb.section").name == "CARGO_PACKAGE__METADATA");
}

TEST_CASE("dumps write the table back unchanged, and it loads back equal") {
  const auto r = load_toml<ff::Manifest>(manifest, "Cargo.toml");
  REQUIRE(r.ok());
  const std::string toml = strata::to_toml(r.value());
  CHECK(contains(toml, "[package.metadata.deb]\n"));
  CHECK(contains(toml, "section = \"utils\"\n"));
  CHECK(contains(toml, "released = 2024-06-17\n"));
  CHECK(contains(toml, "assets = [[\"target/release/rg\", \"usr/bin/\", \"755\"], [\"COPYING\""));
  CHECK(contains(toml, "[[package.metadata.deb.variants]]\nname = \"static\"\n"));
  const auto back = load_toml<ff::Manifest>(toml);
  REQUIRE_MESSAGE(back.ok(), strata::format(back.diagnostics()));
  CHECK(back.value().package.metadata == r.value().package.metadata);
  CHECK_FALSE(back.value().package.metadata == ff::Package{}.metadata);

  const auto json = strata_test::json_reader::parse(strata::to_json(r.value()));
  REQUIRE(json);
  CHECK((*json)["package"]["metadata"]["deb"]["priority"].num() == 3);
  CHECK((*json)["package"]["metadata"]["deb"]["released"].str() == "2024-06-17");
  CHECK((*json)["package"]["metadata"]["deb"]["assets"][0][2].str() == "755");

  const std::string explained = strata::explain(r);
  CHECK(contains(explained, "package.metadata.deb.section = \"utils\""));
  CHECK(contains(explained, "# Cargo.toml:6:"));
  const auto schema = strata_test::json_reader::parse(strata::json_schema<ff::Manifest>());
  REQUIRE(schema);
  CHECK((*schema)["properties"]["package"]["properties"]["metadata"]["type"].str() == "object");
}

TEST_CASE("a secret free-form table is redacted whole") {
  const auto r = load_toml<ff::Manifest>("[credentials]\ntoken = \"s3cr3t-token-value\"\n");
  REQUIRE(r.ok());
  CHECK(r.value().credentials->table()["token"].value_or(std::string()) == "s3cr3t-token-value");
  for (const std::string& out : {strata::to_toml(r.value()), strata::to_json(r.value()), strata::explain(r)})
    CHECK_MESSAGE(!contains(out, "s3cr3t"), out);
  CHECK(contains(strata::to_toml(r.value(), strata::reveal_secrets), "token = \"s3cr3t-token-value\""));
}
