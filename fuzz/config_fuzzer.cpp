// fuzz/config_fuzzer.cpp: libFuzzer target for strata (clang 19,
// -fsanitize=fuzzer,address,undefined). One input drives every channel:
//
//     <control byte><TOML text>\n%%\n<env NAME=VALUE lines>\n%%\n<args lines>\n%%\n<override lines>
//         \n%%\n<.env text>\n%%\n<YAML text>
//
// The TOML text is read as a file source, the env lines as an injected
// environment (also what `${VAR}` reads), the args and overrides as
// `dotted.path=value` settings, the .env text as a dotenv file (written to a
// temporary file) and the YAML text through yaml_text. The result goes through every output strata
// has: format(), to_json(diagnostics), config_error::what(), to_toml,
// to_json and explain.
//
// The control byte also makes the harness put a secret marker into one
// place through one channel (a TOML text of its own, env, NAME_FILE, args,
// overrides, interpolation, a .env line, YAML), sometimes too short for the
// field's min_length or outside its pattern, so it is rejected. The places:
// secret fields, fields secret by inheritance (inside a secret struct, a
// secret list of structs), an unknown key next to a secret, and the secret of
// the variant alternative the input does not select. The marker may then
// never appear in any output that redacts secrets: the harness aborts if it
// does (unless the fuzzed bytes spell the marker or its source themselves).
// Nor may the values of a secret's one_of and value<> (`qx7...`), in any
// output or in json_schema, env_reference and sample_toml.
//
// Every configuration that loads is also written back with to_toml, loaded
// again and compared field by field (check_round_trip): it must be equal.
// Every printed output is valid UTF-8, and no report (format, what(),
// explain, to_json of diagnostics) holds a control character other than a
// newline, whatever bytes the input had.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unistd.h>
#include <unordered_map>
#include <variant>
#include <vector>

#include <strata/sources/yaml.hpp>
#include <strata/src.hpp>
#include <strata/tools.hpp>

namespace fz {

using strata::annotated;

enum class Level { debug, info, warn, error_ };
BOOST_DESCRIBE_ENUM(Level, debug, info, warn, error_)

struct Auth {
  annotated<std::string, strata::secret, strata::min_length<12>> token = "default-token-value";
  annotated<std::vector<std::string>, strata::secret, strata::max_length<3>> keys;
  annotated<std::chrono::seconds, strata::range<1, 86400>> ttl{3600};
};
BOOST_DESCRIBE_STRUCT(Auth, (), (token, keys, ttl))

struct Postgres {
  std::string host = "localhost";
  annotated<int, strata::range<1, 65535>> port = 5432;
  annotated<std::string, strata::secret, strata::pattern<"[a-z0-9]{8,}">> password = "defaultpass";
};
BOOST_DESCRIBE_STRUCT(Postgres, (), (host, port, password))

struct Sqlite {
  std::string path = "app.db";
  std::optional<std::chrono::milliseconds> busy_timeout;
};
BOOST_DESCRIBE_STRUCT(Sqlite, (), (path, busy_timeout))

struct Service {
  std::string url = "http://localhost";
  std::optional<annotated<std::string, strata::secret>> api_key;
  std::vector<annotated<int, strata::min<0>>> weights;
};
BOOST_DESCRIBE_STRUCT(Service, (), (url, api_key, weights))

struct Endpoint {
  std::string name;
  annotated<double, strata::range<0.0, 1.0>> ratio = 0.5;
};
BOOST_DESCRIBE_STRUCT(Endpoint, (), (name, ratio))

// Secret by inheritance: every field of a secret struct, of the structs of
// a secret list, is secret.
struct Vault {
  int pin = 1234;
  std::string label = "main";
};
BOOST_DESCRIBE_STRUCT(Vault, (), (pin, label))

struct Cred {
  std::string user = "u";
  std::string token = "t";
};
BOOST_DESCRIBE_STRUCT(Cred, (), (user, token))

struct Config {
  std::string host = "0.0.0.0";
  annotated<int, strata::range<1, 65535>, strata::doc<"listen port">> port = 8000;
  annotated<std::int8_t, strata::one_of<1, 2, 4>> shards = 1;
  std::uint64_t big = 0;
  bool debug = false;
  Level level = Level::info;
  std::chrono::milliseconds read_timeout{2500};
  std::optional<std::chrono::nanoseconds> tick;
  std::vector<std::string> origins;
  std::vector<Endpoint> endpoints;
  std::map<std::string, int> limits;
  std::unordered_map<std::string, Service> services;
  annotated<std::variant<Postgres, Sqlite>, strata::discriminator<"kind">> db;
  Auth auth;
  std::filesystem::path data_dir = "/var/lib/app";
  annotated<std::string, strata::pattern<"[a-z]+">> slug = "abc";
  annotated<Vault, strata::secret> vault;
  annotated<std::vector<Cred>, strata::secret> creds;
  // The allowed and pinned values of a secret are secrets too (`qx7` never in any output).
  annotated<std::string, strata::secret, strata::one_of<"qx7alpha", "qx7bravo">> api_key = "qx7alpha";
  annotated<std::string, strata::secret, strata::value<"qx7pinned">> pinned;
};
BOOST_DESCRIBE_STRUCT(Config, (),
                      (host, port, shards, big, debug, level, read_timeout, tick, origins, endpoints, limits,
                       services, db, auth, data_dir, slug, vault, creds, api_key, pinned))
STRATA_CONFIGURED(Config, {.prefix = "APP_", .mapping = strata::mapping::tree})

// The marker: lower-case letters and digits so that it can satisfy the
// password pattern; the short form fails min_length and the pattern's {8,}.
constexpr std::string_view marker_short = "zq9mk";
constexpr std::string_view marker_long = "zq9mkzq9mkzq9mkzq9mk";
constexpr std::string_view marker_upper = "ZQ9MK-zq9mk";  // fails the password pattern
constexpr std::string_view marker_core = "zq9mk";
constexpr std::string_view interpolation_var = "FUZZ_SECRET_SOURCE";
constexpr std::string_view constants_core = "qx7";  // in the one_of and value<> of secrets

std::map<std::string, std::string, std::less<>> secret_files;  // value -> file

void remove_secret_files() {
  for (const auto& [value, path] : secret_files) std::remove(path.c_str());
}

/// A file holding `value`, for NAME_FILE; made once per value, removed at exit.
std::string secret_file_path(std::string_view value) {
  auto& files = secret_files;
  if (files.empty()) std::atexit(remove_secret_files);
  if (auto it = files.find(value); it != files.end()) return it->second;
  std::string path = "/tmp/strata-fuzz-secret-" + std::to_string(::getpid()) + "-" + std::to_string(files.size());
  std::ofstream(path, std::ios::binary) << value << "\n";
  files.emplace(std::string(value), path);
  return path;
}

/// The .env file of this process, rewritten for each input; removed at exit
/// (by a handler that runs after static destructors, so the name is not one).
const char* dotenv_path() {
  static char path[64];
  if (!path[0]) {
    std::snprintf(path, sizeof path, "/tmp/strata-fuzz-%d.env", static_cast<int>(::getpid()));
    std::atexit([] { std::remove(path); });
  }
  return path;
}

std::vector<std::string_view> split(std::string_view text, std::string_view sep) {
  std::vector<std::string_view> parts;
  for (;;) {
    const auto at = text.find(sep);
    if (at == std::string_view::npos) {
      parts.push_back(text);
      return parts;
    }
    parts.push_back(text.substr(0, at));
    text = text.substr(at + sep.size());
  }
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

[[noreturn]] void leak(std::string_view where, const std::string& output) {
  std::fprintf(stderr, "SECRET LEAK in %.*s:\n%s\n", static_cast<int>(where.size()), where.data(), output.c_str());
  std::abort();
}

[[noreturn]] void unprintable(std::string_view where, const std::string& output, const char* why) {
  std::fprintf(stderr, "OUTPUT OF %.*s %s:\n%s\n", static_cast<int>(where.size()), where.data(), why, output.c_str());
  std::abort();
}

// --- the round-trip oracle -------------------------------------------------------

/// Equal values, field by field: NaN equals NaN, -0.0 is not 0.0.
template <class T>
bool same(const T& a, const T& b);

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_map : std::false_type {};
template <class T>
struct is_map<std::map<std::string, T>> : std::true_type {};
template <class T>
struct is_map<std::unordered_map<std::string, T>> : std::true_type {};
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_variant : std::false_type {};
template <class... T>
struct is_variant<std::variant<T...>> : std::true_type {};

template <class T>
bool same(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return a == b && std::signbit(a) == std::signbit(b);
  } else if constexpr (strata::detail::is_annotated<T>) {
    return same(a.value(), b.value());
  } else if constexpr (boost::describe::has_describe_members<T>::value) {
    bool ok = true;
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
        [&](auto m) { ok = ok && same(a.*m.pointer, b.*m.pointer); });
    return ok;
  } else if constexpr (is_vector<T>::value) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same(a[i], b[i])) return false;
    return true;
  } else if constexpr (is_map<T>::value) {
    if (a.size() != b.size()) return false;
    for (const auto& [k, v] : a)
      if (auto it = b.find(k); it == b.end() || !same(v, it->second)) return false;
    return true;
  } else if constexpr (is_optional<T>::value) {
    return a.has_value() == b.has_value() && (!a || same(*a, *b));
  } else if constexpr (is_variant<T>::value) {
    return a.index() == b.index() &&
           std::visit([&](const auto& x) { return same(x, std::get<std::remove_cvref_t<decltype(x)>>(b)); }, a);
  } else {
    return a == b;
  }
}

/// Every configuration that loads is written by to_toml (secrets revealed),
/// loaded again and compared: it must load, and be equal, field by field.
template <class T>
void check_round_trip(const strata::result<T>& r) {
  if (!r.ok()) return;
  const T& cfg = strata::detail::result_access::value(r);
  const std::string dumped = strata::to_toml(cfg, strata::reveal_secrets);
  const auto again = strata::configuration(strata::toml_text(dumped, "again.toml")).load<T>();
  if (again.ok() && same(strata::detail::result_access::value(again), cfg)) return;
  std::fprintf(stderr, "ROUND TRIP FAILED (%s):\n%s\n%s\n", again.ok() ? "a different value" : "does not load",
               dumped.c_str(), strata::format(again.diagnostics()).c_str());
  std::abort();
}

}  // namespace fz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fz;
  if (size < 1 || size > 64 * 1024) return 0;
  const std::uint8_t control = data[0];
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto parts = split(body, "\n%%\n");
  const std::string_view toml = parts[0];

  std::map<std::string, std::string> environment;
  std::vector<std::string> arguments, overrides;
  if (parts.size() > 1)
    for (std::string_view line : split(parts[1], "\n"))
      if (const auto eq = line.find('='); eq != std::string_view::npos && eq > 0)
        environment[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
  if (parts.size() > 2)
    for (std::string_view line : split(parts[2], "\n"))
      if (!line.empty()) arguments.emplace_back(line);
  if (parts.size() > 3)
    for (std::string_view line : split(parts[3], "\n"))
      if (!line.empty()) overrides.emplace_back(line);
  std::string dotenv_text(parts.size() > 4 ? parts[4] : std::string_view{});
  std::string yaml_text(parts.size() > 5 ? parts[5] : std::string_view{});

  // The planted secret: which field (3 bits: the low two and the top one),
  // which channel (3 bits), which marker (2 bits; the top bit with marker
  // 3 plants nothing). Fields 0-3 are secret fields; 4 and 5 are secret by
  // inheritance (a secret struct's int, a secret list of structs); 6 is an
  // unknown key next to a secret (`auth.tokn`); 7 is the secret of the
  // alternative the input does not select (`db.password` with kind sqlite).
  const int variant = (control >> 5) & 3;
  const bool top = (control >> 7) != 0;
  const int field = (control & 3) + (top ? 4 : 0);
  const int channel = (control >> 2) & 7;
  const std::string_view marker = variant == 0 ? marker_short : variant == 1 ? marker_upper : marker_long;
  const bool plant = !top || variant != 3;
  std::string secret_toml;
  if (plant) {
    const std::string m(marker);
    // path, env name and TOML text of the planted value for each field
    static const char* const paths[] = {"auth.token", "auth.keys", "db.password", "services.fz.api_key",
                                        "vault.pin",  "creds",     "auth.tokn",   "db.password"};
    static const char* const env_names[] = {"APP_AUTH__TOKEN", "APP_AUTH__KEYS",     "APP_DB__PASSWORD",
                                            "APP_SERVICES__fz__API_KEY", "APP_VAULT__PIN", "APP_CREDS__0__TOKEN",
                                            "APP_AUTH__TOKN",  "APP_DB__PASSWORD"};
    const bool list = field == 1;
    const bool creds = field == 5;
    const std::string quoted = "\"" + m + "\"";
    const std::string toml_value = list ? "[" + quoted + "]" : creds ? "[{user = " + quoted + ", token = " + quoted + "}]" : quoted;
    const std::string kind = field == 7 ? "sqlite" : "postgres";
    auto toml_for = [&](const std::string& value) {
      switch (field) {
        case 0: return "[auth]\ntoken = " + value + "\n";
        case 1: return "[auth]\nkeys = " + value + "\n";
        case 2: case 7: return "[db]\nkind = \"" + kind + "\"\npassword = " + value + "\n";
        case 3: return "[services.fz]\napi_key = " + value + "\n";
        case 4: return "[vault]\npin = " + value + "\n";
        case 5: return "creds = " + value + "\n";
        default: return "[auth]\ntokn = " + value + "\n";
      }
    };
    auto yaml_for = [&](const std::string& value) {
      switch (field) {
        case 0: return "auth:\n  token: " + value + "\n";
        case 1: return "auth:\n  keys: " + value + "\n";
        case 2: case 7: return "db:\n  kind: " + kind + "\n  password: " + value + "\n";
        case 3: return "services:\n  fz:\n    api_key: " + value + "\n";
        case 4: return "vault:\n  pin: " + value + "\n";
        case 5: return "creds: " + value + "\n";
        default: return "auth:\n  tokn: " + value + "\n";
      }
    };
    const std::string setting_value = list || creds ? toml_value : m;
    const bool sets_kind = field == 2 || field == 7;
    switch (channel) {
      case 0: secret_toml = toml_for(toml_value); break;
      case 6: yaml_text = yaml_for(toml_value) + yaml_text; break;
      case 7:
        dotenv_text = std::string(env_names[field]) + "='" + (list ? toml_value : m) + "'\n" +
                      (sets_kind ? "APP_DB__KIND=" + kind + "\n" : std::string{}) + dotenv_text;
        break;
      case 1:
        environment[env_names[field]] = list ? toml_value : m;
        if (sets_kind) environment["APP_DB__KIND"] = kind;
        break;
      case 2:
        if (list) environment[std::string(env_names[field]) + "__0"] = m;
        else environment[std::string(env_names[field]) + "_FILE"] = secret_file_path(m);
        if (sets_kind) environment["APP_DB__KIND"] = kind;
        break;
      case 3:
        if (sets_kind) arguments.push_back("db.kind=" + kind);
        arguments.push_back(std::string(paths[field]) + "=" + setting_value);
        break;
      case 4:
        if (sets_kind) overrides.push_back("db.kind=" + kind);
        overrides.push_back(std::string(paths[field]) + "=" + setting_value);
        break;
      default:  // 5
        environment[std::string(interpolation_var)] = m;
        secret_toml = toml_for(list ? "[\"${" + std::string(interpolation_var) + "}\"]"
                                    : creds ? "[{token = \"${" + std::string(interpolation_var) + "}\"}]"
                                            : "\"${" + std::string(interpolation_var) + "}\"");
        break;
    }
  }
  // The fuzzed bytes may spell the marker, its source variable or a file of
  // the host themselves; then an echo is theirs, not a leak. An unknown key
  // or an unselected alternative's field is never echoed with its value.
  const bool check = plant && !contains(body, marker_core) && !contains(body, "ZQ9MK") &&
                     !contains(body, interpolation_var) && !contains(body, "strata-fuzz-secret");
  const bool check_constants = !contains(body, constants_core);

  {
    std::ofstream out(dotenv_path(), std::ios::binary | std::ios::trunc);
    out << dotenv_text;
  }
  auto ctx = strata::configuration(strata::dotenv(dotenv_path()), strata::toml_text(secret_toml, "secret.toml"),
                                   strata::yaml_text(std::move(yaml_text), "fuzz.yaml"),
                                   strata::toml_text(std::string(toml), "fuzz.toml"), strata::env(environment),
                                   strata::args(arguments))
                 .overrides(overrides);
  const strata::result<Config> r = ctx.load<Config>();

  std::vector<std::pair<const char*, std::string>> outputs;
  outputs.emplace_back("format", strata::format(r.diagnostics()));
  outputs.emplace_back("to_json(diagnostics)", strata::to_json(r.diagnostics()));
  for (const auto& d : r.diagnostics())
    outputs.emplace_back("diagnostic", d.path + "|" + d.message + "|" + d.origin.name + "|" + d.hint);
  try {
    (void)r.value();
  } catch (const strata::config_error& e) {
    outputs.emplace_back("config_error::what", e.what());
  }
  outputs.emplace_back("explain", strata::explain(r));
  const Config& cfg = strata::detail::result_access::value(r);
  outputs.emplace_back("to_toml", strata::to_toml(cfg));
  outputs.emplace_back("to_json", strata::to_json(cfg));
  for (const char* path : {"auth.token", "auth.keys", "db.password", "services.fz.api_key", "vault.pin", "vault.label",
                           "creds[0].token", "creds[0].user", "api_key", "pinned"})
    outputs.emplace_back("origin_of", r.origin_of(path).name);
  // The schema tools do not read the input: the constants of secrets only.
  static const std::string schema_tools =
      strata::json_schema<Config>() + strata::env_reference<Config>() + strata::sample_toml<Config>();
  if (check_constants && contains(schema_tools, constants_core)) leak("json_schema/env_reference/sample_toml", schema_tools);
  (void)strata::to_toml(cfg, strata::reveal_secrets);
  (void)strata::to_json(cfg, strata::reveal_secrets);

  for (const auto& [where, text] : outputs) {
    if (check && (contains(text, marker_core) || contains(text, "ZQ9MK"))) leak(where, text);
    if (check_constants && contains(text, constants_core)) leak(where, text);
  }
  // What is printed is valid UTF-8, and a report cannot drive a terminal;
  // diagnostic fields and origin names are data (names as the input gave them).
  for (const auto& [where, text] : outputs) {
    const std::string_view w = where;
    if (w == "diagnostic" || w == "origin_of") continue;
    if (!strata::detail::valid_utf8(text)) unprintable(where, text, "is not valid UTF-8");
    if (w == "to_toml" || w == "to_json") continue;  // strings escaped as TOML and JSON escape them
    for (const char c : text)
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7F)
        unprintable(where, text, "holds a control character");
  }

  check_round_trip(r);
  return 0;
}
