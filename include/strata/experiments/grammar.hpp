// strata/experiments/grammar.hpp: the sweep overrides' grammar (Hydra's,
// plus zipped axes): `key=a,b,c`, `key=range(start,stop[,step])`,
// `key=choice(a,b)`, `key=glob(pattern)`, quoted values holding commas, and
// `zip(k1=a,b; k2=c,d)`. Text in, axes of override settings out; nothing
// here knows the configuration type (sweep.hpp checks the values).
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <fnmatch.h>

#include <strata/detail/message.hpp>

namespace strata {

/// A sweep that cannot be planned: a malformed axis, a value its field
/// refuses, too many jobs... Its message names keys and settings, never a
/// secret's value.
class sweep_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What a sweep may do.
struct sweep_options {
  std::size_t max_jobs = 10'000;  ///< more jobs than this: sweep_error
};

}  // namespace strata

namespace strata::detail {

/// One axis of a sweep: one key (or several, zipped), each point a list of
/// `key=value` settings.
struct sweep_axis {
  std::string spec;               ///< as written
  std::vector<std::string> keys;  ///< one, or a zip's keys
  std::vector<std::vector<std::string>> points;  ///< points[i]: one `key=value` per key
};

/// How a message names a malformed spec: by its key alone (`sweep 'token=…'`).
/// The grammar does not know the schema, and the key may be a secret's, so
/// no message echoes the values; the user has the spec they passed.
inline std::string spec_named(std::string_view spec) {
  if (spec.find('=') == std::string_view::npos) return "sweep (a spec without '=', not shown)";
  return "sweep '" + setting_without_value(spec) + "'";
}

inline std::string_view trim_sweep(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Splits at `sep` outside quotes and brackets: `"a,b",[1,2],c` is three.
inline std::vector<std::string_view> split_outside(std::string_view text, char sep, std::string_view spec) {
  std::vector<std::string_view> parts;
  int depth = 0;
  char quote = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      if (c == '\\' && quote == '"') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    } else if (c == sep && depth == 0) {
      parts.push_back(trim_sweep(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  if (quote || depth != 0) throw sweep_error(spec_named(spec) + ": unbalanced quotes or brackets");
  parts.push_back(trim_sweep(text.substr(start)));
  return parts;
}

/// `name(args)` -> args, when `text` is a call of `name`.
inline bool call_of(std::string_view text, std::string_view name, std::string_view& args) {
  if (text.size() < name.size() + 2 || text.substr(0, name.size()) != name || text[name.size()] != '(' ||
      text.back() != ')')
    return false;
  args = text.substr(name.size() + 1, text.size() - name.size() - 2);
  return true;
}

template <class N>
bool parse_number(std::string_view text, N& out) {
  const char* end = text.data() + text.size();
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto r = std::from_chars(text.data(), end, out);
  return r.ec == std::errc{} && r.ptr == end;
}

inline std::string shortest(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

/// `range(start, stop[, step])`: stop exclusive, integers when every bound
/// is one, else floats.
inline std::vector<std::string> expand_range(std::string_view args, std::string_view spec, std::size_t max_jobs) {
  const auto fail = [&](std::string_view why) { throw sweep_error(spec_named(spec) + ": " + std::string(why)); };
  const std::vector<std::string_view> a = split_outside(args, ',', spec);
  if (a.size() < 2 || a.size() > 3) fail("range takes (start, stop) or (start, stop, step)");
  std::vector<std::string> out;
  std::int64_t i0 = 0, i1 = 0, is = 1;
  if (parse_number(a[0], i0) && parse_number(a[1], i1) && (a.size() < 3 || parse_number(a[2], is))) {
    if (is == 0) fail("range step is zero");
    if ((i1 > i0 && is < 0) || (i1 < i0 && is > 0)) fail("range step has the wrong sign: it never reaches stop");
    for (std::int64_t v = i0; is > 0 ? v < i1 : v > i1; v += is) {
      if (out.size() >= max_jobs) fail("range has more values than the job limit");
      out.push_back(std::to_string(v));
    }
    return out;
  }
  double f0 = 0, f1 = 0, fs = 1;
  if (!parse_number(a[0], f0) || !parse_number(a[1], f1) || (a.size() == 3 && !parse_number(a[2], fs)) ||
      !std::isfinite(f0) || !std::isfinite(f1) || !std::isfinite(fs))
    fail("range bounds and step must be numbers");
  if (fs == 0) fail("range step is zero");
  if ((f1 > f0 && fs < 0) || (f1 < f0 && fs > 0)) fail("range step has the wrong sign: it never reaches stop");
  // start + i*step (no accumulated rounding); a value within 1e-9 steps of stop is stop, excluded
  const double n = std::ceil((f1 - f0) / fs - 1e-9);
  if (n > static_cast<double>(max_jobs)) fail("range has more values than the job limit");
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) out.push_back(shortest(f0 + static_cast<double>(i) * fs));
  return out;
}

/// The values of one key: a list, range(...), choice(...) or glob(...).
/// `group_files(key)` lists the files of the group `key` (for glob).
inline std::vector<std::string> axis_values(std::string_view key, std::string_view text, std::string_view spec,
                                            const std::function<std::vector<std::string>(std::string_view)>& group_files,
                                            std::size_t max_jobs) {
  std::string_view args;
  std::vector<std::string> out;
  if (call_of(text, "range", args)) {
    out = expand_range(args, spec, max_jobs);
  } else if (call_of(text, "glob", args)) {
    const std::vector<std::string> files = group_files(key);
    const std::string pattern(trim_sweep(args));
    for (const std::string& f : files)
      if (::fnmatch(pattern.c_str(), f.c_str(), 0) == 0) out.push_back(f);
    if (out.empty()) {
      std::string listed;
      for (const std::string& f : files) listed += (listed.empty() ? "'" : ", '") + f + "'";
      // with no such group the key may be a field's, a secret's: the pattern is not shown
      throw sweep_error(spec_named(spec) + (files.empty() ? std::string(": glob(…)") : ": glob(" + pattern + ")") +
                        " matches no file of the group '" + std::string(key) + "'" +
                        (files.empty() ? " (no such group in the composition)" : " (its files: " + listed + ")"));
    }
  } else {
    if (call_of(text, "choice", args)) text = args;
    if (!trim_sweep(text).empty())
      for (std::string_view v : split_outside(text, ',', spec)) {
        if (v.empty()) throw sweep_error(spec_named(spec) + ": an empty value between commas");
        out.emplace_back(v);
      }
  }
  if (out.empty()) throw sweep_error(spec_named(spec) + ": the axis has no values");
  return out;
}

/// One sweep override: `key=values` or `zip(k1=values; k2=values)`.
inline sweep_axis parse_axis(std::string_view spec,
                             const std::function<std::vector<std::string>(std::string_view)>& group_files,
                             std::size_t max_jobs) {
  sweep_axis axis;
  axis.spec = std::string(spec);
  std::string_view body = trim_sweep(spec);
  std::vector<std::string_view> parts{body};
  if (std::string_view inner; call_of(body, "zip", inner)) parts = split_outside(inner, ';', spec);
  std::vector<std::vector<std::string>> columns;
  for (std::string_view part : parts) {
    const std::size_t eq = part.find('=');
    if (eq == std::string_view::npos || trim_sweep(part.substr(0, eq)).empty())
      throw sweep_error(spec_named(spec) + ": expected key=values, for example lr=0.1,0.01");
    const std::string_view key = trim_sweep(part.substr(0, eq));
    for (const std::string& k : axis.keys)
      if (k == key) throw sweep_error(spec_named(spec) + ": '" + k + "' is zipped with itself");
    axis.keys.emplace_back(key);
    columns.push_back(axis_values(key, trim_sweep(part.substr(eq + 1)), spec, group_files, max_jobs));
  }
  for (std::size_t k = 1; k < columns.size(); ++k)
    if (columns[k].size() != columns[0].size())
      throw sweep_error(spec_named(spec) + ": zipped axes have different lengths ('" + axis.keys[0] +
                        "' has " + std::to_string(columns[0].size()) + " values, '" + axis.keys[k] + "' has " +
                        std::to_string(columns[k].size()) + ")");
  for (std::size_t i = 0; i < columns[0].size(); ++i) {
    std::vector<std::string>& point = axis.points.emplace_back();
    for (std::size_t k = 0; k < columns.size(); ++k) point.push_back(axis.keys[k] + "=" + columns[k][i]);
  }
  return axis;
}

}  // namespace strata::detail
