// benchmarks/handwritten/text.hpp: text to value, as a careful hand-written
// loader converts environment variables and interpolated strings: the
// hand-written baselines of issue 9 (musicgen_loader.hpp, env100_plain.hpp)
// share it. std only. Each function returns an empty string_view on success,
// else what the text is not ("not an integer").
#pragma once

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace handwritten {

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

/// true/false, 1/0, yes/no, on/off, ignoring case.
inline std::string_view from_text(std::string_view text, bool& out) {
  const std::string_view t = trim(text);
  if (iequals(t, "true") || t == "1" || iequals(t, "yes") || iequals(t, "on")) return out = true, std::string_view{};
  if (iequals(t, "false") || t == "0" || iequals(t, "no") || iequals(t, "off")) return out = false, std::string_view{};
  return "not a boolean (use true/false, yes/no, on/off or 1/0)";
}

/// A decimal integer that fits an int; never wraps.
inline std::string_view from_text(std::string_view text, int& out) {
  std::string_view t = trim(text);
  if (t.size() > 1 && t.front() == '+' && t[1] != '-') t.remove_prefix(1);
  std::int64_t wide = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), wide);
  if (ec == std::errc::result_out_of_range) return "out of range for int [-2147483648, 2147483647]";
  if (t.empty() || ec != std::errc{} || end != t.data() + t.size()) return "not an integer";
  if (!std::in_range<int>(wide)) return "out of range for int [-2147483648, 2147483647]";
  out = static_cast<int>(wide);
  return {};
}

inline std::string_view from_text(std::string_view text, double& out) {
  std::string_view t = trim(text);
  if (t.size() > 1 && t.front() == '+' && t[1] != '-') t.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec == std::errc::result_out_of_range) return "out of range for a double";
  if (t.empty() || ec != std::errc{} || end != t.data() + t.size()) return "not a number";
  out = value;
  return {};
}

inline std::string_view from_text(std::string_view text, std::string& out) {
  out.assign(text);
  return {};
}

inline std::string_view from_text(std::string_view text, std::filesystem::path& out) {
  out.assign(text);
  return {};
}

/// 5 and 72.5, not 5.000000 and 72.500000 (shortest round-trip form).
inline std::string show(double x) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, ec == std::errc{} ? end : buffer);
}
inline std::string show(int x) { return std::to_string(x); }

}  // namespace handwritten
