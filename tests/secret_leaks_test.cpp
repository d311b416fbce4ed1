// Secret leaks, round two (issue 19, class 2 and the NAME_FILE part of
// class 3): what strata treats as secret beyond a field's own `secret`
// annotation, and what it prints when it only suspects a secret.
//
// - `one_of<...>` and `value<...>` on a secret never show their values.
// - Everything inside a secret value (a struct, a container of structs, an
//   optional secret struct, a variant in a secret struct) is secret while
//   loading and in every output after.
// - A setting strata cannot tie to a known non-secret field (an unknown
//   key, a field of the alternative not selected, a malformed setting) is
//   named without its value; keys in messages are capped.
// - Interpolation errors from any source and malformed sweeps quote no value.
// - env() and env_reference() agree on the `NAME_FILE` variables.
#include <fcntl.h>
#include <unistd.h>

#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include <strata/experiments.hpp>
#include <strata/sources/yaml.hpp>
#include <strata/tools/cli.hpp>

#include "support.hpp"

namespace secret_leaks_spec {

using strata::annotated;

struct Vault {
  int pin = 1234;
  std::string label = "main";
  std::chrono::seconds rotate{60};
};
BOOST_DESCRIBE_STRUCT(Vault, (), (pin, label, rotate))

struct Cred {
  std::string user = "u";
  std::string token = "t";
};
BOOST_DESCRIBE_STRUCT(Cred, (), (user, token))

struct S3 {
  std::string bucket = "b";
  std::string access_key = "k";
};
BOOST_DESCRIBE_STRUCT(S3, (), (bucket, access_key))
struct Disk {
  std::string path = "/data";
};
BOOST_DESCRIBE_STRUCT(Disk, (), (path))
struct Store {
  annotated<std::variant<S3, Disk>, strata::discriminator<"kind">> backend;
};
BOOST_DESCRIBE_STRUCT(Store, (), (backend))

struct Postgres {
  std::string host = "localhost";
  annotated<std::string, strata::secret> password = "defaultpass";
};
BOOST_DESCRIBE_STRUCT(Postgres, (), (host, password))
struct Lite {
  std::string path = "app.db";
};
BOOST_DESCRIBE_STRUCT(Lite, (), (path))

struct App {
  std::string host = "0.0.0.0";
  annotated<std::string, strata::secret> token = "default-token";
  annotated<std::string, strata::secret, strata::one_of<"alpha-key-1", "bravo-key-2">> api_key = "alpha-key-1";
  annotated<std::string, strata::secret, strata::value<"pinned-key-9">> pinned;
  annotated<Vault, strata::secret> vault;
  std::optional<annotated<Vault, strata::secret>> backup;
  annotated<std::vector<Cred>, strata::secret> creds;
  annotated<std::map<std::string, Cred>, strata::secret> accounts;
  annotated<Store, strata::secret> store;
  annotated<std::vector<std::string>, strata::secret> keys;
  annotated<std::variant<Postgres, Lite>, strata::discriminator<"kind">> db;
};
BOOST_DESCRIBE_STRUCT(App, (), (host, token, api_key, pinned, vault, backup, creds, accounts, store, keys, db))
STRATA_CONFIGURED(App, {.prefix = "APP_", .mapping = strata::mapping::tree})

/// What one run of `fn` wrote to stdout and stderr.
std::string capture(const std::function<void()>& fn) {
  strata_test::temp_dir dir;
  const std::string file = (dir.path() / "out.txt").string();
  std::fflush(stdout);
  std::fflush(stderr);
  const int saved_out = ::dup(1), saved_err = ::dup(2);
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::dup2(fd, 1);
  ::dup2(fd, 2);
  ::close(fd);
  fn();
  std::fflush(stdout);
  std::fflush(stderr);
  ::dup2(saved_out, 1);
  ::dup2(saved_err, 2);
  ::close(saved_out);
  ::close(saved_err);
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// Every leaf path a secret may sit at, for origin_of().
const std::vector<std::string> secret_paths = {
    "token",           "api_key",       "pinned",         "vault.pin",      "vault.label",
    "vault.rotate",    "backup.pin",    "creds[0].token", "creds[0].user",  "accounts.ops.token",
    "store.backend.access_key", "store.backend.path", "keys[0]", "db.password"};

/// Every output strata produces for App loaded from `ctx`, by name: the
/// load's report and dumps, origin_of() of each secret leaf, the schema
/// tools and the CLI.
std::vector<std::pair<std::string, std::string>> outputs(const strata::configuration& ctx) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto r = ctx.load<App>();
  out.emplace_back("format", strata::format(r.diagnostics()));
  out.emplace_back("to_json(diagnostics)", strata::to_json(r.diagnostics()));
  for (const auto& d : r.diagnostics())
    out.emplace_back("diagnostic", d.path + " | " + d.message + " | " + d.origin.name + " | " + d.hint);
  try {
    (void)r.value();
  } catch (const strata::config_error& e) {
    out.emplace_back("config_error::what", e.what());
  }
  out.emplace_back("explain", strata::explain(r));
  const App& cfg = strata::detail::result_access::value(r);
  out.emplace_back("to_toml", strata::to_toml(cfg));
  out.emplace_back("to_json", strata::to_json(cfg));
  for (const std::string& path : secret_paths) out.emplace_back("origin_of " + path, r.origin_of(path).name);
  out.emplace_back("json_schema", strata::json_schema<App>());
  out.emplace_back("env_reference", strata::env_reference<App>());
  out.emplace_back("sample_toml", strata::sample_toml<App>());
  const std::vector<std::vector<const char*>> commands = {{"config", "validate"},
                                                          {"config", "explain"},
                                                          {"config", "dump", "--show-origin"},
                                                          {"config", "dump", "--format", "json"}};
  for (const auto& argv : commands)
    out.emplace_back(std::string("cli ") + argv[1] + (argv.size() > 2 ? std::string(" ") + argv[2] : ""),
                     capture([&] {
                       strata::cli::run<App>(static_cast<int>(argv.size()), argv.data(),
                                             [&](const strata::cli::options&) { return ctx; });
                     }));
  return out;
}

/// No output of the load holds any of `secrets`.
void require_hidden(const strata::configuration& ctx, const std::vector<std::string>& secrets) {
  for (const auto& [where, text] : outputs(ctx))
    for (const std::string& s : secrets) {
      INFO(where << ":\n" << text);
      CHECK_FALSE(strata_test::contains(text, s));
    }
}

using vars = std::map<std::string, std::string>;

strata::configuration with_overrides(std::vector<std::string> settings) {
  return strata::configuration(strata::env(vars{})).overrides(std::move(settings));
}

}  // namespace secret_leaks_spec

using namespace secret_leaks_spec;
using strata_test::contains;

TEST_CASE("one_of on a secret: no output names the allowed values") {
  // the pinned value and the default are not set here: only the list is checked
  const auto r = with_overrides({"api_key=charlie-key-3"}).load<App>();
  const auto d = strata_test::only_at(r.diagnostics(), "api_key");
  CHECK(d.message == "must be one of 2 allowed values (secret)");
  require_hidden(with_overrides({"api_key=charlie-key-3"}), {"alpha-key-1", "bravo-key-2", "charlie-key-3"});
}

TEST_CASE("value<> on a secret: no output names the pinned value") {
  const auto r = with_overrides({"pinned=other-key-4"}).load<App>();
  const auto d = strata_test::only_at(r.diagnostics(), "pinned");
  CHECK(d.message == "is pinned; the value set here is ignored");
  CHECK(contains(strata::env_reference<App>(), "pinned (secret)"));
  CHECK(contains(strata::json_schema<App>(), "pinned to a secret value"));
  require_hidden(with_overrides({"pinned=other-key-4"}), {"pinned-key-9", "other-key-4"});
}

TEST_CASE("fields inside a secret struct are secret: a wrong type names no text, origins no value") {
  SUBCASE("from an override") {
    const auto r = with_overrides({"vault.pin=12x34secret"}).load<App>();
    const auto d = strata_test::only_at(r.diagnostics(), "vault.pin");
    CHECK(contains(d.message, "redacted"));
    CHECK(d.origin.name == "vault.pin=<redacted>");
    require_hidden(with_overrides({"vault.pin=12x34secret"}), {"12x34secret"});
  }
  SUBCASE("accepted, from an override: origin_of names the setting without its value") {
    const auto r = with_overrides({"vault.pin=98765", "vault.label=zq9label"}).load<App>();
    REQUIRE(r.ok());
    CHECK(r.origin_of("vault.pin").name == "vault.pin=<redacted>");
    require_hidden(with_overrides({"vault.pin=98765", "vault.label=zq9label"}), {"98765", "zq9label"});
  }
  SUBCASE("from env, a TOML file and YAML") {
    require_hidden(strata::configuration(strata::env(vars{{"APP_VAULT__PIN", "12x34secret"}})), {"12x34secret"});
    require_hidden(strata::configuration(strata::toml_text("[vault]\npin = \"12x34secret\"\nlabel = \"zq9label\"\n")),
                   {"12x34secret", "zq9label"});
    require_hidden(strata::configuration(strata::yaml_text("vault:\n  pin: 12x34secret\n", "app.yaml")),
                   {"12x34secret"});
  }
  SUBCASE("a whole secret struct as one setting") {
    require_hidden(with_overrides({"vault={pin=\"12x34secret\"}"}), {"12x34secret"});
    require_hidden(with_overrides({"vault=12x34secret"}), {"12x34secret"});
  }
}

TEST_CASE("inside secret containers, optional secret structs and variants of secret structs, values are secret") {
  require_hidden(with_overrides({"backup.pin=12x34secret"}), {"12x34secret"});
  require_hidden(with_overrides({"creds=[{user=\"zq9user\", token=\"zq9tok\"}]"}), {"zq9user", "zq9tok"});
  require_hidden(with_overrides({"creds=[{user=\"zq9user\", token=7}]"}), {"zq9user"});
  require_hidden(strata::configuration(strata::env(vars{{"APP_CREDS__0__TOKEN", "zq9tok"}})), {"zq9tok"});
  require_hidden(with_overrides({"accounts.ops.token=zq9tok"}), {"zq9tok"});
  require_hidden(with_overrides({"accounts.ops={token=\"zq9tok\", user=[1]}"}), {"zq9tok"});
  require_hidden(with_overrides({"store.backend.kind=s3", "store.backend.access_key=zq9access"}), {"zq9access"});
  require_hidden(with_overrides({"store.backend.kind=disk", "store.backend.path=zq9path"}), {"zq9path"});
  require_hidden(strata::configuration(strata::toml_text("[store.backend]\nkind = \"s3\"\naccess_key = 5\n"
                                                         "bucket = \"zq9bucket\"\n")),
                 {"zq9bucket"});
}

TEST_CASE("an unknown key near a secret is reported without its value, from every source") {
  SUBCASE("a typo of a secret's key, as an override and an argument") {
    const auto r = with_overrides({"tokn=zq9typo"}).load<App>();
    const auto d = strata_test::only_at(r.diagnostics(), "tokn");
    CHECK(d.message == "unknown key 'tokn'");
    CHECK(d.origin.name == "tokn=…");
    CHECK(contains(d.hint, "token"));
    require_hidden(with_overrides({"tokn=zq9typo"}), {"zq9typo"});
    require_hidden(strata::configuration(strata::args({"tokn=zq9typo"})), {"zq9typo"});
    require_hidden(with_overrides({"vault.pn=zq9typo"}), {"zq9typo"});
  }
  SUBCASE("from env, .env, TOML and YAML") {
    require_hidden(strata::configuration(strata::env(vars{{"APP_TOKN", "zq9typo"}})), {"zq9typo"});
    strata_test::temp_dir dir;
    const auto dotenv = dir.write("app.env", "APP_TOKN=zq9typo\n");
    require_hidden(strata::configuration(strata::dotenv(dotenv), strata::env(vars{})), {"zq9typo"});
    require_hidden(strata::configuration(strata::toml_text("tokn = \"zq9typo\"\n")), {"zq9typo"});
    require_hidden(strata::configuration(strata::yaml_text("tokn: zq9typo\n", "app.yaml")), {"zq9typo"});
  }
  SUBCASE("a field of the alternative not selected") {
    const auto ctx = with_overrides({"db.kind=lite", "db.password=zq9pass"});
    const auto r = ctx.load<App>();
    const auto d = strata_test::only_at(r.diagnostics(), "db.password");
    CHECK(d.origin.name == "db.password=…");
    require_hidden(ctx, {"zq9pass"});
    require_hidden(strata::configuration(strata::args({"db.kind=lite", "db.password=zq9pass"})), {"zq9pass"});
  }
}

TEST_CASE("a malformed setting is named without its value") {
  const std::vector<std::string> malformed = {"zq9nokey",          "db..password=zq9pass", "keys[0]=zq9pass",
                                              "vault={pin=\"zq9pass\"", "host.x=1",           " =zq9pass"};
  for (const std::string& setting : malformed) {
    INFO(setting);
    const auto ctx = with_overrides({"host=h", setting});
    require_hidden(ctx, {"zq9"});
    CHECK_FALSE(ctx.load<App>().ok());
  }
  const auto r = with_overrides({"host=h", "zq9nokey"}).load<App>();
  CHECK(contains(strata::format(r.diagnostics()), "setting #2 has no '='"));
}

TEST_CASE("a 200,000-character key is capped in messages, like values") {
  const std::string key(200'000, 'k');
  for (const auto& ctx : {with_overrides({key + "=1"}), strata::configuration(strata::toml_text(key + " = 1\n")),
                          strata::configuration(strata::env(vars{{"APP_" + key, "1"}}))}) {
    const auto r = ctx.load<App>();
    const std::string report = strata::format(r.diagnostics());
    INFO(report.substr(0, 400));
    CHECK(report.size() < 2'000);
    CHECK(contains(report, "characters)"));
  }
}

TEST_CASE("interpolation errors quote no text of the value, from any source") {
  strata_test::temp_dir dir;
  SUBCASE(".env") {
    const auto dotenv = dir.write("app.env", "APP_TOKEN=p@ss${w0rd!}zq9secret\nAPP_HOST=a${zq9x:zq9y}\n");
    const auto r = strata::configuration(strata::dotenv(dotenv), strata::env(vars{})).load<App>();
    const std::string report = strata::format(r.diagnostics());
    CHECK(contains(report, "a ${...} reference has something other than"));
    CHECK_FALSE(contains(report, "w0rd"));
    CHECK_FALSE(contains(report, "zq9"));
  }
  SUBCASE("YAML") {
    const auto r = strata::configuration(strata::yaml_text("token: p@ss${w0rd!}zq9secret\n", "app.yaml"),
                                         strata::env(vars{}))
                       .load<App>();
    const std::string report = strata::format(r.diagnostics());
    CHECK(contains(report, "does not name a variable"));
    CHECK_FALSE(contains(report, "zq9"));
  }
}

TEST_CASE("a malformed sweep spec does not echo its values") {
  const strata::configuration ctx(strata::toml_text("host = \"h\"\n"));
  for (const std::string spec : {"token=zq9a,,zq9b", "token=range(zq9a, 2)", "token=\"zq9a", "zq9nokey",
                                 "token=glob(zq9*)", "zip(token=zq9a,zq9b; host=a)"}) {
    INFO(spec);
    std::string message;
    try {
      (void)strata::sweep<App>(ctx, {spec});
    } catch (const strata::sweep_error& e) {
      message = e.what();
    }
    CHECK_FALSE(message.empty());
    CHECK_FALSE(contains(message, "zq9"));
  }
  SUBCASE("a swept key that names no field: reported for its axis, its values not shown") {
    std::string message;
    try {
      (void)strata::sweep<App>(ctx, {"tokn=zq9a,zq9b"});
    } catch (const strata::sweep_error& e) {
      message = e.what();
    }
    INFO(message);
    CHECK(contains(message, "unknown key 'tokn'"));
    CHECK_FALSE(contains(message, "zq9"));
  }
}

TEST_CASE("env_reference lists exactly the NAME_FILE variables env() reads") {
  const std::string reference = strata::env_reference<App>();
  std::set<std::string> listed;
  const std::regex file_var("`([A-Z0-9_<>a-z]+_FILE)`");
  for (auto it = std::sregex_iterator(reference.begin(), reference.end(), file_var); it != std::sregex_iterator(); ++it)
    listed.insert((*it)[1]);
  // secret scalars, own or inherited; lists and maps have none
  const std::set<std::string> expected = {
      "APP_TOKEN_FILE",          "APP_API_KEY_FILE",           "APP_PINNED_FILE",
      "APP_VAULT__PIN_FILE",     "APP_VAULT__LABEL_FILE",      "APP_VAULT__ROTATE_FILE",
      "APP_BACKUP__PIN_FILE",    "APP_BACKUP__LABEL_FILE",     "APP_BACKUP__ROTATE_FILE",
      "APP_CREDS__<n>__USER_FILE", "APP_CREDS__<n>__TOKEN_FILE", "APP_ACCOUNTS__<key>__USER_FILE",
      "APP_ACCOUNTS__<key>__TOKEN_FILE", "APP_STORE__BACKEND__BUCKET_FILE",
      "APP_STORE__BACKEND__ACCESS_KEY_FILE", "APP_STORE__BACKEND__PATH_FILE", "APP_DB__PASSWORD_FILE"};
  CHECK(listed == expected);
  strata_test::temp_dir dir;
  const auto file = dir.write("secret.txt", "4321\n");
  for (std::string var : listed) {
    INFO(var);
    if (const auto at = var.find("<n>"); at != std::string::npos) var.replace(at, 3, "0");
    if (const auto at = var.find("<key>"); at != std::string::npos) var.replace(at, 5, "ops");
    vars environment{{var, file.string()}};
    if (contains(var, "BACKEND__")) environment["APP_STORE__BACKEND__KIND"] = contains(var, "PATH") ? "disk" : "s3";
    if (contains(var, "APP_DB__")) environment["APP_DB__KIND"] = "postgres";
    const auto r = strata::configuration(strata::env(environment)).load<App>();
    // read (no "does not match any setting" warning), and its value used
    CHECK_FALSE(contains(strata::format(r.diagnostics()), "does not match"));
    if (var == "APP_PINNED_FILE") CHECK(contains(strata::format(r.diagnostics()), "is pinned"));
    else CHECK(contains(strata::explain(r), "env " + var));
  }
  SUBCASE("a list has no NAME_FILE: the variable is unknown") {
    const auto r = strata::configuration(strata::env(vars{{"APP_KEYS_FILE", file.string()}})).load<App>();
    CHECK(contains(strata::format(r.diagnostics()), "APP_KEYS_FILE does not match any setting"));
  }
  SUBCASE("a secret struct's field read from NAME_FILE") {
    const auto r = strata::configuration(strata::env(vars{{"APP_VAULT__PIN_FILE", file.string()}})).load<App>();
    REQUIRE(r.ok());
    CHECK(r.value().vault->pin == 4321);
  }
  SUBCASE("NAME_FILE naming a directory is an error naming the variable") {
    const auto r =
        strata::configuration(strata::env(vars{{"APP_VAULT__PIN_FILE", dir.path().string()}})).load<App>();
    CHECK(contains(strata::format(r.diagnostics()), "APP_VAULT__PIN_FILE names a file that cannot be read"));
  }
}
