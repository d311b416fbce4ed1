// tests/tools_test.cpp: the tools of DESIGN §5: to_toml / to_json (and the
// round-trip property over generated configurations), json_schema,
// env_reference, sample_toml; secrets never printed without reveal_secrets.
#include <chrono>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include <doctest/doctest.h>

#include <strata/load.hpp>
#include <strata/tools/dump.hpp>
#include <strata/tools/reference.hpp>
#include <strata/tools/schema.hpp>

#include "support.hpp"

namespace tools_test {

enum class Color { red, green, auto_ };
BOOST_DESCRIBE_ENUM(Color, red, green, auto_)

struct Pg {
  std::string host = "localhost";
  int port = 5432;
  bool operator==(const Pg&) const = default;
};
BOOST_DESCRIBE_STRUCT(Pg, (), (host, port))

struct Lite {
  static constexpr std::string_view tag = "sqlite";
  std::string path = "app.db";
  std::optional<int> cache;
  bool operator==(const Lite&) const = default;
};
BOOST_DESCRIBE_STRUCT(Lite, (), (path, cache))

struct Item {
  std::string name;
  std::int64_t weight = 0;
  std::optional<double> ratio;
  std::vector<std::string> tags;
  bool operator==(const Item&) const = default;
};
BOOST_DESCRIBE_STRUCT(Item, (), (name, weight, ratio, tags))

struct Inner {
  std::uint8_t small = 0;
  std::int16_t mid = 0;
  std::vector<int> list;
  std::map<std::string, Item> named;
  bool operator==(const Inner&) const = default;
};
BOOST_DESCRIBE_STRUCT(Inner, (), (small, mid, list, named))

struct Everything {
  bool flag = false;
  int i = 0;
  std::int8_t i8 = 0;
  std::uint64_t u64 = 0;
  std::int64_t i64 = 0;
  double d = 0.0;
  float f = 0.0f;
  std::string s;
  std::filesystem::path p;
  Color color = Color::auto_;
  std::chrono::milliseconds ms{0};
  std::chrono::seconds sec{0};
  std::chrono::nanoseconds ns{0};
  std::optional<int> maybe;
  std::optional<std::string> maybe_s;
  std::vector<std::string> strings;
  std::vector<Item> items;
  std::map<std::string, int> counts;
  std::unordered_map<std::string, std::string> labels;
  std::vector<std::vector<int>> grid;
  Inner inner;
  std::optional<Inner> extra;
  strata::annotated<std::variant<Pg, Lite>, strata::discriminator<"kind">> db;
  strata::annotated<std::string, strata::secret> token;
  bool operator==(const Everything&) const = default;
};
BOOST_DESCRIBE_STRUCT(Everything, (),
                      (flag, i, i8, u64, i64, d, f, s, p, color, ms, sec, ns, maybe, maybe_s, strings, items, counts,
                       labels, grid, inner, extra, db, token))

// Under a section, with a prefix: what a service shares one file with.
struct Sectioned {
  strata::annotated<int, strata::range<1, 65535>, strata::doc<"listen port">> port = 8000;
  strata::annotated<std::string, strata::secret, strata::min_length<8>> password = "hunter2hunter2";
  std::vector<Item> items;
  bool operator==(const Sectioned&) const = default;
};
BOOST_DESCRIBE_STRUCT(Sectioned, (), (port, password, items))
STRATA_CONFIGURED(Sectioned, {.prefix = "SVC_", .section = "services.api"})

// --- generation --------------------------------------------------------------

struct generator {
  std::mt19937_64 rng;

  std::uint64_t bits() { return rng(); }
  bool coin(int one_in = 2) { return rng() % static_cast<std::uint64_t>(one_in) == 0; }
  std::size_t size(std::size_t max) { return static_cast<std::size_t>(rng() % (max + 1)); }

  template <class I>
  I integer() {
    // the edges as often as anything else
    switch (rng() % 5) {
      case 0: return std::numeric_limits<I>::min();
      case 1: return std::numeric_limits<I>::max();
      case 2: return I(0);
      default: return static_cast<I>(bits());
    }
  }
  double real() {
    switch (rng() % 6) {
      case 0: return 0.1;
      case 1: return -0.0 + 1e300 * static_cast<double>(rng() % 7);
      case 2: return std::numeric_limits<double>::infinity() * (coin() ? 1 : -1);
      case 3: return std::numeric_limits<double>::denorm_min() * static_cast<double>(rng() % 1000);
      default: {
        double d;
        do {
          const std::uint64_t b = bits();
          std::memcpy(&d, &b, sizeof d);
        } while (std::isnan(d));
        return d;
      }
    }
  }
  float real32() {
    float f;
    do {
      const auto b = static_cast<std::uint32_t>(bits());
      std::memcpy(&f, &b, sizeof f);
    } while (std::isnan(f) || std::isinf(f));
    return f;
  }
  std::string text(std::size_t max = 12) {
    static const std::vector<std::string> pieces = {"a", "Z", "0", " ", "\"", "\\", "\n", "\t", "\r", "\x01", "\x7f",
                                                    "é", "🎵", "'", "'''", "\"\"\"", "${X}", "$${", "#", "=", "[", ".",
                                                    "ß", "\xe2\x80\xa8"};
    std::string s;
    for (std::size_t n = size(max); n > 0; --n) s += pieces[rng() % pieces.size()];
    return s;
  }
  std::string key() { return coin(3) ? text(4) : "k" + std::to_string(rng() % 100); }

  template <class D>
  D duration() {
    using R = typename D::rep;
    // (negative durations have no text syntax)
    return D(static_cast<R>(coin(4) ? 0 : bits() % 2'000'000'000'000ull));
  }

  Item item() {
    Item it;
    it.name = text();
    it.weight = integer<std::int64_t>();
    if (coin()) it.ratio = real();
    for (std::size_t n = size(3); n > 0; --n) it.tags.push_back(text(4));
    return it;
  }
  Inner inner() {
    Inner in;
    in.small = integer<std::uint8_t>();
    in.mid = integer<std::int16_t>();
    for (std::size_t n = size(4); n > 0; --n) in.list.push_back(integer<int>());
    for (std::size_t n = size(3); n > 0; --n) in.named[key()] = item();
    return in;
  }
  Everything everything() {
    Everything e;
    e.flag = coin();
    e.i = integer<int>();
    e.i8 = integer<std::int8_t>();
    // TOML integers are 64-bit signed: larger uint64 values cannot be written
    e.u64 = integer<std::uint64_t>() >> 1;
    e.i64 = integer<std::int64_t>();
    e.d = real();
    e.f = real32();
    e.s = text();
    e.p = std::filesystem::path(text(5));
    e.color = static_cast<Color>(rng() % 3);
    e.ms = duration<std::chrono::milliseconds>();
    e.sec = duration<std::chrono::seconds>();
    e.ns = duration<std::chrono::nanoseconds>();
    if (coin()) e.maybe = integer<int>();
    if (coin()) e.maybe_s = text();
    for (std::size_t n = size(4); n > 0; --n) e.strings.push_back(text());
    for (std::size_t n = size(3); n > 0; --n) e.items.push_back(item());
    for (std::size_t n = size(3); n > 0; --n) e.counts[key()] = integer<int>();
    for (std::size_t n = size(3); n > 0; --n) e.labels[key()] = text();
    for (std::size_t n = size(3); n > 0; --n) {
      e.grid.emplace_back();
      for (std::size_t m = size(3); m > 0; --m) e.grid.back().push_back(integer<int>());
    }
    e.inner = inner();
    if (coin()) e.extra = inner();
    if (coin()) {
      e.db = Pg{text(), integer<int>()};
    } else {
      Lite l;
      l.path = text();
      if (coin()) l.cache = integer<int>();
      e.db = l;
    }
    e.token = text();
    return e;
  }
};

inline bool subnormal(double d) { return std::fpclassify(d) == FP_SUBNORMAL; }
inline bool has_subnormal(const Item& it) { return it.ratio && subnormal(*it.ratio); }
inline bool has_subnormal(const Inner& in) {
  for (const auto& [k, it] : in.named)
    if (has_subnormal(it)) return true;
  return false;
}
inline bool has_subnormal(const Everything& e) {
  if (subnormal(e.d) || has_subnormal(e.inner) || (e.extra && has_subnormal(*e.extra))) return true;
  for (const Item& it : e.items)
    if (has_subnormal(it)) return true;
  return false;
}

template <class T>
strata::result<T> from_toml(const std::string& text) {
  return strata::configuration(strata::toml_text(text, "dump.toml")).load<T>();
}

}  // namespace tools_test

using namespace tools_test;

TEST_CASE("to_toml: scalars, durations and enums in their text syntax, numbers as numbers") {
  Everything e;
  e.i = 42;
  e.d = 2.5;
  e.ms = std::chrono::milliseconds(90'250);
  e.color = Color::auto_;
  e.strings = {"a", "b"};
  e.items = {Item{"first", 1, 0.5, {}}};
  e.token = "s3cr3t-token-value";
  const std::string toml = strata::to_toml(e);
  CHECK(toml.find("i = 42\n") != std::string::npos);
  CHECK(toml.find("d = 2.5\n") != std::string::npos);
  CHECK(toml.find("ms = \"1m30s250ms\"\n") != std::string::npos);
  CHECK(toml.find("color = \"auto\"\n") != std::string::npos);
  CHECK(toml.find("strings = [\"a\", \"b\"]\n") != std::string::npos);
  CHECK(toml.find("[[items]]\nname = \"first\"\n") != std::string::npos);
  CHECK(toml.find("[db]\nkind = \"pg\"\n") != std::string::npos);
  CHECK(toml.find("s3cr3t") == std::string::npos);
  CHECK(toml.find("token = \"<redacted>\"") != std::string::npos);
  CHECK(strata::to_toml(e, strata::reveal_secrets).find("token = \"s3cr3t-token-value\"") != std::string::npos);
}

TEST_CASE("to_json: an object; secrets redacted unless revealed; unset optionals left out") {
  Everything e;
  e.token = "s3cr3t-token-value";
  e.ms = std::chrono::milliseconds(1500);
  e.db = Lite{};
  const std::string json = strata::to_json(e);
  CHECK(json.find("\"ms\": \"1s500ms\"") != std::string::npos);
  CHECK(json.find("\"color\": \"auto\"") != std::string::npos);
  CHECK(json.find("\"kind\": \"sqlite\"") != std::string::npos);
  CHECK(json.find("\"maybe\"") == std::string::npos);
  CHECK(json.find("s3cr3t") == std::string::npos);
  CHECK(json.find("\"token\": \"<redacted>\"") != std::string::npos);
  CHECK(strata::to_json(e, strata::reveal_secrets).find("\"token\": \"s3cr3t-token-value\"") != std::string::npos);
}

TEST_CASE("property: load(to_toml(x, reveal_secrets)) == x over generated configurations") {
  generator g{std::mt19937_64(20261121)};
  for (int n = 0; n < 300; ++n) {
    const Everything x = g.everything();
    const std::string toml = strata::to_toml(x, strata::reveal_secrets);
    const auto back = from_toml<Everything>(toml);
    INFO("case ", n, "\n", toml, "\n", strata::format(back.diagnostics()));
    REQUIRE(back.ok());
    REQUIRE(back.value() == x);
    // and to_json is strict JSON with the same strings (the test reader's
    // std::stod rejects subnormal numbers, so those cases are left out here)
    if (has_subnormal(x)) continue;
    const auto json = strata_test::json_reader::parse(strata::to_json(x, strata::reveal_secrets));
    REQUIRE(json);
    CHECK((*json)["s"].str() == x.s);
    CHECK((*json)["token"].str() == *x.token);
    CHECK((*json)["db"]["kind"].str() == (x.db->index() == 0 ? "pg" : "sqlite"));
    CHECK((*json)["items"].arr().size() == x.items.size());
  }
}

TEST_CASE("to_toml under a section round-trips, and empty lists of tables are written inline") {
  Sectioned s;
  s.items = {Item{"x", 1, std::nullopt, {"t"}}, Item{}};
  const std::string toml = strata::to_toml(s, strata::reveal_secrets);
  CHECK(toml.rfind("[services.api]\n", 0) == 0);
  CHECK(toml.find("[[services.api.items]]") != std::string::npos);
  CHECK(from_toml<Sectioned>(toml).value() == s);
  CHECK(strata::to_toml(s).find("hunter2") == std::string::npos);
  s.items.clear();
  CHECK(from_toml<Sectioned>(strata::to_toml(s, strata::reveal_secrets)).value() == s);
}

// --- json_schema ---------------------------------------------------------------

namespace tools_test {
enum class Level { low, high };
BOOST_DESCRIBE_ENUM(Level, low, high)

struct Schemed {
  strata::annotated<int, strata::range<1, 65535>, strata::doc<"listen port">> port = 8000;
  std::uint8_t tiny = 7;
  strata::annotated<std::int16_t, strata::min<-5>, strata::lt<100>> bounded = 0;
  strata::annotated<double, strata::gt<0.0>, strata::max<1.5>> ratio = 0.5;
  strata::annotated<std::string, strata::length<2, 10>, strata::pattern<"[a-z]+">> name = "abc";
  strata::annotated<std::string, strata::one_of<"a", "b">> choice = "a";
  strata::annotated<int, strata::value<60>> pinned;
  strata::annotated<std::string, strata::secret, strata::doc<"api token">> token = "default-token-never-shown";
  Level level = Level::high;
  std::chrono::seconds timeout{30};
  strata::annotated<std::vector<std::string>, strata::non_empty> hosts = std::vector<std::string>{"h1"};
  std::map<std::string, int> limits;
  std::optional<int> maybe;
  strata::annotated<std::variant<Pg, Lite>, strata::discriminator<"kind">> db;
  std::vector<Item> items;
};
BOOST_DESCRIBE_STRUCT(Schemed, (),
                      (port, tiny, bounded, ratio, name, choice, pinned, token, level, timeout, hosts, limits, maybe,
                       db, items))
STRATA_CONFIGURED(Schemed, {.prefix = "SCH_"})

std::string squash(const std::string& s) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (in_string && s[i] == '\\') {
      out += s[i];
      out += s[++i];
      continue;
    }
    if (s[i] == '"') in_string = !in_string;
    if (in_string || (s[i] != ' ' && s[i] != '\n')) out += s[i];
  }
  return out;
}
}  // namespace tools_test

TEST_CASE("json_schema: draft 2020-12 with types, bounds, lengths, enums, patterns, defaults, variants") {
  const std::string schema = squash(strata::json_schema<Schemed>());
  INFO(strata::json_schema<Schemed>());
  CHECK(schema.find(R"("$schema":"https://json-schema.org/draft/2020-12/schema")") != std::string::npos);
  CHECK(schema.find(R"("title":"Schemed")") != std::string::npos);
  CHECK(schema.find(R"("type":"integer","minimum":1,"maximum":65535)") != std::string::npos);
  CHECK(schema.find(R"("description":"listen port","default":8000)") != std::string::npos);
  // implicit bounds of narrow integers, tightened by annotations
  CHECK(schema.find(R"("type":"integer","minimum":0,"maximum":255)") != std::string::npos);
  CHECK(schema.find(R"("type":"integer","minimum":-5,"maximum":32767,"exclusiveMaximum":100)") != std::string::npos);
  CHECK(schema.find(R"("type":"number","maximum":1.5,"exclusiveMinimum":0)") != std::string::npos);
  CHECK(schema.find(R"("type":"string","minLength":2,"maxLength":10,"pattern":"^(?:[a-z]+)$")") != std::string::npos);
  CHECK(schema.find(R"("enum":["a","b"])") != std::string::npos);
  CHECK(schema.find(R"("const":60)") != std::string::npos);
  CHECK(schema.find(R"("enum":["low","high"])") != std::string::npos);
  CHECK(schema.find(R"("default":"high")") != std::string::npos);
  CHECK(schema.find(R"("default":"30s")") != std::string::npos);
  CHECK(schema.find(R"("type":"array","items":{"type":"string"},"minItems":1)") != std::string::npos);
  CHECK(schema.find(R"("type":"object","additionalProperties":{"anyOf":[{"type":"integer")") != std::string::npos);
  CHECK(schema.find(R"("oneOf":[{"type":"object","properties":{"kind":{"const":"pg")") != std::string::npos);
  CHECK(schema.find(R"("kind":{"const":"sqlite")") != std::string::npos);
  CHECK(schema.find(R"("required":["kind"],"additionalProperties":false)") != std::string::npos);
  CHECK(schema.find(R"("additionalProperties":false)") != std::string::npos);
  // secrets: marked, never shown
  CHECK(schema.find("default-token-never-shown") == std::string::npos);
  CHECK(strata_test::json_reader::parse(strata::json_schema<Schemed>()));
  CHECK(strata_test::json_reader::parse(strata::json_schema<Everything>()));
  CHECK(strata_test::json_reader::parse(strata::json_schema<Sectioned>()));
  CHECK(schema.find(R"("description":"api token","writeOnly":true)") != std::string::npos);
}

TEST_CASE("json_schema under a section nests the type's object and leaves the rest of the file open") {
  const std::string schema = squash(strata::json_schema<Sectioned>());
  CHECK(schema.find(R"("properties":{"defaults":)") != std::string::npos);
  CHECK(schema.find(R"("services":{"type":"object","properties":{"api":{"type":"object")") != std::string::npos);
  CHECK(schema.find("hunter2") == std::string::npos);
}

// --- env_reference, sample_toml -------------------------------------------------

TEST_CASE("env_reference: a Markdown row per variable with type, default, constraints, description") {
  const std::string md = strata::env_reference<Schemed>();
  INFO(md);
  CHECK(md.rfind("| Variable | Key | Type | Default | Constraints | Description |\n|---|", 0) == 0);
  CHECK(md.find("| `SCH_PORT` | `port` | integer (int32_t) | `8000` | must be in [1, 65535] | listen port |") !=
        std::string::npos);
  CHECK(md.find("| `SCH_TOKEN`, `SCH_TOKEN_FILE` | `token` | string |  |  | secret: api token |") != std::string::npos);
  CHECK(md.find("`SCH_DB__KIND` | `db.kind` | one of pg \\| sqlite | `\"pg\"`") != std::string::npos);
  CHECK(md.find("`SCH_DB__PATH` | `db.path` | path") == std::string::npos);  // Lite::path is a string
  CHECK(md.find("| `SCH_DB__PATH` | `db.path` | string | `\"app.db\"` |  | (when kind = sqlite) |") !=
        std::string::npos);
  CHECK(md.find("| `SCH_ITEMS__<n>__NAME` | `items[<n>].name` |") != std::string::npos);
  CHECK(md.find("| `SCH_PINNED` | `pinned` | integer (int32_t) | `60` | always 60 |") != std::string::npos);
  CHECK(md.find("default-token-never-shown") == std::string::npos);
  // every static env name of the schema is in the table
  strata::detail::for_each_env_name<Schemed>([&](std::string_view name, std::string_view) {
    CHECK_MESSAGE(md.find("`" + std::string(name) + "`") != std::string::npos, name);
  });
}

TEST_CASE("sample_toml: commented, with defaults, loads back; secrets commented out") {
  const std::string sample = strata::sample_toml<Schemed>();
  INFO(sample);
  CHECK(sample.find("# listen port\n# integer (int32_t); must be in [1, 65535]; env SCH_PORT\nport = 8000\n") !=
        std::string::npos);
  CHECK(sample.find("default-token-never-shown") == std::string::npos);
  CHECK(sample.find("# token = \"...\"") != std::string::npos);
  const auto back = from_toml<Schemed>(sample);
  CHECK_MESSAGE(back.ok(), strata::format(back.diagnostics()));
  CHECK(strata::to_toml(back.value(), strata::reveal_secrets) == strata::to_toml(Schemed{}, strata::reveal_secrets));

  const std::string sectioned = strata::sample_toml<Sectioned>();
  CHECK(sectioned.find("[services.api]") != std::string::npos);
  CHECK(sectioned.find("hunter2") == std::string::npos);
  CHECK(from_toml<Sectioned>(sectioned).ok());
}

// --- secrets: no output shows one without reveal_secrets --------------------------

namespace tools_test {
struct Vault {
  strata::annotated<std::string, strata::secret> key = "vault-key-default-AAAA";
  std::map<std::string, int> ports;
  bool operator==(const Vault&) const = default;
};
BOOST_DESCRIBE_STRUCT(Vault, (), (key, ports))

struct Secretive {
  strata::annotated<std::string, strata::secret, strata::doc<"password">> password = "default-pass-BBBB";
  strata::annotated<std::vector<std::string>, strata::secret> tokens = std::vector<std::string>{"token-CCCC"};
  strata::annotated<std::map<std::string, std::string>, strata::secret> headers =
      std::map<std::string, std::string>{{"auth", "header-DDDD"}};
  strata::annotated<std::optional<std::string>, strata::secret> maybe = std::optional<std::string>("maybe-EEEE");
  strata::annotated<Vault, strata::secret> whole_vault;
  Vault vault;
  std::vector<Vault> vaults = {Vault{}};
  bool operator==(const Secretive&) const = default;
};
BOOST_DESCRIBE_STRUCT(Secretive, (), (password, tokens, headers, maybe, whole_vault, vault, vaults))
STRATA_CONFIGURED(Secretive, {.prefix = "SEC_"})
}  // namespace tools_test

TEST_CASE("secrets: no tool prints one unless reveal_secrets is passed") {
  const std::vector<std::string> secrets = {"vault-key-default", "default-pass", "token-CCCC", "header-DDDD",
                                            "maybe-EEEE", "loaded-secret-FFFF"};
  const auto loaded = from_toml<Secretive>(
      "password = \"loaded-secret-FFFF\"\n[vault]\nkey = \"loaded-secret-FFFF\"\n[[vaults]]\nkey = \"loaded-secret-FFFF\"\n");
  REQUIRE_MESSAGE(loaded.ok(), strata::format(loaded.diagnostics()));
  const Secretive& s = loaded.value();
  const std::vector<std::pair<std::string, std::string>> outputs = {
      {"to_toml", strata::to_toml(s)},
      {"to_json", strata::to_json(s)},
      {"to_toml(defaults)", strata::to_toml(Secretive{})},
      {"to_json(defaults)", strata::to_json(Secretive{})},
      {"json_schema", strata::json_schema<Secretive>()},
      {"env_reference", strata::env_reference<Secretive>()},
      {"sample_toml", strata::sample_toml<Secretive>()},
      {"explain", strata::explain(loaded)},
  };
  for (const auto& [tool, text] : outputs)
    for (const std::string& secret : secrets) CHECK_MESSAGE(text.find(secret) == std::string::npos, tool, ": ", text);
  // a secret set by an override or an argument: its origin names the setting, not the value
  const auto overridden = strata::configuration(strata::args(std::vector<std::string>{"vault.key=arg-secret-HHHH"}))
                              .overrides({"password=override-secret-GGGG"})
                              .load<Secretive>();
  REQUIRE(overridden.ok());
  const std::string explained = strata::explain(overridden);
  CHECK(explained.find("override-secret-GGGG") == std::string::npos);
  CHECK(explained.find("arg-secret-HHHH") == std::string::npos);
  CHECK(explained.find("override 'password=<redacted>'") != std::string::npos);
  CHECK(explained.find("argument 'vault.key=<redacted>'") != std::string::npos);
  // revealed, they round-trip
  const std::string revealed = strata::to_toml(s, strata::reveal_secrets);
  CHECK(revealed.find("loaded-secret-FFFF") != std::string::npos);
  CHECK(from_toml<Secretive>(revealed).value() == s);
  CHECK(strata::to_json(s, strata::reveal_secrets).find("\"token-CCCC\"") != std::string::npos);
  // the sample still loads (the secrets keep their defaults)
  CHECK(from_toml<Secretive>(strata::sample_toml<Secretive>()).value() == Secretive{});
}
