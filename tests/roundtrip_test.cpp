// tests/roundtrip_test.cpp: dumps load back. A seeded generator makes values
// for every supported field type, at their extremes (integers of every width,
// subnormal, infinite and NaN floats, -0.0, durations at their limits, dates
// from year 0 to 9999, awkward strings and keys, empty and nested
// containers, optionals, both kinds of variant, free-form tables):
// to_toml's output must load back equal, and to_json's must parse as JSON
// and hold the same values.
// Boost.JSON is compiled once in the test program, by custom_source_test.cpp (src.hpp)
#include <boost/json.hpp>

#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include <boost/describe.hpp>

#include "support.hpp"

namespace roundtrip_test {

using namespace std::chrono;

enum class Mode { fast, safe, auto_ };
BOOST_DESCRIBE_ENUM(Mode, fast, safe, auto_)

struct Leaf {
  std::string name;
  std::optional<std::int32_t> n;
};
BOOST_DESCRIBE_STRUCT(Leaf, (), (name, n))

struct Pg {
  std::string host;
  std::uint16_t port = 0;
};
BOOST_DESCRIBE_STRUCT(Pg, (), (host, port))

struct Lite {
  static constexpr std::string_view tag = "sqlite";
  std::string path;
  std::optional<Leaf> cache;
};
BOOST_DESCRIBE_STRUCT(Lite, (), (path, cache))

struct Scalars {
  bool b = false;
  std::int8_t i8 = 0;
  std::uint8_t u8 = 0;
  std::int16_t i16 = 0;
  std::uint16_t u16 = 0;
  std::int32_t i32 = 0;
  std::uint32_t u32 = 0;
  std::int64_t i64 = 0;
  std::uint64_t u64 = 0;
  unsigned long long ull = 0;
  float f = 0;
  double d = 0;
  std::string s;
  std::filesystem::path p;
  Mode mode = Mode::fast;
};
BOOST_DESCRIBE_STRUCT(Scalars, (), (b, i8, u8, i16, u16, i32, u32, i64, u64, ull, f, d, s, p, mode))

struct Times {
  nanoseconds ns{0};
  microseconds us{0};
  milliseconds ms{0};
  seconds s{0};
  minutes m{0};
  hours h{0};
  duration<std::uint32_t> unsigned_s{0};
  strata::annotated<milliseconds, strata::duration_unit<seconds>> counted{};
  strata::annotated<duration<std::uint64_t, std::milli>, strata::duration_unit<milliseconds>> counted_u64{};
  sys_seconds at{};
  sys_time<milliseconds> at_ms{};
  sys_time<nanoseconds> at_ns{};
  local_time<seconds> local{};
  year_month_day day{year(2000), month(1), std::chrono::day(1)};
};
BOOST_DESCRIBE_STRUCT(Times, (), (ns, us, ms, s, m, h, unsigned_s, counted, counted_u64, at, at_ms, at_ns, local, day))

struct Containers {
  std::vector<int> ints;
  std::vector<std::string> strings;
  std::vector<std::vector<std::int64_t>> grid;
  std::vector<double> reals;
  std::map<std::string, double> weights;
  std::unordered_map<std::string, std::string> labels;
  std::map<std::string, std::vector<Leaf>> groups;
  std::map<std::string, std::map<std::string, std::uint64_t>> nested;
  std::vector<Leaf> leaves;
  std::optional<std::vector<int>> maybe_list;
  std::optional<Leaf> maybe_leaf;
  std::vector<std::vector<Leaf>> leaf_grid;
};
BOOST_DESCRIBE_STRUCT(Containers, (),
                      (ints, strings, grid, reals, weights, labels, groups, nested, leaves, maybe_list, maybe_leaf,
                       leaf_grid))

using database = strata::annotated<std::variant<Pg, Lite>, strata::discriminator<"kind">>;

struct Choices {
  database db;
  std::vector<database> replicas;
  std::map<std::string, database> by_name;
  std::variant<std::int64_t, std::string, Leaf> shaped;
  std::variant<bool, double, std::vector<std::string>> shaped_list;
  strata::any_table extra;
};
BOOST_DESCRIBE_STRUCT(Choices, (), (db, replicas, by_name, shaped, shaped_list, extra))

struct All {
  Scalars scalars;
  Times times;
  Containers containers;
  Choices choices;
  std::optional<Scalars> more;
  strata::annotated<std::string, strata::secret> token;
};
BOOST_DESCRIBE_STRUCT(All, (), (scalars, times, containers, choices, more, token))

/// What a free-form table is loaded into, to make one from TOML text.
struct FreeHolder {
  strata::any_table extra;
};
BOOST_DESCRIBE_STRUCT(FreeHolder, (), (extra))

// --- equality: NaN equals NaN, and -0.0 is not 0.0 --------------------------------

template <class T>
bool same(const T& a, const T& b);

template <class T>
bool same_members(const T& a, const T& b) {
  bool ok = true;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto m) { ok = ok && same(a.*m.pointer, b.*m.pointer); });
  return ok;
}

template <class T>
struct is_std_vector : std::false_type {};
template <class T>
struct is_std_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_std_map : std::false_type {};
template <class T>
struct is_std_map<std::map<std::string, T>> : std::true_type {};
template <class T>
struct is_std_map<std::unordered_map<std::string, T>> : std::true_type {};
template <class T>
struct is_std_optional : std::false_type {};
template <class T>
struct is_std_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_std_variant : std::false_type {};
template <class... T>
struct is_std_variant<std::variant<T...>> : std::true_type {};

template <class T>
bool same(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return a == b && std::signbit(a) == std::signbit(b);
  } else if constexpr (strata::detail::is_annotated<T>) {
    return same(a.value(), b.value());
  } else if constexpr (boost::describe::has_describe_members<T>::value) {
    return same_members(a, b);
  } else if constexpr (is_std_vector<T>::value) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same(a[i], b[i])) return false;
    return true;
  } else if constexpr (is_std_map<T>::value) {
    if (a.size() != b.size()) return false;
    for (const auto& [k, v] : a)
      if (auto it = b.find(k); it == b.end() || !same(v, it->second)) return false;
    return true;
  } else if constexpr (is_std_optional<T>::value) {
    return a.has_value() == b.has_value() && (!a || same(*a, *b));
  } else if constexpr (is_std_variant<T>::value) {
    return a.index() == b.index() &&
           std::visit([&](const auto& x) { return same(x, std::get<std::remove_cvref_t<decltype(x)>>(b)); }, a);
  } else {
    return a == b;
  }
}

// --- generation -----------------------------------------------------------------

/// A TOML basic string, for the free-form tables the generator writes as text.
inline std::string toml_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (u < 0x20 || u == 0x7f) out += fmt::format("\\u{:04x}", u);
    else out += c;
  }
  return out + '"';
}

struct generator {
  std::mt19937_64 rng;

  std::uint64_t bits() { return rng(); }
  bool coin(int one_in = 2) { return rng() % static_cast<std::uint64_t>(one_in) == 0; }
  std::size_t size(std::size_t max) { return static_cast<std::size_t>(rng() % (max + 1)); }

  template <class I>
  I integer() {
    switch (rng() % 6) {  // the edges as often as anything else
      case 0: return std::numeric_limits<I>::min();
      case 1: return std::numeric_limits<I>::max();
      case 2: return I(0);
      case 3: return static_cast<I>(std::numeric_limits<I>::max() - static_cast<I>(rng() % 3));
      default: return static_cast<I>(bits());
    }
  }
  template <class F>
  F real() {
    using U = std::conditional_t<sizeof(F) == 4, std::uint32_t, std::uint64_t>;
    switch (rng() % 8) {
      case 0: return std::numeric_limits<F>::infinity() * (coin() ? F(1) : F(-1));
      case 1: return std::numeric_limits<F>::quiet_NaN();
      case 2: return coin() ? F(-0.0) : F(0.0);
      case 3: return std::numeric_limits<F>::denorm_min() * static_cast<F>(1 + rng() % 1000);
      case 4: return coin() ? std::numeric_limits<F>::max() : std::numeric_limits<F>::lowest();
      case 5: return std::numeric_limits<F>::min();  // the smallest normal
      default: return std::bit_cast<F>(static_cast<U>(bits()));  // any bit pattern, NaNs included
    }
  }
  std::string text(std::size_t max = 10) {
    static const std::vector<std::string> pieces = {
        "a", "Z", "0", " ", "\"", "\\", "\n", "\t", "\r", "\x01", "\x1f", "\x7f", "é", "🎵", "'", "'''", "\"\"\"",
        "${X}", "$${", "$$", "$", "#", "=", "[", "]", "{", ".", "ß", "\xe2\x80\xa8", "\\u0041", "nan", "1"};
    std::string s;
    for (std::size_t n = size(max); n > 0; --n) s += pieces[rng() % pieces.size()];
    return s;
  }
  std::string key() { return coin(3) ? text(4) : "k" + std::to_string(rng() % 50); }

  template <class D>
  D duration() {
    using R = typename D::rep;
    switch (rng() % 5) {
      case 0: return D::max();
      case 1: return D::min();
      case 2: return D::zero();
      case 3: return D(static_cast<R>(bits() % 4'000'000'000ull));
      default: return D(static_cast<R>(bits()));
    }
  }
  /// A day of the years TOML can write (0000 to 9999).
  sys_days day_in_toml_years() {
    const auto first = sys_days(year(0) / 1 / 1).time_since_epoch().count();
    const auto last = sys_days(year(9999) / 12 / 31).time_since_epoch().count();
    return sys_days(days(first + static_cast<std::int64_t>(bits() % static_cast<std::uint64_t>(last - first + 1))));
  }
  template <class D>
  D within_day() {
    return duration_cast<D>(nanoseconds(static_cast<std::int64_t>(bits() % 86'400'000'000'000ull)));
  }

  Leaf leaf() {
    Leaf l;
    l.name = text();
    if (coin()) l.n = integer<std::int32_t>();
    return l;
  }
  Scalars scalars() {
    Scalars s;
    s.b = coin();
    s.i8 = integer<std::int8_t>();
    s.u8 = integer<std::uint8_t>();
    s.i16 = integer<std::int16_t>();
    s.u16 = integer<std::uint16_t>();
    s.i32 = integer<std::int32_t>();
    s.u32 = integer<std::uint32_t>();
    s.i64 = integer<std::int64_t>();
    s.u64 = integer<std::uint64_t>();  // above 2^63-1 too
    s.ull = integer<unsigned long long>();
    s.f = real<float>();
    s.d = real<double>();
    s.s = text();
    s.p = std::filesystem::path(text(5));
    s.mode = static_cast<Mode>(rng() % 3);
    return s;
  }
  Times times() {
    Times t;
    t.ns = duration<nanoseconds>();
    t.us = duration<microseconds>();
    t.ms = duration<milliseconds>();
    t.s = duration<seconds>();
    t.m = duration<minutes>();
    t.h = duration<hours>();
    t.unsigned_s = duration<std::chrono::duration<std::uint32_t>>();
    t.counted = coin() ? duration<milliseconds>() : duration_cast<milliseconds>(seconds(rng() % 100000));
    t.counted_u64 = duration<std::chrono::duration<std::uint64_t, std::milli>>();
    t.at = sys_seconds(day_in_toml_years()) + within_day<seconds>();
    t.at_ms = sys_time<milliseconds>(day_in_toml_years()) + within_day<milliseconds>();
    // nanoseconds since 1970 in 64 bits: 1677-09-21 to 2262-04-11
    t.at_ns = sys_time<nanoseconds>(nanoseconds(static_cast<std::int64_t>(bits())));
    t.local = local_seconds(day_in_toml_years().time_since_epoch()) + within_day<seconds>();
    t.day = year_month_day(day_in_toml_years());
    return t;
  }
  Containers containers() {
    Containers c;
    for (std::size_t n = size(4); n > 0; --n) c.ints.push_back(integer<int>());
    for (std::size_t n = size(4); n > 0; --n) c.strings.push_back(text());
    for (std::size_t n = size(3); n > 0; --n) {
      c.grid.emplace_back();  // empty rows too
      for (std::size_t m = size(3); m > 0; --m) c.grid.back().push_back(integer<std::int64_t>());
    }
    for (std::size_t n = size(4); n > 0; --n) c.reals.push_back(real<double>());
    for (std::size_t n = size(3); n > 0; --n) c.weights[key()] = real<double>();
    for (std::size_t n = size(3); n > 0; --n) c.labels[key()] = text();
    for (std::size_t n = size(2); n > 0; --n) {
      auto& list = c.groups[key()];
      for (std::size_t m = size(2); m > 0; --m) list.push_back(leaf());
    }
    for (std::size_t n = size(2); n > 0; --n) {
      auto& inner = c.nested[key()];
      for (std::size_t m = size(2); m > 0; --m) inner[key()] = integer<std::uint64_t>();
    }
    for (std::size_t n = size(3); n > 0; --n) c.leaves.push_back(leaf());
    if (coin()) {
      c.maybe_list.emplace();
      for (std::size_t n = size(2); n > 0; --n) c.maybe_list->push_back(integer<int>());
    }
    if (coin()) c.maybe_leaf = leaf();
    for (std::size_t n = size(2); n > 0; --n) {
      c.leaf_grid.emplace_back();
      for (std::size_t m = size(2); m > 0; --m) c.leaf_grid.back().push_back(leaf());
    }
    return c;
  }
  database db() {
    if (coin()) return Pg{text(), integer<std::uint16_t>()};
    Lite l;
    l.path = text();
    if (coin()) l.cache = leaf();
    return l;
  }
  /// A free-form table, made by loading generated TOML text.
  strata::any_table free_table() {
    std::string toml = "[extra]\n";
    std::map<std::string, int> used;
    for (std::size_t n = size(4); n > 0; --n) {
      const std::string k = key();
      if (used[k]++) continue;
      toml += toml_quoted(k) + " = ";
      switch (rng() % 5) {
        case 0: toml += std::to_string(integer<std::int64_t>()); break;
        case 1: toml += toml_quoted(text()); break;
        case 2: toml += coin() ? "true" : "false"; break;
        case 3: toml += "[1, \"two\", { three = 3.5 }]"; break;
        default: toml += "{ inner = " + toml_quoted(text()) + ", n = -0.0 }"; break;
      }
      toml += '\n';
    }
    auto r = strata_test::load_toml<FreeHolder>(toml);
    REQUIRE_MESSAGE(r.ok(), toml);
    return r.value().extra;
  }
  Choices choices() {
    Choices c;
    c.db = db();
    for (std::size_t n = size(3); n > 0; --n) c.replicas.push_back(db());
    for (std::size_t n = size(2); n > 0; --n) c.by_name[key()] = db();
    switch (rng() % 3) {
      case 0: c.shaped = integer<std::int64_t>(); break;
      case 1: c.shaped = text(); break;
      default: c.shaped = leaf(); break;
    }
    switch (rng() % 3) {
      case 0: c.shaped_list = coin(); break;
      case 1: c.shaped_list = real<double>(); break;
      default: {
        std::vector<std::string> v;
        for (std::size_t n = size(3); n > 0; --n) v.push_back(text());
        c.shaped_list = v;
      }
    }
    c.extra = free_table();
    return c;
  }
  All all() {
    All a;
    a.scalars = scalars();
    a.times = times();
    a.containers = containers();
    a.choices = choices();
    if (coin()) a.more = scalars();
    a.token = text();
    return a;
  }
};

// --- JSON: the same values ----------------------------------------------------------

/// Whether JSON value `j` holds `v` as to_json writes it: NaN and infinities
/// as null; durations, enums, dates and paths as their text.
template <class T>
bool json_holds(const boost::json::value& j, const T& v);

template <class T>
bool json_members(const boost::json::object& o, const T& v) {
  bool ok = true;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto m) {
    std::string key = m.name;
    if (key.ends_with('_')) key.pop_back();
    const auto& field = v.*m.pointer;
    const auto* found = o.if_contains(key);
    if constexpr (is_std_optional<std::remove_cvref_t<decltype(field)>>::value) {
      if (!field) return void(ok = ok && !found);  // unset optionals are left out
    }
    if (!ok) return;
    ok = found && json_holds(*found, field);
    if (!ok) MESSAGE("JSON member differs: " << key);
  });
  return ok;
}

template <class T>
bool json_holds(const boost::json::value& j, const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    return j.is_bool() && j.get_bool() == v;
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(v)) return j.is_null();
    if (!j.is_double()) return false;
    // Boost.JSON 1.81 does not always round a decimal to the nearest
    // double: one unit in the last place either way is its error, not ours.
    const double got = j.get_double();
    if constexpr (sizeof(T) < sizeof(double)) return static_cast<T>(got) == v;  // a float's shortest text
    else return got == v || std::nextafter(got, v) == v;
  } else if constexpr (std::is_integral_v<T>) {
    if (j.is_int64()) return std::cmp_equal(j.get_int64(), v);
    if (j.is_uint64()) return std::cmp_equal(j.get_uint64(), v);
    return false;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return j.is_string() && j.get_string() == v;
  } else if constexpr (strata::detail::is_annotated<T>) {
    using unit = typename strata::detail::unit_of<T>::type;
    if constexpr (!std::is_void_v<unit>) {  // a counted duration: a number of units, or text
      if (j.is_int64()) return duration_cast<std::remove_cvref_t<decltype(v.value())>>(typename unit::unit(j.get_int64())) == v.value();
      return j.is_string() && j.get_string() == strata::detail::format_duration(v.value());
    } else {
      return json_holds(j, v.value());
    }
  } else if constexpr (boost::describe::has_describe_members<T>::value) {
    return j.is_object() && json_members(j.get_object(), v);
  } else if constexpr (is_std_vector<T>::value) {
    if (!j.is_array() || j.get_array().size() != v.size()) return false;
    for (std::size_t i = 0; i < v.size(); ++i)
      if (!json_holds(j.get_array()[i], v[i])) return false;
    return true;
  } else if constexpr (is_std_map<T>::value) {
    if (!j.is_object() || j.get_object().size() != v.size()) return false;
    for (const auto& [k, item] : v)
      if (const auto* found = j.get_object().if_contains(k); !found || !json_holds(*found, item)) return false;
    return true;
  } else if constexpr (is_std_optional<T>::value) {
    return v ? json_holds(j, *v) : j.is_null();
  } else if constexpr (is_std_variant<T>::value) {
    return std::visit([&](const auto& alt) { return json_holds(j, alt); }, v);
  } else if constexpr (std::is_same_v<T, strata::any_table>) {
    return j.is_object();
  } else if constexpr (strata::detail::is_date_time<T>) {
    return j.is_string() && j.get_string() == strata::detail::format_date_time(v);
  } else {  // durations, enums, paths: the string to_toml writes
    return j.is_string() && boost::json::parse(strata::detail::toml_literal(v)) == j;
  }
}

/// A discriminated variant in JSON: an object with its tag and the alternative's members.
template <>
bool json_holds(const boost::json::value& j, const database& v) {
  if (!j.is_object()) return false;
  const auto* tag = j.get_object().if_contains("kind");
  if (!tag || !tag->is_string() || tag->get_string() != (v->index() == 0 ? "pg" : "sqlite")) return false;
  return std::visit([&](const auto& alt) { return json_members(j.get_object(), alt); }, v.value());
}

template <class T>
strata::result<T> from_toml(const std::string& text) {
  return strata::configuration(strata::toml_text(text, "dump.toml")).load<T>();
}


// --- the examples of the specific cases ---------------------------------------------

struct Seeds {
  std::uint64_t seed = 0;
  std::vector<std::uint64_t> more;
};
BOOST_DESCRIBE_STRUCT(Seeds, (), (seed, more))

struct Small {
  std::uint32_t n = 0;
};
BOOST_DESCRIBE_STRUCT(Small, (), (n))

struct Limits {
  hours longest = hours::max();
  minutes shortest = minutes::min();
  nanoseconds ns_min = nanoseconds::min();
  seconds s_max = seconds::max();
};
BOOST_DESCRIBE_STRUCT(Limits, (), (longest, shortest, ns_min, s_max))

struct Floats {
  double nan = std::numeric_limits<double>::quiet_NaN();
  double inf = -std::numeric_limits<double>::infinity();
  double zero = -0.0;
  float tiny = std::numeric_limits<float>::denorm_min();
};
BOOST_DESCRIBE_STRUCT(Floats, (), (nan, inf, zero, tiny))

struct Keys {
  std::map<std::string, int> odd;
  std::map<std::string, std::vector<int>> lists;
  std::vector<std::vector<std::string>> empty_rows;
};
BOOST_DESCRIBE_STRUCT(Keys, (), (odd, lists, empty_rows))

struct Named {
  std::string name;
  std::map<std::string, std::string> labels;
  strata::annotated<std::string, strata::secret> token;
};
BOOST_DESCRIBE_STRUCT(Named, (), (name, labels, token))
STRATA_CONFIGURED(Named, {.prefix = "RT_"})

}  // namespace roundtrip_test

using namespace roundtrip_test;
using strata_test::contains;
using strata_test::only_at;

TEST_CASE("property: every field type at its extremes loads back equal from to_toml, and to_json parses and matches") {
  generator g{std::mt19937_64(20261206)};
  for (int n = 0; n < 300; ++n) {
    const All x = g.all();
    const std::string toml = strata::to_toml(x, strata::reveal_secrets);
    const auto back = from_toml<All>(toml);
    INFO("case ", n, "\n", toml, "\n", strata::format(back.diagnostics()));
    REQUIRE(back.ok());
    REQUIRE(same(back.value(), x));

    const std::string json_text = strata::to_json(x, strata::reveal_secrets);
    boost::system::error_code ec;
    const boost::json::value json = boost::json::parse(json_text, ec);
    INFO(json_text);
    REQUIRE_FALSE(ec);
    REQUIRE(json_holds(json, x));
  }
}

TEST_CASE("a std::uint64_t above 2^63-1 is written as a quoted number, which loads back") {
  Seeds s{std::numeric_limits<std::uint64_t>::max(), {9223372036854775808ull, 1}};
  const std::string toml = strata::to_toml(s);
  CHECK(contains(toml, "seed = \"18446744073709551615\""));
  CHECK(contains(toml, "more = [\"9223372036854775808\", 1]"));
  const auto back = from_toml<Seeds>(toml);
  REQUIRE(back.ok());
  CHECK(back->seed == s.seed);
  CHECK(back->more == s.more);
  // a quoted number within TOML's integers is still a string, not an integer
  CHECK(only_at(from_toml<Seeds>("seed = \"5\"").errors(), "seed").message == "expected an integer, got a string");
  // and a quoted number too large for the field is out of its range
  CHECK(contains(only_at(from_toml<Small>("n = \"18446744073709551615\"").errors(), "n").message,
                 "out of range for uint32_t"));
}

TEST_CASE("durations at their limits are written in the syntax that reads them back exactly") {
  const std::string toml = strata::to_toml(Limits{});
  CHECK(contains(toml, "ns_min = \"-106751d23h47m16s854775808ns\""));
  const auto back = from_toml<Limits>(toml);
  INFO(toml, strata::format(back.diagnostics()));
  REQUIRE(back.ok());
  CHECK(back->longest == hours::max());
  CHECK(back->shortest == minutes::min());
  CHECK(back->ns_min == nanoseconds::min());
  CHECK(back->s_max == seconds::max());
}

TEST_CASE("floats: NaN, infinities and -0.0 are written as TOML floats that load back as themselves") {
  const std::string toml = strata::to_toml(Floats{});
  CHECK(contains(toml, "inf = -inf"));
  CHECK(contains(toml, "zero = -0.0"));
  const auto back = from_toml<Floats>(toml);
  REQUIRE(back.ok());
  CHECK(std::isnan(back->nan));
  CHECK(back->inf == -std::numeric_limits<double>::infinity());
  CHECK(std::signbit(back->zero));
  CHECK(back->tiny == std::numeric_limits<float>::denorm_min());
}

TEST_CASE("map keys that need quotes, empty keys and empty containers load back") {
  Keys k;
  k.odd = {{"", 1}, {"a.b", 2}, {"\"", 3}, {"\n", 4}, {"é", 5}, {"[x]", 6}, {"\x7f", 7}};
  k.lists = {{"none", {}}, {"some key", {1}}};
  k.empty_rows = {{}, {""}, {}};
  const auto back = from_toml<Keys>(strata::to_toml(k));
  INFO(strata::to_toml(k));
  REQUIRE(back.ok());
  CHECK(back->odd == k.odd);
  CHECK(back->lists == k.lists);
  CHECK(back->empty_rows == k.empty_rows);
}

TEST_CASE("text that is not UTF-8 is an error naming the variable or argument, and is never dumped") {
  const std::string bad = "caf\xe9";  // Latin-1, not UTF-8
  SUBCASE("environment") {
    const auto r = strata::configuration(strata::env(std::map<std::string, std::string>{{"RT_NAME", bad}, {"RT_TOKEN", "\xc0\xaf"}})).load<Named>();
    const auto name = only_at(r.errors(), "name");
    CHECK(name.message == "is not valid UTF-8 text");
    CHECK(strata::to_string(name.origin) == "env RT_NAME");
    CHECK(strata::to_string(only_at(r.errors(), "token").origin) == "env RT_TOKEN");
  }
  SUBCASE("arguments and overrides") {
    const auto r = strata::configuration(strata::args({"name=" + bad})).overrides({"labels.team=" + bad}).load<Named>();
    const auto name = only_at(r.errors(), "name");
    CHECK(name.message == "is not valid UTF-8 text");
    CHECK(strata::to_string(name.origin) == "argument 'name=…'");
    CHECK(strata::to_string(only_at(r.errors(), "labels.team").origin) == "override 'labels.team=…'");
    CHECK_FALSE(contains(strata::format(r.diagnostics()), bad));
  }
  SUBCASE("a key that is not UTF-8") {
    const auto r = strata::configuration().overrides({"labels.caf\xe9=x"}).load<Named>();
    REQUIRE(r.errors().size() == 1);
    CHECK(r.errors()[0].message == "the path of this setting is not valid UTF-8");
    CHECK_FALSE(contains(strata::format(r.diagnostics()), "\xe9"));
  }
  SUBCASE(".env file") {
    strata_test::temp_dir dir;
    const auto file = dir.write("app.env", "RT_NAME=" + bad + "\n");
    const auto r = strata::configuration(strata::dotenv(file), strata::env(std::map<std::string, std::string>{}))
                       .load<Named>();
    const auto name = only_at(r.errors(), "name");
    CHECK(name.message == "is not valid UTF-8 text");
    CHECK(contains(strata::to_string(name.origin), "RT_NAME"));
    CHECK_FALSE(contains(strata::format(r.diagnostics()), bad));
  }
  SUBCASE("interpolation") {
    const auto r = strata::configuration(strata::toml_text("name = \"${RT_BAD}\""), strata::env(std::map<std::string, std::string>{{"RT_BAD", bad}}))
                       .load<Named>();
    CHECK(only_at(r.errors(), "name").message == "is not valid UTF-8 text");
  }
  SUBCASE("valid UTF-8 of every length is accepted") {
    const auto r = strata::configuration(strata::env(std::map<std::string, std::string>{{"RT_NAME", "aé€🎵"}})).load<Named>();
    REQUIRE(r.ok());
    CHECK(r->name == "aé€🎵");
  }
}
