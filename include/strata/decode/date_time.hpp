// strata/decode/date_time.hpp: TOML dates and times for the fields that
// hold them: `std::chrono::sys_time<D>` (an offset date-time, held as UTC),
// `std::chrono::local_time<D>` (a local date-time) and
// `std::chrono::year_month_day` (a local date). A value arrives as a TOML
// date, time or date-time, or as RFC 3339 text (env, arguments,
// interpolation); both become a `date_time_value` first, so one conversion
// per field type serves both. Values are never rounded: a fraction of a
// second the field cannot hold is an error.
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

#include <strata/decode/text.hpp>

namespace strata::detail {

/// A TOML date, time or date-time, as read: which parts it has, and their values.
struct date_time_value {
  int year = 0;
  unsigned month = 0, day = 0;
  unsigned hour = 0, minute = 0, second = 0;
  std::uint32_t nanosecond = 0;
  int offset_minutes = 0;  ///< east of UTC
  bool has_date = false, has_time = false, has_offset = false;
};

/// What the value is, for messages: "a local date-time", "an offset date-time", ...
constexpr std::string_view date_time_kind(const date_time_value& v) {
  if (!v.has_date) return "a time of day";
  if (!v.has_time) return "a date";
  return v.has_offset ? "an offset date-time" : "a local date-time";
}

namespace rfc3339 {

constexpr bool digits(std::string_view t, std::size_t at, std::size_t n, unsigned& out) {
  if (at + n > t.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (t[i] < '0' || t[i] > '9') return false;
    out = out * 10 + static_cast<unsigned>(t[i] - '0');
  }
  return true;
}

/// `HH:MM:SS[.fraction]` at `at`; advances it.
constexpr bool time_of_day(std::string_view t, std::size_t& at, date_time_value& v) {
  if (!digits(t, at, 2, v.hour) || at + 2 >= t.size() || t[at + 2] != ':' || !digits(t, at + 3, 2, v.minute) ||
      at + 5 >= t.size() || t[at + 5] != ':' || !digits(t, at + 6, 2, v.second))
    return false;
  at += 8;
  if (at < t.size() && t[at] == '.') {
    ++at;
    std::size_t n = 0;
    std::uint32_t ns = 0;
    while (at < t.size() && t[at] >= '0' && t[at] <= '9') {
      if (n < 9) ns = ns * 10 + static_cast<std::uint32_t>(t[at] - '0');
      else if (t[at] != '0') return false;  // finer than a nanosecond: not representable, never rounded
      ++n, ++at;
    }
    if (n == 0) return false;
    for (std::size_t k = n; k < 9; ++k) ns *= 10;
    v.nanosecond = ns;
  }
  v.has_time = true;
  return true;
}

}  // namespace rfc3339

/// The hint for text that is not RFC 3339.
inline constexpr std::string_view rfc3339_hint =
    "write RFC 3339 as TOML does: 2024-06-17T20:30:46Z, 2024-06-17T20:30:46+02:00, 2024-06-17T20:30:46 or 2024-06-17";

/// Reads RFC 3339 text as TOML writes dates and times: `2024-06-17`,
/// `2024-06-17T20:30:46`, `2024-06-17T20:30:46.5Z`, `...+02:00`, a space or
/// lower-case `t`/`z` allowed, and `20:30:46` (a time of day).
inline conversion parse_date_time(std::string_view text, date_time_value& v) {
  using namespace rfc3339;
  const std::string_view t = trim(text);
  v = {};
  std::size_t at = 0;
  unsigned year = 0;
  const auto bad = [] { return fail("not a date or date-time", std::string(rfc3339_hint)); };
  if (t.size() >= 10 && t[4] == '-') {
    if (!digits(t, 0, 4, year) || !digits(t, 5, 2, v.month) || t[7] != '-' || !digits(t, 8, 2, v.day)) return bad();
    v.year = static_cast<int>(year);
    v.has_date = true;
    at = 10;
    if (at == t.size()) return {};
    if (t[at] != 'T' && t[at] != 't' && t[at] != ' ') return bad();
    ++at;
  }
  if (!time_of_day(t, at, v)) return bad();
  if (at < t.size()) {
    if (!v.has_date) return bad();
    if ((t[at] == 'Z' || t[at] == 'z') && at + 1 == t.size()) {
      v.has_offset = true;
    } else if ((t[at] == '+' || t[at] == '-') && at + 6 == t.size() && t[at + 3] == ':') {
      unsigned hours = 0, minutes = 0;
      if (!digits(t, at + 1, 2, hours) || !digits(t, at + 4, 2, minutes) || hours > 23 || minutes > 59) return bad();
      v.offset_minutes = static_cast<int>(hours * 60 + minutes) * (t[at] == '-' ? -1 : 1);
      v.has_offset = true;
    } else {
      return bad();
    }
  }
  return {};
}

/// The calendar and clock fields in range (a leap second cannot be held).
inline conversion check_date_time(const date_time_value& v) {
  if (v.has_date) {
    const std::chrono::year_month_day ymd{std::chrono::year(v.year), std::chrono::month(v.month),
                                          std::chrono::day(v.day)};
    if (!ymd.ok()) return fail("not a calendar date", "months are 01-12 and days exist in their month");
  }
  if (v.has_time && (v.hour > 23 || v.minute > 59 || v.second > 59))
    return fail("not a time of day", v.second == 60 ? "a leap second cannot be held; use :59" : "hours are 00-23, minutes and seconds 00-59");
  return {};
}

/// Nanoseconds since 1970-01-01T00:00:00 of the value's date and time, as written.
inline wide_int local_nanoseconds(const date_time_value& v) {
  const std::chrono::sys_days days{std::chrono::year_month_day{std::chrono::year(v.year), std::chrono::month(v.month),
                                                               std::chrono::day(v.day)}};
  const wide_int seconds = static_cast<wide_int>(days.time_since_epoch().count()) * 86400 + v.hour * 3600 +
                           v.minute * 60 + v.second;
  return seconds * 1'000'000'000 + v.nanosecond;
}

/// `ns` nanoseconds as a duration D, exactly, or an error.
template <class D>
conversion nanoseconds_into(wide_int ns, D& out) {
  conversion c = ticks_into<std::nano>(ns, out, "times");
  if (c.error == "duration out of range") c.error = "out of range for this field's unit";
  return c;
}

template <class D>
conversion date_time_into(const date_time_value& v, std::chrono::sys_time<D>& out) {
  if (!v.has_date || !v.has_time)
    return fail(std::string(date_time_kind(v)) + "; this field is an offset date-time",
                "write a date, a time and an offset: 2024-06-17T20:30:46Z");
  if (!v.has_offset)
    return fail("a local date-time: without an offset it names no single point in time",
                "write its offset from UTC: 2024-06-17T20:30:46Z or 2024-06-17T20:30:46+02:00");
  if (conversion c = check_date_time(v); !c) return c;
  D since_epoch{};
  if (conversion c = nanoseconds_into(local_nanoseconds(v) - wide_int{v.offset_minutes} * 60 * 1'000'000'000, since_epoch);
      !c)
    return c;
  out = std::chrono::sys_time<D>(since_epoch);
  return {};
}

template <class D>
conversion date_time_into(const date_time_value& v, std::chrono::local_time<D>& out) {
  if (!v.has_date || !v.has_time || v.has_offset)
    return fail(std::string(date_time_kind(v)) + "; this field is a local date-time",
                v.has_offset ? "write it without an offset (2024-06-17T20:30:46), or declare the field as "
                               "std::chrono::sys_time to keep the offset"
                             : "write a date and a time: 2024-06-17T20:30:46");
  if (conversion c = check_date_time(v); !c) return c;
  D since_epoch{};
  if (conversion c = nanoseconds_into(local_nanoseconds(v), since_epoch); !c) return c;
  out = std::chrono::local_time<D>(since_epoch);
  return {};
}

inline conversion date_time_into(const date_time_value& v, std::chrono::year_month_day& out) {
  if (!v.has_date || v.has_time)
    return fail(std::string(date_time_kind(v)) + "; this field is a date",
                "write a date alone: 2024-06-17");
  if (conversion c = check_date_time(v); !c) return c;
  out = std::chrono::year_month_day{std::chrono::year(v.year), std::chrono::month(v.month), std::chrono::day(v.day)};
  return {};
}

template <class T>
  requires is_date_time<T>
conversion parse_text(std::string_view text, T& out) {
  date_time_value v;
  if (conversion c = parse_date_time(text, v); !c) return c;
  return date_time_into(v, out);
}

// --- writing ----------------------------------------------------------------

inline void append_digits(std::string& out, long long n, int width) {
  std::string d = std::to_string(n < 0 ? -n : n);
  if (n < 0) out += '-';
  for (int i = static_cast<int>(d.size()); i < width; ++i) out += '0';
  out += d;
}

inline void append_date(std::string& out, const std::chrono::year_month_day& ymd) {
  append_digits(out, static_cast<int>(ymd.year()), 4);
  out += '-';
  append_digits(out, static_cast<unsigned>(ymd.month()), 2);
  out += '-';
  append_digits(out, static_cast<unsigned>(ymd.day()), 2);
}

/// `T20:30:46`, then the fraction of a second, if any, in as few digits as are exact (`.25`).
inline void append_time(std::string& out, std::chrono::nanoseconds within_day) {
  const long long ns = within_day.count();
  const long long seconds = ns / 1'000'000'000;
  out += 'T';
  append_digits(out, seconds / 3600, 2);
  out += ':';
  append_digits(out, seconds / 60 % 60, 2);
  out += ':';
  append_digits(out, seconds % 60, 2);
  long long fraction = ns % 1'000'000'000;
  if (fraction == 0) return;
  int digits = 9;
  while (fraction % 10 == 0) fraction /= 10, --digits;
  out += '.';
  append_digits(out, fraction, digits);
}

/// RFC 3339 text, as TOML writes it unquoted: "2024-06-17T20:30:46Z".
template <class Clock, class D>
std::string format_date_time(std::chrono::time_point<Clock, D> t) {
  using namespace std::chrono;
  // The day first, in the field's unit: nanoseconds since 1970 overflow
  // 64 bits before the year 1678 (gitlab-runner writes 0001-01-01).
  const auto day = floor<days>(t);
  std::string out;
  append_date(out, year_month_day(sys_days(day.time_since_epoch())));
  append_time(out, duration_cast<nanoseconds>(t - day));
  if constexpr (std::is_same_v<Clock, system_clock>) out += 'Z';
  return out;
}

inline std::string format_date_time(const std::chrono::year_month_day& ymd) {
  std::string out;
  append_date(out, ymd);
  return out;
}

}  // namespace strata::detail
