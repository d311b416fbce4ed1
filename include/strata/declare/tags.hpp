// strata/declare/tags.hpp: the tag that selects a variant alternative: the
// struct's own `static constexpr std::string_view tag`, or its name in
// snake_case (`Postgres` -> "postgres", `HttpSink` -> "http_sink").
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace strata::detail {

/// The compiler's spelling of T, taken from __PRETTY_FUNCTION__ (g++ writes
/// "[with T = app::Postgres; ...]", clang "[T = app::Postgres]").
template <class T>
constexpr std::string_view qualified_type_name() {
  constexpr std::string_view pretty = __PRETTY_FUNCTION__;
  constexpr std::size_t start = pretty.find("T = ") + 4;
  constexpr std::size_t end = pretty.find_first_of(";]", start);
  return pretty.substr(start, end - start);
}

/// "app::Postgres" -> "Postgres"; template arguments are dropped.
template <class T>
constexpr std::string_view type_name() {
  std::string_view name = qualified_type_name<T>();
  name = name.substr(0, name.find('<'));
  const std::size_t colon = name.rfind("::");
  return colon == std::string_view::npos ? name : name.substr(colon + 2);
}

struct tag_buffer {
  char chars[96]{};
  std::size_t length = 0;
  constexpr std::string_view view() const { return {chars, length}; }
};

constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/// CamelCase to snake_case; an acronym stays one word ("HTTPServer" -> "http_server").
constexpr tag_buffer snake_case(std::string_view name) {
  tag_buffer out;
  for (std::size_t i = 0; i < name.size() && out.length + 2 < sizeof(out.chars); ++i) {
    const char c = name[i];
    if (is_upper(c)) {
      const bool after_word = i > 0 && is_lower_or_digit(name[i - 1]);
      const bool acronym_end = i > 0 && is_upper(name[i - 1]) && i + 1 < name.size() && is_lower_or_digit(name[i + 1]);
      if ((after_word || acronym_end) && out.length > 0 && out.chars[out.length - 1] != '_') out.chars[out.length++] = '_';
      out.chars[out.length++] = static_cast<char>(c - 'A' + 'a');
    } else {
      out.chars[out.length++] = c;
    }
  }
  return out;
}

template <class T>
inline constexpr tag_buffer default_tag = snake_case(type_name<T>());

/// Whether T sets its own tag: a static member `tag` (a data member named
/// `tag`, such as a Cargo dependency's git tag, is a field like any other).
template <class T>
concept has_own_tag =
    requires { std::string_view(T::tag); } && !std::is_member_object_pointer_v<decltype(&T::tag)>;

/// The tag of variant alternative T.
template <class T>
constexpr std::string_view tag_of() {
  if constexpr (has_own_tag<T>) return std::string_view(T::tag);
  else return default_tag<T>.view();
}

/// The tags of a variant's alternatives, in order.
template <class V>
struct variant_tags;
template <class... A>
struct variant_tags<std::variant<A...>> {
  static constexpr std::array<std::string_view, sizeof...(A)> value{tag_of<A>()...};
};

/// The index of the alternative with `tag`, or the variant's size when none has it.
// A loop rather than std::find: this header is part of the declaration
// header, where <algorithm> alone would cost ~40 ms per translation unit.
template <class V>
constexpr std::size_t index_of_tag(std::string_view tag) {
  const auto& tags = variant_tags<V>::value;
  std::size_t i = 0;
  while (i < tags.size() && tags[i] != tag) ++i;
  return i;
}

// One maker per alternative, picked by index: mp_with_index without
// <boost/mp11/algorithm.hpp> in every translation unit that declares.
template <class V, std::size_t... I>
constexpr V make_alternative(std::size_t index, std::index_sequence<I...>) {
  constexpr V (*makers[])() = {[] { return V(std::in_place_index<I>); }...};
  return makers[index]();
}

/// A variant holding the default-constructed alternative `index` (< its size).
template <class V>
constexpr V make_alternative(std::size_t index) {
  return make_alternative<V>(index, std::make_index_sequence<std::variant_size_v<V>>{});
}

/// Makes `v` hold alternative `index`, default-constructed unless it already does.
template <class V>
void select_alternative(V& v, std::size_t index) {
  if (v.index() != index) v = make_alternative<V>(index);
}

}  // namespace strata::detail
