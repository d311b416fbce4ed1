// strata/decode/text.hpp: one parser per scalar type for values that arrive as
// text (environment, arguments, interpolation). Each returns an error message
// instead of throwing; messages never quote the text, callers add it unless
// the field is secret.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <ratio>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <strata/detail/cold.hpp>
#include <strata/detail/did_you_mean.hpp>
#include <strata/schema/enums.hpp>
#include <strata/schema/traits.hpp>

namespace strata::detail {

__extension__ typedef __int128 wide_int;  // exact duration arithmetic; g++ and clang both have it

/// Outcome of a conversion: empty `error` means success.
struct conversion {
  std::string error;
  std::string hint;
  explicit operator bool() const { return error.empty(); }
};

inline conversion fail(std::string message, std::string hint = {}) {
  return {std::move(message), std::move(hint)};
}

/// "'a' and 'b'".
inline std::string in_quotes_list(std::string_view a, std::string_view b) {
  return "'" + std::string(a) + "' and '" + std::string(b) + "'";
}

template <class I>
std::string integer_bounds() {
  std::string out = "[";
  out += std::to_string(std::numeric_limits<I>::min());
  out += ", ";
  out += std::to_string(std::numeric_limits<I>::max());
  out += ']';
  return out;
}

template <class I>
std::string out_of_range_message() {
  return "out of range for " + std::string(type_label<I>()) + " " + integer_bounds<I>();
}

/// Narrows a 64-bit integer into I, never wrapping.
template <class I, class Wide>
conversion narrow_integer(Wide wide, I& out) {
  if (!std::in_range<I>(wide))
    return fail(out_of_range_message<I>());
  out = static_cast<I>(wide);
  return {};
}

constexpr std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

inline conversion parse_text(std::string_view text, bool& out) {
  const std::string_view t = trim(text);
  for (std::string_view yes : {"true", "1", "yes", "on"})
    if (iequals(t, yes)) return out = true, conversion{};
  for (std::string_view no : {"false", "0", "no", "off"})
    if (iequals(t, no)) return out = false, conversion{};
  return fail("not a boolean", "use true/false, yes/no, on/off or 1/0");
}

/// TOML's digit groups: `1_000` -> "1000". An underscore must stand between
/// two digits of `base`; false otherwise (`1__0`, `_1`, `1_`).
inline bool without_underscores(std::string_view digits, int base, std::string& out) {
  const auto is_digit = [base](char c) {
    if (c >= '0' && c <= '9') return c - '0' < base;
    const char lower = static_cast<char>(c | 0x20);
    return base == 16 && lower >= 'a' && lower <= 'f';
  };
  out.clear();
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (digits[i] == '_') {
      if (i == 0 || i + 1 == digits.size() || !is_digit(digits[i - 1]) || !is_digit(digits[i + 1])) return false;
      continue;
    }
    out += digits[i];
  }
  return true;
}

/// Integers as text, in TOML's notations: decimal with an optional sign
/// (`-5`, `+5`, `1_000`), and unsigned `0x1F`, `0o17`, `0b101`.
template <class I>
  requires is_integer<I>
conversion parse_text(std::string_view text, I& out) {
  std::string_view t = trim(text);
  int base = 10;
  if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'o' || t[1] == 'b')) {
    base = t[1] == 'x' ? 16 : t[1] == 'o' ? 8 : 2;
    t.remove_prefix(2);
    if (t.front() == '+' || t.front() == '-') return fail("not an integer");  // from_chars takes '-'
  } else if (t.size() > 1 && t.front() == '+' && t[1] != '-') {
    t.remove_prefix(1);  // "+-5" stays invalid
  }
  const bool negative = !t.empty() && t.front() == '-';
  std::string digits;
  if (!without_underscores(negative ? t.substr(1) : t, base, digits) || digits.empty() || digits.front() == '+')
    return fail("not an integer");
  if (negative) digits.insert(digits.begin(), '-');
  auto parse = [&](auto wide) -> conversion {
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), wide, base);
    if (ec == std::errc::result_out_of_range) return fail(out_of_range_message<I>());
    if (ec != std::errc{} || end != digits.data() + digits.size()) return fail("not an integer");
    return narrow_integer(wide, out);
  };
  return negative ? parse(std::int64_t{}) : parse(std::uint64_t{});
}

/// Whether text is a plain decimal beyond TOML's integers (above 2^63-1):
/// how to_toml writes a std::uint64_t that large, as a quoted string, since
/// a TOML integer cannot hold it.
constexpr bool beyond_toml_integers(std::string_view text) {
  constexpr std::string_view int64_max = "9223372036854775807";
  if (text.size() < int64_max.size() || text.front() == '0') return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return text.size() > int64_max.size() || text > int64_max;
}

/// A double as F: too large for F, or a non-zero value F rounds to zero,
/// is an error (a float field never silently holds 0 for 1e-50).
template <class F>
  requires std::is_floating_point_v<F>
conversion narrow_float(double wide, F& out) {
  const char* type = sizeof(F) == sizeof(float) ? "float" : "double";
  // What rounds to F's largest value is in range ("3.4028235e+38", as a float
  // prints, is above FLT_MAX as a double): up to half a unit in the last place.
  if constexpr (sizeof(F) < sizeof(double)) {
    constexpr double half_ulp = [] {
      double h = 1;
      for (int e = 0; e < std::numeric_limits<F>::max_exponent - 1 - std::numeric_limits<F>::digits; ++e) h *= 2;
      return h;
    }();
    if (std::isfinite(wide) && std::fabs(wide) >= static_cast<double>(std::numeric_limits<F>::max()) + half_ulp)
      return fail(std::string("out of range for ") + type);
  }
  if (wide != 0 && static_cast<F>(wide) == 0)
    return fail(std::string("too small for ") + type + ": it would be 0", "write 0 if 0 is meant");
  out = static_cast<F>(wide);
  return {};
}

/// A TOML integer as F: exactly, or an error (2^53 + 1 has no double).
template <class F>
  requires std::is_floating_point_v<F>
conversion integer_to_float(std::int64_t wide, F& out) {
  const F narrowed = static_cast<F>(wide);
  // 2^63 (int64 max rounded up) compares as 2^63 in 128 bits: not equal, an error
  if (static_cast<wide_int>(narrowed) != wide)
    return fail(std::string("not exactly representable as a ") + (sizeof(F) == sizeof(float) ? "float" : "double"),
                "write it as a float (1.0e19) if the nearest value will do");
  out = narrowed;
  return {};
}

/// Floats as text, in TOML's notations too: `1_000.5`, `inf`, `-inf`, `nan`.
template <class F>
  requires std::is_floating_point_v<F>
conversion parse_text(std::string_view text, F& out) {
  std::string_view t = trim(text);
  if (t.size() > 1 && t.front() == '+' && t[1] != '-') t.remove_prefix(1);  // "+-5" stays invalid
  std::string digits;
  if (t.find('_') != std::string_view::npos) {
    if (!without_underscores(t, 10, digits)) return fail("not a number");
    t = digits;
  }
  double wide = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), wide);
  if (t.empty() || ec == std::errc::invalid_argument || end != t.data() + t.size())
    return fail("not a number");
  if (ec == std::errc::result_out_of_range) return fail("out of range for a double");
  return narrow_float(wide, out);
}

inline conversion parse_text(std::string_view text, std::string& out) {
  out.assign(text);
  return {};
}

inline conversion parse_text(std::string_view text, std::filesystem::path& out) {
  out = std::filesystem::path(std::string(text));
  return {};
}

/// How many names a message lists before it says how many more there are.
inline constexpr std::size_t listed_names = 8;

/// "'a', 'b', 'c'", or the first listed_names and "and 12 more".
STRATA_COLD inline std::string short_list(std::span<const std::string_view> names) {
  if (names.size() <= listed_names + 1) return quoted_list(names);
  return quoted_list(names.first(listed_names)) + " and " + std::to_string(names.size() - listed_names) + " more";
}

/// Text that names none of an enum's values (`match` says whether it
/// matched two of them but for case): one function for every enum.
STRATA_COLD inline conversion not_one_of(std::string_view text, std::span<const std::string_view> names,
                                         const name_match& match) {
  if (match.index != name_match::none)
    return fail("ambiguous: it matches " + in_quotes_list(names[match.index], names[match.other]) + " but for case",
                "write one of them exactly");
  std::string hint = did_you_mean(trim(text), names);
  if (hint.empty() && names.size() > listed_names + 1) hint = "the schema (json_schema) lists every name";
  return fail("not one of " + short_list(names), std::move(hint));
}

template <class E>
  requires is_described_enum<E>
conversion parse_text(std::string_view text, E& out) {
  const name_match m = match_name(enum_names_v<E>, trim(text));
  if (m.found()) return out = enum_values_v<E>[m.index], conversion{};
  return not_one_of(text, enum_names_v<E>, m);
}

/// User types through their `strata::codec<T>` specialization.
template <class T>
  requires has_codec<T>
conversion parse_text(std::string_view text, T& out) {
  std::string error;
  std::optional<T> parsed = codec<T>::parse(text, error);
  if (!parsed) return fail(error.empty() ? std::string("not valid") : "not valid: " + error);
  out = std::move(*parsed);
  return {};
}

// --- durations -------------------------------------------------------------

struct unit_suffix {
  std::string_view suffix;
  std::int64_t nanoseconds;
};
inline constexpr unit_suffix duration_units[] = {
    {"ns", 1},         {"us", 1'000},          {"ms", 1'000'000},       {"s", 1'000'000'000},
    {"m", 60'000'000'000}, {"h", 3'600'000'000'000}, {"d", 86'400'000'000'000},
};

/// "1h30m" -> 5400000000000 ns. Integers with units only, each unit at
/// most once and the largest first ("1h1h" and "30m1h" are errors, not 2h
/// and 90m): a bare number is ambiguous and rejected.
inline conversion parse_nanoseconds(std::string_view text, wide_int& total) {
  std::string_view t = trim(text);
  if (t.empty()) return fail("not a duration", "write a number with a unit: 250ms, 30s, 5m, 1h30m, 2d");
  total = 0;
  bool any_unit = false;
  std::size_t previous = std::size(duration_units);  // the unit of the last number
  while (!t.empty()) {
    std::size_t digits = 0;
    while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
    if (digits == 0)
      return fail("not a duration", "write a number with a unit: 250ms, 30s, 5m, 1h30m, 2d");
    std::uint64_t count = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + digits, count);
    if (ec != std::errc{}) return fail("duration out of range");
    t.remove_prefix(digits);
    std::size_t letters = 0;
    while (letters < t.size() && ((t[letters] >= 'a' && t[letters] <= 'z') || (t[letters] >= 'A' && t[letters] <= 'Z')))
      ++letters;
    const std::string_view suffix = t.substr(0, letters);
    if (suffix.empty()) {
      if (!t.empty() && t.front() == '.')
        return fail("not a duration", "fractions are not accepted: use a smaller unit (1500ms, not 1.5s)");
      return fail("not a duration", any_unit ? "every number needs a unit: 1h30m"
                                             : "a bare number is ambiguous: add a unit (30s, 250ms, 5m)");
    }
    std::size_t unit = std::size(duration_units);
    for (std::size_t u = 0; u < std::size(duration_units); ++u)
      if (duration_units[u].suffix == suffix) unit = u;
    if (unit == std::size(duration_units)) return fail("not a duration", "units are ns, us, ms, s, m, h, d");
    if (unit >= previous)
      return fail("not a duration", "write each unit once, the largest first: 1h30m, not 30m1h or 1h1h");
    previous = unit;
    t.remove_prefix(letters);
    // at most 7 terms, each below 2^64 * 86400e9 < 2^111: no overflow of 128 bits
    total += static_cast<wide_int>(count) * duration_units[unit].nanoseconds;
    any_unit = true;
  }
  return {};
}

/// "seconds", "milliseconds", ... for messages; odd periods as "1/30 s ticks".
template <class Period>
std::string period_name() {
  for (const auto& [num, den, name] : {std::tuple{1, 1'000'000'000, "nanoseconds"}, std::tuple{1, 1'000'000, "microseconds"},
                                       std::tuple{1, 1'000, "milliseconds"}, std::tuple{1, 1, "seconds"},
                                       std::tuple{60, 1, "minutes"}, std::tuple{3600, 1, "hours"},
                                       std::tuple{86400, 1, "days"}})
    if (Period::num == num && Period::den == den) return name;
  return std::to_string(Period::num) + "/" + std::to_string(Period::den) + " s ticks";
}

/// The largest value a wide_int holds (std::numeric_limits may not know the type).
inline constexpr wide_int wide_int_max = (wide_int{1} << 126) - 1 + (wide_int{1} << 126);

/// `count` units of `From` (a std::ratio of seconds: std::nano for
/// parsed text, a `duration_unit`'s period) as the duration `out`: exactly,
/// or an error; never rounded, never wrapped. One conversion for
/// durations from text, counted durations and dates (`what` names them in
/// the hint).
template <class From, class Rep, class Period>
conversion ticks_into(wide_int count, std::chrono::duration<Rep, Period>& out, std::string_view what = "durations") {
  using per_unit = std::ratio_divide<From, Period>;  // ticks of `out` per unit of From
  if constexpr (std::is_unsigned_v<Rep>)
    if (count < 0) return fail("negative, and this field's duration is unsigned");
  if constexpr (std::is_floating_point_v<Rep>) {
    const long double ticks = static_cast<long double>(count) * per_unit::num / per_unit::den;
    if (!(std::fabs(ticks) <= static_cast<long double>(std::numeric_limits<Rep>::max())))
      return fail("duration out of range");
    out = std::chrono::duration<Rep, Period>(static_cast<Rep>(ticks));
  } else {
    if (count > wide_int_max / per_unit::num || count < -(wide_int_max / per_unit::num))
      return fail("duration out of range");
    const wide_int scaled = count * per_unit::num;
    if (scaled % per_unit::den != 0)
      return fail("not a whole number of " + period_name<Period>(),
                  "this field cannot hold a finer value; strata never rounds " + std::string(what));
    const wide_int ticks = scaled / per_unit::den;
    if (ticks > static_cast<wide_int>(std::numeric_limits<Rep>::max()) ||
        ticks < static_cast<wide_int>(std::numeric_limits<Rep>::lowest()))
      return fail("duration out of range");
    out = std::chrono::duration<Rep, Period>(static_cast<Rep>(ticks));
  }
  return {};
}

template <class Rep, class Period>
conversion parse_text(std::string_view text, std::chrono::duration<Rep, Period>& out) {
  std::string_view t = trim(text);
  const bool negative = !t.empty() && t.front() == '-';  // "-5s", as format_duration writes it
  if (negative) {
    if constexpr (std::is_unsigned_v<Rep>) return fail("negative, and this field's duration is unsigned");
    t.remove_prefix(1);
  }
  wide_int ns = 0;
  if (auto c = parse_nanoseconds(t, ns); !c) return c;
  return ticks_into<std::nano>(negative ? -ns : ns, out);
}

/// `count` units of `Unit` as the duration `out`, exactly, or an error.
template <class Unit, class Rep, class Period>
conversion count_into(std::int64_t count, std::chrono::duration<Rep, Period>& out) {
  return ticks_into<typename Unit::period>(count, out);
}

/// A duration field with `duration_unit<Unit>`: a bare whole number counts
/// units of `Unit` (TOML's notations too: `1_000`); anything else is
/// duration syntax ("30s").
template <class Unit, class Rep, class Period>
conversion parse_counted(std::string_view text, std::chrono::duration<Rep, Period>& out) {
  std::string_view t = trim(text);
  if (t.size() > 1 && t.front() == '+' && t[1] != '-') t.remove_prefix(1);
  const std::size_t sign = !t.empty() && t.front() == '-' ? 1 : 0;
  bool bare = t.size() > sign;
  for (std::size_t i = sign; i < t.size(); ++i) bare = bare && ((t[i] >= '0' && t[i] <= '9') || t[i] == '_');
  if (!bare) return parse_text(text, out);
  std::int64_t count = 0;
  if (conversion c = parse_text(t, count); !c)
    return c.error == "not an integer" ? fail("not a duration", "write a number or a duration: 90, 30s") : fail("duration out of range");
  return count_into<Unit>(count, out);
}

/// Writes a duration in the syntax parse_text reads: "1h30m", "250ms", "0s".
template <class Rep, class Period>
std::string format_duration(std::chrono::duration<Rep, Period> d) {
  if constexpr (std::is_floating_point_v<Rep>) {
    const auto ns = std::chrono::duration<long double, std::nano>(d).count();
    return std::to_string(static_cast<long long>(std::llround(ns))) + "ns";
  } else {
    wide_int ns = static_cast<wide_int>(d.count()) * Period::num * 1'000'000'000 / Period::den;
    if (ns == 0) return "0s";
    std::string out;
    if (ns < 0) {
      out = "-";
      ns = -ns;
    }
    // Whole days/hours/minutes/seconds, then the remainder in the finest exact unit.
    for (auto it = std::rbegin(duration_units); it != std::rend(duration_units); ++it) {
      if (it->nanoseconds < 1'000'000'000) break;
      if (ns >= it->nanoseconds) {
        out += std::to_string(static_cast<long long>(ns / it->nanoseconds));
        out += it->suffix;
        ns %= it->nanoseconds;
      }
    }
    if (ns > 0) {
      const unit_suffix& unit = ns % 1'000'000 == 0 ? duration_units[2]
                                  : ns % 1'000 == 0   ? duration_units[1]
                                                      : duration_units[0];
      out += std::to_string(static_cast<long long>(ns / unit.nanoseconds));
      out += unit.suffix;
    }
    return out;
  }
}

}  // namespace strata::detail
