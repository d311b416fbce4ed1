// strata/schema/keys.hpp: each member's key, as files spell it: its
// `key<"...">` annotation, else its C++ name spelled by the struct's naming
// policy (`.keys` in STRATA_CONFIGURED). Computed once per struct, at
// compile time, into one array of characters (spelled_names_v).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <boost/mp11/algorithm.hpp>

#include <strata/declare/annotations.hpp>
#include <strata/declare/configured.hpp>
#include <strata/schema/naming.hpp>
#include <strata/schema/traits.hpp>

namespace strata::detail {

/// The `key<"...">` annotation of a field, or void.
template <class L>
struct find_key {
  using type = void;
};
template <template <class...> class L, class A, class... R>
struct find_key<L<A, R...>> {
  using type = std::conditional_t<requires { A::spelling; }, A, typename find_key<L<R...>>::type>;
};

/// The type of member D of T, as declared (annotated or not).
template <class T, class D>
using member_type = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;

/// Calls `out(c)` for each character of the key of member D of T.
template <class T, class D, class Out>
constexpr void spell_member_key(Out&& out) {
  using explicit_key = typename find_key<annotations_of<member_type<T, D>>>::type;
  if constexpr (!std::is_void_v<explicit_key>) {
    for (char c : explicit_key::spelling) out(c);
  } else {
    spell(key_of(D::name), options_of<T>().keys, out);
  }
}

template <class T>
struct member_key_spelling {
  using items = members_of<T>;
  template <class D, class Out>
  static constexpr void spell(D, Out&& out) {
    spell_member_key<T, D>(out);
  }
};

/// T's keys in member order.
template <class T>
inline constexpr auto member_keys_v = spelled_names_v<member_key_spelling<T>>;

/// The C++ names (trailing '_' dropped) in member order: env names derive from them.
template <class T>
constexpr auto make_member_names() {
  std::array<std::string_view, boost::mp11::mp_size<members_of<T>>::value> out{};
  std::size_t i = 0;
  boost::mp11::mp_for_each<members_of<T>>([&](auto d) { out[i++] = key_of(d.name); });
  return out;
}

template <class T>
inline constexpr auto member_names_v = make_member_names<T>();

/// Calls `f(descriptor, key)` for each described member of T, with the key
/// files spell it with.
template <class T, class F>
constexpr void for_each_field(F&& f) {
  std::size_t i = 0;
  boost::mp11::mp_for_each<members_of<T>>([&](auto d) { f(d, member_keys_v<T>[i++]); });
}

}  // namespace strata::detail
