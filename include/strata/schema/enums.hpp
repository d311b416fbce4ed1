// strata/schema/enums.hpp: how described enumerators are spelled in files:
// STRATA_ENUM's explicit names, else the enum's naming policy applied to
// the C++ name (trailing '_' dropped: `auto_` -> "auto"). Matching prefers
// the exact spelling and falls back to the one spelling that differs only
// in case ("Info" reads `info`; with both `m` and `M`, "M" reads `M`).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <strata/declare/enum_spelling.hpp>
#include <strata/schema/naming.hpp>
#include <strata/schema/traits.hpp>

namespace strata::detail {

template <class E>
using enumerators_of = boost::describe::describe_enumerators<E>;

/// What STRATA_ENUM declared for E (found by argument-dependent lookup).
template <class E>
inline constexpr auto spelling_of_v = strata_enum_spelling(static_cast<const E*>(nullptr));

/// Calls `out(c)` for each character of the spelling of enumerator `value`
/// named `name` in C++.
template <class E, class Out>
constexpr void spell_enumerator(E value, std::string_view name, Out&& out) {
  constexpr const auto& declared = spelling_of_v<E>;
  if constexpr (std::is_same_v<std::remove_cvref_t<decltype(declared.names[0])>, enumerator_spelling<E>>) {
    for (std::size_t i = 0; i < declared.count; ++i) {
      if (declared.names[i].value == value) {
        for (char c : declared.names[i].text) out(c);
        return;
      }
    }
    spell(key_of(name), declared.policy, out);
  } else {
    spell(key_of(name), naming::as_declared, out);
  }
}

template <class E>
struct enumerator_spelling_of {
  using items = enumerators_of<E>;
  template <class D, class Out>
  static constexpr void spell(D d, Out&& out) {
    spell_enumerator<E>(d.value, d.name, out);
  }
};

/// E's spellings, in the order BOOST_DESCRIBE_ENUM lists the enumerators.
template <class E>
inline constexpr auto enum_names_v = spelled_names_v<enumerator_spelling_of<E>>;

template <class E>
constexpr auto make_enum_values() {
  std::array<E, boost::mp11::mp_size<enumerators_of<E>>::value> values{};
  std::size_t i = 0;
  boost::mp11::mp_for_each<enumerators_of<E>>([&](auto d) { values[i++] = d.value; });
  return values;
}

template <class E>
inline constexpr auto enum_values_v = make_enum_values<E>();

template <class E>
constexpr const auto& enum_names() {
  return enum_names_v<E>;
}

constexpr bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

/// How `text` matched a list of names.
struct name_match {
  static constexpr std::size_t none = ~std::size_t{0};
  std::size_t index = none;     ///< the name matched, or none
  std::size_t other = none;     ///< with index: a second name `text` matches but for case (ambiguous)
  constexpr bool found() const { return index != none && other == none; }
};

/// The exact name, else the only one equal but for case.
constexpr name_match match_name(std::span<const std::string_view> names, std::string_view text) {
  name_match m;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return {i, name_match::none};
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!iequals(names[i], text)) continue;
    if (m.index == name_match::none) m.index = i;
    else if (m.other == name_match::none) m.other = i;
  }
  return m;
}

template <class E>
constexpr std::optional<E> enum_from_name(std::string_view text) {
  const name_match m = match_name(enum_names_v<E>, text);
  if (!m.found()) return std::nullopt;
  return enum_values_v<E>[m.index];
}

/// The spelling of `value` ("" for a value no enumerator has).
template <class E>
constexpr std::string_view enum_name(E value) {
  for (std::size_t i = 0; i < enum_values_v<E>.size(); ++i)
    if (enum_values_v<E>[i] == value) return enum_names_v<E>[i];
  return {};
}

}  // namespace strata::detail
