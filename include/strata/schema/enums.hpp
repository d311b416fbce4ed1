// strata/schema/enums.hpp: names of described enumerators, as keys: a
// trailing '_' is dropped (`auto_` -> "auto"); matching ignores case.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <strata/schema/traits.hpp>

namespace strata::detail {

template <class E>
constexpr auto enum_names() {
  using list = boost::describe::describe_enumerators<E>;
  std::array<std::string_view, boost::mp11::mp_size<list>::value> names{};
  std::size_t i = 0;
  boost::mp11::mp_for_each<list>([&](auto d) { names[i++] = key_of(d.name); });
  return names;
}

constexpr bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

template <class E>
constexpr std::optional<E> enum_from_name(std::string_view text) {
  std::optional<E> found;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (!found && iequals(key_of(d.name), text)) found = d.value;
  });
  return found;
}

template <class E>
constexpr std::string_view enum_name(E value) {
  std::string_view name;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (name.empty() && d.value == value) name = key_of(d.name);
  });
  return name;
}

}  // namespace strata::detail
