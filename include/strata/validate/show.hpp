// strata/validate/show.hpp: values as they appear in messages and dumps.
#pragma once

#include <charconv>
#include <string>
#include <string_view>
#include <type_traits>

#include <strata/decode/text.hpp>
#include <strata/declare/fixed_string.hpp>

namespace strata::detail {

/// Numbers in their shortest round-trip form: 5, 72.5, 1e+20.
template <class N>
std::string show_number(N n) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, n);
  return ec == std::errc{} ? std::string(buffer, end) : std::string("?");
}

inline std::string in_quotes(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  out += text;
  out += '\'';
  return out;
}

template <class V>
std::string show(const V& v) {
  if constexpr (std::is_same_v<V, bool>) return v ? "true" : "false";
  else if constexpr (std::is_same_v<V, char>) return std::string(1, v);
  else if constexpr (std::is_arithmetic_v<V>) return show_number(v);
  else if constexpr (std::is_same_v<V, std::string> || std::is_same_v<V, std::string_view>) return in_quotes(v);
  else if constexpr (std::is_same_v<V, std::filesystem::path>) return in_quotes(v.string());
  else if constexpr (is_described_enum<V>) return in_quotes(enum_name(v));
  else if constexpr (is_duration<V>) return format_duration(v);
  else if constexpr (has_codec<V>) return in_quotes(std::string(codec<V>::format(v)));
  else if constexpr (requires { v.view(); }) return in_quotes(v.view());
  else return "value";
}

}  // namespace strata::detail
