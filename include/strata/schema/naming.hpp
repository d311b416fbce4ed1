// strata/schema/naming.hpp: a C++ name spelled by a naming policy
// (`rust_version` -> "rust-version", "rustVersion", "RustVersion"), at
// compile time, for struct keys and enumerators.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <boost/mp11/algorithm.hpp>

#include <strata/declare/naming.hpp>

namespace strata::detail {

constexpr bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
constexpr char ascii_lower(char c) { return is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char ascii_upper(char c) { return is_ascii_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

/// Whether a new word starts at `name[i]`: after a `_`, at a lower-to-upper
/// change (`maxSize`), or at the last capital of an acronym followed by a
/// lower-case letter (`HTTPServer`: "HTTP", "Server").
constexpr bool starts_word(std::string_view name, std::size_t i) {
  if (i == 0 || name[i] == '_') return false;
  const char before = name[i - 1], c = name[i];
  if (before == '_') return true;
  if (!is_ascii_upper(c)) return false;
  if (is_ascii_lower(before) || is_ascii_digit(before)) return true;
  return is_ascii_upper(before) && i + 1 < name.size() && is_ascii_lower(name[i + 1]);
}

/// Calls `out(c)` for each character of `name` spelled by `policy`.
/// `as_declared` copies; the others rebuild the name from its words.
template <class Out>
constexpr void spell(std::string_view name, naming policy, Out&& out) {
  if (policy == naming::as_declared) {
    for (char c : name) out(c);
    return;
  }
  bool first_word = true, word_start = true;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '_') {
      word_start = true;
      continue;
    }
    if (starts_word(name, i)) word_start = true;
    if (word_start && !first_word && policy == naming::kebab_case) out('-');
    if (word_start) {
      const bool capital = policy == naming::pascal_case || (policy == naming::camel_case && !first_word);
      out(capital ? ascii_upper(c) : ascii_lower(c));
    } else {
      out(ascii_lower(c));
    }
    first_word = false;
    word_start = false;
  }
}

/// The length of `name` spelled by `policy`.
constexpr std::size_t spelled_size(std::string_view name, naming policy) {
  std::size_t n = 0;
  spell(name, policy, [&](char) { ++n; });
  return n;
}

/// Names spelled at compile time, for a list of descriptors: `S::items` is
/// the mp11 list, `S::spell(d, out)` calls `out(c)` for each character of
/// d's name. All of them are kept in one array of characters
/// (spelled_characters_v<S>), and spelled_names_v<S> views them in order.
template <class S>
constexpr std::size_t spelled_characters() {
  std::size_t n = 0;
  boost::mp11::mp_for_each<typename S::items>([&](auto d) { S::spell(d, [&](char) { ++n; }); });
  return n;
}

template <class S>
constexpr auto make_spelled_characters() {
  std::array<char, spelled_characters<S>() + 1> out{};
  std::size_t n = 0;
  boost::mp11::mp_for_each<typename S::items>([&](auto d) { S::spell(d, [&](char c) { out[n++] = c; }); });
  return out;
}

template <class S>
inline constexpr auto spelled_characters_v = make_spelled_characters<S>();

template <class S>
constexpr auto make_spelled_names() {
  std::array<std::string_view, boost::mp11::mp_size<typename S::items>::value> out{};
  std::size_t i = 0, at = 0;
  boost::mp11::mp_for_each<typename S::items>([&](auto d) {
    std::size_t size = 0;
    S::spell(d, [&](char) { ++size; });
    out[i++] = std::string_view(spelled_characters_v<S>.data() + at, size);
    at += size;
  });
  return out;
}

template <class S>
inline constexpr auto spelled_names_v = make_spelled_names<S>();

}  // namespace strata::detail
