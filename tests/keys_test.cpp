// Keys as real files spell them: strata::key<"...">, the naming policies of
// STRATA_CONFIGURED(T, {.keys = ...}) and `.unknown_keys`, in every place a
// key appears; env names still derive from the C++ names.
#include "support.hpp"

namespace kt {
struct Package {
  std::string name;
  std::string rust_version;
  bool auto_tests = true;
  strata::annotated<std::string, strata::key<"$schema">> schema_url;
  std::vector<std::string> default_features;
  strata::annotated<int, strata::range<1, 10>> opt_level = 1;
};
BOOST_DESCRIBE_STRUCT(Package, (), (name, rust_version, auto_tests, schema_url, default_features, opt_level))
STRATA_CONFIGURED(Package, {.keys = strata::naming::kebab_case})

struct Runner {
  int max_uploaded_archive_size = 0;
  std::string server_address = "localhost";
  strata::annotated<std::string, strata::key<"URL">> url;
};
BOOST_DESCRIBE_STRUCT(Runner, (), (max_uploaded_archive_size, server_address, url))
STRATA_CONFIGURED(Runner, {.keys = strata::naming::pascal_case})

struct Client {
  int max_retries = 3;
  bool use_http2 = false;
};
BOOST_DESCRIBE_STRUCT(Client, (), (max_retries, use_http2))
STRATA_CONFIGURED(Client, {.keys = strata::naming::camel_case})

struct Manifest {
  Package package;
  Runner runner;
  Client client;
  int plain_field = 0;
  strata::annotated<std::string, strata::key<"build-system">> build_system;
};
BOOST_DESCRIBE_STRUCT(Manifest, (), (package, runner, client, plain_field, build_system))
STRATA_CONFIGURED(Manifest, {.prefix = "APP_", .mapping = strata::mapping::tree})

/// Shared with other programs: what it does not know is theirs.
struct Shared {
  int port = 80;
};
BOOST_DESCRIBE_STRUCT(Shared, (), (port))
STRATA_CONFIGURED(Shared, {.unknown_keys = strata::unknown_keys::warn})

struct Quiet {
  int port = 80;
};
BOOST_DESCRIBE_STRUCT(Quiet, (), (port))
STRATA_CONFIGURED(Quiet, {.unknown_keys = strata::unknown_keys::ignore})

struct Holder {
  Shared shared;
  Quiet quiet;
  int strict = 0;
};
BOOST_DESCRIBE_STRUCT(Holder, (), (shared, quiet, strict))
}  // namespace kt

using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;
using vars = std::map<std::string, std::string>;

namespace {
std::string spell(std::string_view name, strata::naming policy) {
  std::string out;
  strata::detail::spell(name, policy, [&](char c) { out += c; });
  return out;
}

const char* const cargo_like = R"(
plain_field = 7
build-system = "hatch"

[package]
name = "ripgrep"
rust-version = "1.70"
auto-tests = false
"$schema" = "https://example.com/cargo.json"
default-features = ["pcre2"]
opt-level = 3

[runner]
MaxUploadedArchiveSize = 1024
ServerAddress = "gitlab.local"
URL = "https://gitlab.local"

[client]
maxRetries = 5
useHttp2 = true
)";
}  // namespace

static_assert(strata::detail::member_keys_v<kt::Package>[1] == "rust-version");
static_assert(strata::detail::member_keys_v<kt::Package>[3] == "$schema");
static_assert(strata::detail::member_keys_v<kt::Runner>[0] == "MaxUploadedArchiveSize");
static_assert(strata::detail::member_keys_v<kt::Runner>[2] == "URL");
static_assert(strata::detail::member_keys_v<kt::Client>[1] == "useHttp2");
static_assert(strata::detail::member_keys_v<kt::Manifest>[3] == "plain_field");
// env names derive from the C++ names, whatever the file spells
static_assert(strata::env_name<kt::Manifest>("package.rust-version") == "APP_PACKAGE__RUST_VERSION");
static_assert(strata::env_name<kt::Manifest>("runner.MaxUploadedArchiveSize") == "APP_RUNNER__MAX_UPLOADED_ARCHIVE_SIZE");
static_assert(strata::env_name<kt::Manifest>("build-system") == "APP_BUILD_SYSTEM");

TEST_CASE("naming policies split words at underscores and case changes") {
  CHECK(spell("rust_version", strata::naming::kebab_case) == "rust-version");
  CHECK(spell("rust_version", strata::naming::camel_case) == "rustVersion");
  CHECK(spell("rust_version", strata::naming::pascal_case) == "RustVersion");
  CHECK(spell("rust_version", strata::naming::as_declared) == "rust_version");
  CHECK(spell("maxUploadedSize", strata::naming::kebab_case) == "max-uploaded-size");
  CHECK(spell("HTTPServer", strata::naming::kebab_case) == "http-server");
  CHECK(spell("HTTPServer", strata::naming::camel_case) == "httpServer");
  CHECK(spell("x509_cert", strata::naming::pascal_case) == "X509Cert");
  CHECK(spell("use_http2", strata::naming::camel_case) == "useHttp2");
  CHECK(spell("EaseOutExpo", strata::naming::kebab_case) == "ease-out-expo");
}

TEST_CASE("a file in kebab, Pascal and camel case loads into snake_case fields") {
  const auto r = load_toml<kt::Manifest>(cargo_like);
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  const kt::Manifest& m = r.value();
  CHECK(m.package.rust_version == "1.70");
  CHECK_FALSE(m.package.auto_tests);
  CHECK(*m.package.schema_url == "https://example.com/cargo.json");
  CHECK(m.package.default_features == std::vector<std::string>{"pcre2"});
  CHECK(m.runner.max_uploaded_archive_size == 1024);
  CHECK(*m.runner.url == "https://gitlab.local");
  CHECK(m.client.max_retries == 5);
  CHECK(m.client.use_http2);
  CHECK(m.plain_field == 7);
  CHECK(*m.build_system == "hatch");
  CHECK(r.origin_of("package.rust-version").line == 7);
  CHECK(r.origin_of("package.\"$schema\"").line == 9);
  CHECK(r.origin_of("runner.MaxUploadedArchiveSize").line == 14);
  CHECK_THROWS_AS(r.origin_of("package.rust_version"), std::out_of_range);
}

TEST_CASE("an unknown key's hint names the key as the file must spell it, never the C++ name") {
  const auto r = load_toml<kt::Manifest>("[package]\nrust_version = \"1.70\"\n\n[runner]\nmax_uploaded_archive_size = 1\n");
  const auto d = only_at(r.diagnostics(), "package.rust_version");
  CHECK(d.message == "unknown key 'rust_version'");
  CHECK(d.hint == "did you mean 'rust-version'?");
  CHECK(d.origin.line == 2);
  // too far from the C++ name's spelling for a guess: no hint naming the C++ name either
  const auto runner = only_at(r.diagnostics(), "runner.max_uploaded_archive_size");
  CHECK_FALSE(contains(runner.hint, "max_uploaded_archive_size"));
}

TEST_CASE("diagnostic paths use the file's keys, quoted when they are not bare") {
  const auto r = load_toml<kt::Manifest>("[package]\nrust-version = 170\n\"$schema\" = 1\nopt-level = 11\n");
  CHECK(only_at(r.diagnostics(), "package.rust-version").message == "expected a string, got an integer");
  CHECK(only_at(r.diagnostics(), "package.\"$schema\"").origin.line == 3);
  CHECK(contains(only_at(r.diagnostics(), "package.opt-level").message, "must be in [1, 10], got 11"));
}

TEST_CASE("arguments, overrides and the environment address fields by their file keys") {
  const auto r = strata::configuration(strata::toml_text(cargo_like, "Cargo.toml"),
                                       strata::env(vars{{"APP_PACKAGE__NAME", "rg"},
                                                        {"APP_RUNNER__MAX_UPLOADED_ARCHIVE_SIZE", "2048"},
                                                        {"APP_BUILD_SYSTEM", "flit"}}),
                                       strata::args(std::vector<std::string>{"package.rust-version=1.80"}))
                     .overrides({"client.maxRetries=9", "runner.URL=https://other"})
                     .load<kt::Manifest>();
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  CHECK(r.value().package.name == "rg");
  CHECK(r.value().runner.max_uploaded_archive_size == 2048);
  CHECK(*r.value().build_system == "flit");
  CHECK(r.value().package.rust_version == "1.80");
  CHECK(r.value().client.max_retries == 9);
  CHECK(*r.value().runner.url == "https://other");
  CHECK(r.origin_of("runner.MaxUploadedArchiveSize").name == "APP_RUNNER__MAX_UPLOADED_ARCHIVE_SIZE");
  CHECK(r.origin_of("package.rust-version").kind == strata::origin_kind::args);
}

TEST_CASE("an override naming the C++ spelling is an unknown path with the file's spelling as hint") {
  const auto r = strata::configuration().overrides({"package.rust_version=1.80"}).load<kt::Manifest>();
  const auto d = only_at(r.diagnostics(), "package.rust_version");
  CHECK(d.hint == "did you mean 'rust-version'?");
}

TEST_CASE("dumps, explain, the schema, the sample and the env reference spell keys as files do") {
  const auto r = load_toml<kt::Manifest>(cargo_like);
  REQUIRE(r.ok());
  const std::string toml = strata::to_toml(r.value());
  CHECK(contains(toml, "rust-version = \"1.70\""));
  CHECK(contains(toml, "\"$schema\" = \"https://example.com/cargo.json\""));
  CHECK(contains(toml, "MaxUploadedArchiveSize = 1024"));
  CHECK(contains(toml, "useHttp2 = true"));
  CHECK(contains(toml, "build-system = \"hatch\""));
  const auto again = load_toml<kt::Manifest>(toml);
  REQUIRE_MESSAGE(again.ok(), strata::format(again.diagnostics()));
  CHECK(strata::to_toml(again.value()) == toml);

  const auto json = strata_test::json_reader::parse(strata::to_json(r.value()));
  REQUIRE(json);
  CHECK((*json)["package"]["rust-version"].str() == "1.70");
  CHECK((*json)["package"]["$schema"].str() == "https://example.com/cargo.json");
  CHECK((*json)["client"]["maxRetries"].num() == 5);

  const std::string explained = strata::explain(r);
  CHECK(contains(explained, "package.rust-version = \"1.70\""));
  CHECK(contains(explained, "package.\"$schema\" = "));
  CHECK(contains(explained, "runner.URL = \"https://gitlab.local\""));

  const auto schema = strata_test::json_reader::parse(strata::json_schema<kt::Manifest>());
  REQUIRE(schema);
  const auto& package = (*schema)["properties"]["package"]["properties"].obj();
  CHECK(package.contains("rust-version"));
  CHECK(package.contains("$schema"));
  CHECK_FALSE(package.contains("rust_version"));
  CHECK((*schema)["properties"]["runner"]["properties"].obj().contains("MaxUploadedArchiveSize"));

  const std::string sample = strata::sample_toml<kt::Manifest>();
  CHECK(contains(sample, "rust-version = \"\""));
  CHECK(contains(sample, "# string; env APP_PACKAGE__RUST_VERSION"));
  const auto sample_loaded = load_toml<kt::Manifest>(sample);
  CHECK_MESSAGE(sample_loaded.ok(), strata::format(sample_loaded.diagnostics()));

  const std::string reference = strata::env_reference<kt::Manifest>();
  CHECK(contains(reference, "| `APP_PACKAGE__RUST_VERSION` | `package.rust-version` |"));
  CHECK(contains(reference, "| `APP_RUNNER__URL` | `runner.URL` |"));
  CHECK(contains(reference, "| `APP_PACKAGE__SCHEMA_URL` | `package.\"$schema\"` |"));
}

TEST_CASE("unknown keys: an error by default, a warning or nothing where the struct says so") {
  const auto r = load_toml<kt::Holder>(
      "strict = 1\nstrikt = 2\n[shared]\nport = 8080\nprot = 1\n[quiet]\nport = 9090\nanything = 1\n");
  CHECK_FALSE(r.ok());
  const auto strict = only_at(r.diagnostics(), "strikt");
  CHECK(strict.severity == strata::severity::error);
  CHECK(strict.hint == "did you mean 'strict'?");
  const auto shared = only_at(r.diagnostics(), "shared.prot");
  CHECK(shared.severity == strata::severity::warning);
  CHECK(shared.hint == "did you mean 'port'?");
  CHECK(shared.origin.line == 5);
  CHECK(strata_test::at(r.diagnostics(), "quiet.anything").empty());
  CHECK(r.diagnostics().size() == 2);
}

TEST_CASE("a warned unknown key does not fail the load, an ignored one is not reported") {
  const auto r = load_toml<kt::Holder>("[shared]\nport = 1\nowner = \"other program\"\n[quiet]\nport = 2\nx = 1\n");
  REQUIRE(r.ok());
  CHECK(r.value().shared.port == 1);
  CHECK(r.value().quiet.port == 2);
  REQUIRE(r.warnings().size() == 1);
  CHECK(r.warnings()[0].message == "unknown key 'owner'");
}

TEST_CASE("the schema accepts other keys where the struct warns about or ignores them") {
  const auto schema = strata_test::json_reader::parse(strata::json_schema<kt::Holder>());
  REQUIRE(schema);
  CHECK(std::get<bool>((*schema)["additionalProperties"].v) == false);
  const auto& properties = (*schema)["properties"].obj();
  CHECK_FALSE(properties.at("shared").obj().contains("additionalProperties"));
  CHECK_FALSE(properties.at("quiet").obj().contains("additionalProperties"));
}
