// strata/schema/check_keys.hpp: the compile-time checks of how a schema
// meets real files: keys (two members with one key), enumerator spellings
// (two with one name) and shape-selected variants (two alternatives read
// from the same TOML shape). Each computes its problem as a type
// (schema/problems.hpp) for check_schema<T>() to report.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <boost/mp11/algorithm.hpp>

#include <strata/declare/fixed_string.hpp>
#include <strata/detail/compile_error.hpp>
#include <strata/schema/enums.hpp>
#include <strata/schema/keys.hpp>
#include <strata/schema/problems.hpp>
#include <strata/schema/shape.hpp>
#include <strata/schema/traits.hpp>

namespace strata::detail {

struct index_pair {
  bool found = false;
  std::size_t first = 0, second = 0;
};

/// The first two equal entries of a list, if any.
template <class E, std::size_t N>
constexpr index_pair first_duplicate(const std::array<E, N>& names) {
  for (std::size_t j = 1; j < N; ++j)
    for (std::size_t i = 0; i < j; ++i)
      if (names[i] == names[j]) return {true, i, j};
  return {};
}

// --- keys ---------------------------------------------------------------------

template <class T>
inline constexpr index_pair key_duplicate_v = first_duplicate(member_keys_v<T>);

/// Two members of T with one key in files.
template <class T>
constexpr auto key_problem() {
  constexpr index_pair clash = key_duplicate_v<T>;
  if constexpr (clash.found) {
    constexpr std::string_view first = member_names_v<T>[clash.first], second = member_names_v<T>[clash.second],
                               key = member_keys_v<T>[clash.first];
    return std::type_identity<
        two_fields_have_the_same_key<T, exact<first.size()>(first), exact<second.size()>(second), exact<key.size()>(key)>>{};
  } else {
    return std::type_identity<void>{};
  }
}

// --- enumerators ----------------------------------------------------------------

template <class E>
inline constexpr index_pair enum_duplicate_v = first_duplicate(enum_names_v<E>);

/// Two enumerators of E (with different values) spelled the same in files.
template <class E>
constexpr auto enum_problem() {
  constexpr index_pair clash = enum_duplicate_v<E>;
  if constexpr (clash.found && enum_values_v<E>[clash.first] != enum_values_v<E>[clash.second]) {
    constexpr std::string_view name = enum_names_v<E>[clash.first];
    return std::type_identity<two_enumerators_have_the_same_name<E, exact<name.size()>(name)>>{};
  } else {
    return std::type_identity<void>{};
  }
}

// --- shape-selected variants ----------------------------------------------------

/// The TOML shape an alternative is read from.
template <class A>
constexpr value_shape alternative_shape() {
  return value_shape_of(*shape_of<A>);
}

template <class... A>
constexpr index_pair same_shape(std::variant<A...>*) {
  return first_duplicate(std::array<value_shape, sizeof...(A)>{alternative_shape<A>()...});
}

template <class V>
constexpr bool alternatives_allowed(V*) {
  return false;
}
/// An alternative is neither optional nor itself a variant.
template <class... A>
constexpr bool alternatives_allowed(std::variant<A...>*) {
  return ((!is_optional<value_type_of<A>> && !is_variant<value_type_of<A>>) && ...);
}

/// Whether the variant V (without discriminator) can tell its alternatives apart.
template <class V>
constexpr bool shapes_distinct() {
  return alternatives_allowed(static_cast<V*>(nullptr)) && !same_shape(static_cast<V*>(nullptr)).found;
}

template <class Struct, fixed_string Field, class... A>
constexpr auto disallowed_alternative(std::variant<A...>*) {
  return std::type_identity<first_problem_t<
      std::conditional_t<is_optional<value_type_of<A>> || is_variant<value_type_of<A>>,
                         variant_alternative_cannot_be_optional_or_a_variant<Struct, Field, value_type_of<A>>,
                         void>...>>{};
}

/// Why the variant V (held by field `Field` of `Struct`, through
/// optional/list/map) cannot be chosen by shape.
template <class Struct, fixed_string Field, class V>
constexpr auto variant_shape_problem() {
  if constexpr (is_optional<V> || is_vector<V>) {
    return variant_shape_problem<Struct, Field, typename V::value_type>();
  } else if constexpr (is_map<V>) {
    return variant_shape_problem<Struct, Field, typename V::mapped_type>();
  } else if constexpr (!is_variant<V> || shapes_distinct<V>()) {
    return std::type_identity<void>{};
  } else if constexpr (!alternatives_allowed(static_cast<V*>(nullptr))) {
    return disallowed_alternative<Struct, Field>(static_cast<V*>(nullptr));
  } else {
    constexpr index_pair clash = same_shape(static_cast<V*>(nullptr));
    using first = std::variant_alternative_t<clash.first, V>;
    using second = std::variant_alternative_t<clash.second, V>;
    if constexpr (is_described_struct<first> && is_described_struct<second>)
      return std::type_identity<
          variant_alternatives_read_the_same_toml_shape<Struct, Field, first, second, "add strata::discriminator<\"key\">">>{};
    else
      return std::type_identity<
          variant_alternatives_read_the_same_toml_shape<Struct, Field, first, second, "one alternative per TOML shape">>{};
  }
}

}  // namespace strata::detail
