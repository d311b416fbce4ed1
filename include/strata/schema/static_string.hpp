// strata/schema/static_string.hpp: `static_string<N>`, a string held by value
// so compile-time code can build text (env names, paths in diagnostics).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string_view>

namespace strata {

/// A string of at most `Capacity` characters held by value, so it works in
/// constant expressions and as a template argument.
template <std::size_t Capacity>
struct static_string {
  char chars[Capacity + 1]{};
  std::size_t length = 0;

  constexpr static_string() = default;
  constexpr static_string(std::string_view s) { append(s); }

  constexpr void append(std::string_view s) {
    if (length + s.size() > Capacity) throw std::length_error("strata::static_string: capacity exceeded");
    for (char c : s) chars[length++] = c;
    chars[length] = '\0';
  }
  constexpr void push_back(char c) { append(std::string_view(&c, 1)); }
  constexpr void truncate(std::size_t n) {
    length = n;
    chars[length] = '\0';
  }

  constexpr std::size_t size() const { return length; }
  constexpr bool empty() const { return length == 0; }
  constexpr const char* c_str() const { return chars; }
  constexpr std::string_view view() const { return {chars, length}; }
  constexpr operator std::string_view() const { return view(); }
  friend constexpr bool operator==(const static_string& a, std::string_view b) { return a.view() == b; }
};

}  // namespace strata
