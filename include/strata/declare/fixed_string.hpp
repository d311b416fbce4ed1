// strata/declare/fixed_string.hpp: compile-time strings and constants usable
// as template arguments (`doc<"listen port">`, `value<"sqlite">`, `value<60>`).
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>

namespace strata {

/// A string literal captured as a structural value, so it can be a template
/// argument. `N` counts the terminating zero.
template <std::size_t N>
struct fixed_string {
  char data[N]{};

  constexpr fixed_string() = default;
  constexpr fixed_string(const char (&text)[N]) {
    for (std::size_t i = 0; i < N; ++i) data[i] = text[i];
  }
  /// The first `N - 1` characters of a zero-terminated string (Describe names).
  static constexpr fixed_string from(const char* text) {
    fixed_string s;
    // The terminator is written first so clang stores every element and its
    // diagnostics print the string ("port"), not a list of character codes.
    s.data[N - 1] = '\0';
    for (std::size_t i = 0; i + 1 < N; ++i) s.data[i] = text[i];
    return s;
  }

  static constexpr std::size_t size() { return N - 1; }
  constexpr std::string_view view() const { return {data, N - 1}; }
  constexpr operator std::string_view() const { return view(); }
};

namespace detail {

/// A template argument that is a number, a bool, an enumerator or a string
/// literal. Class-template argument deduction picks the payload type, so
/// `value<60>`, `value<0.5>`, `value<Device::cpu>` and `value<"sqlite">` all work.
template <class T>
struct constant {
  T payload;
  constexpr constant(T v) : payload(v) {}
  constexpr T get() const { return payload; }
};

template <std::size_t N>
struct constant<fixed_string<N>> {
  fixed_string<N> payload;
  constexpr constant(const char (&text)[N]) : payload(text) {}
  constexpr std::string_view get() const { return payload.view(); }
};

template <std::size_t N>
constant(const char (&)[N]) -> constant<fixed_string<N>>;

template <class C>
inline constexpr bool is_string_constant = false;
template <std::size_t N>
inline constexpr bool is_string_constant<constant<fixed_string<N>>> = true;

}  // namespace detail
}  // namespace strata
