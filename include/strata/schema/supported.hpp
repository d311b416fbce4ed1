// strata/schema/supported.hpp: which field types strata reads, and for one
// it does not, the part that is not supported and the way out (what
// check_schema<T>() reports as field_type_not_supported).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <variant>
#include <vector>

#include <strata/declare/fixed_string.hpp>
#include <strata/declare/tags.hpp>
#include <strata/schema/traits.hpp>

namespace strata::detail {

template <class V>
struct is_supported_type;

template <class V>
inline constexpr bool is_supported = is_supported_type<V>::value;

template <class V>
struct is_supported_type
    : std::bool_constant<is_scalar<V> || is_described_struct<V> || is_any_table<V>> {};
/// What a list element, map value, shape-selected alternative or optional
/// may hold: a supported type that is not itself optional (TOML has no null,
/// so an empty element could be neither written nor read back).
template <class V>
struct is_supported_inner : is_supported_type<V> {};
template <class V>
struct is_supported_inner<std::optional<V>> : std::false_type {};
template <class V, class... A>
struct is_supported_inner<annotated<V, A...>> : is_supported_inner<V> {};

template <class V>
struct is_supported_type<std::optional<V>> : is_supported_inner<V> {};
template <class V, class A>
struct is_supported_type<std::vector<V, A>> : is_supported_inner<V> {};
template <class V, class C, class A>
struct is_supported_type<std::map<std::string, V, C, A>> : is_supported_inner<V> {};
template <class V, class H, class E, class A>
struct is_supported_type<std::unordered_map<std::string, V, H, E, A>> : is_supported_inner<V> {};
/// A variant of described structs (with a discriminator), or of any
/// supported types (chosen by the value's shape; check_keys.hpp checks
/// that the shapes differ).
template <class... V>
struct is_supported_type<std::variant<V...>>
    : std::bool_constant<(is_described_struct<V> && ...) || (is_supported_inner<V>::value && ...)> {};
template <class V, class... A>  // elements may carry annotations: vector<annotated<string, pattern<...>>>
struct is_supported_type<annotated<V, A...>> : is_supported_type<V> {};

template <class V>
constexpr auto unsupported_part();

/// The first alternative of a variant that is not supported.
template <class A, class... Rest>
constexpr auto unsupported_alternative() {
  if constexpr (!is_supported_inner<A>::value || sizeof...(Rest) == 0) return unsupported_part<A>();
  else return unsupported_alternative<Rest...>();
}
template <class... A>
constexpr auto unsupported_alternative(std::variant<A...>*) {
  return unsupported_alternative<A...>();
}

/// The part of an unsupported type that is not supported
/// (`std::vector<std::set<int>>` -> `std::set<int>`).
template <class V>
constexpr auto unsupported_part() {
  if constexpr (is_optional<V> || is_vector<V> || is_map<V>) {
    using E = typename element_of<V>::type;
    if constexpr (is_optional<value_type_of<E>>) return std::type_identity<E>{};
    else if constexpr (!is_supported<E>) return unsupported_part<E>();
    else return std::type_identity<V>{};
  } else if constexpr (is_variant<V>) {
    return unsupported_alternative(static_cast<V*>(nullptr));
  } else {
    return std::type_identity<V>{};
  }
}

template <class V> inline constexpr bool is_any_map = false;
template <class K, class V, class C, class A> inline constexpr bool is_any_map<std::map<K, V, C, A>> = true;
template <class K, class V, class H, class E, class A>
inline constexpr bool is_any_map<std::unordered_map<K, V, H, E, A>> = true;

/// The way out for an unsupported type.
template <class V>
constexpr auto unsupported_type_hint() {
  if constexpr (is_optional<value_type_of<V>>)  // only reached inside a list, map, variant or optional
    return fixed_string("an element cannot be optional");
  else if constexpr (is_any_map<V>) return fixed_string("map keys must be std::string");
  else if constexpr (std::is_class_v<V> && std::is_aggregate_v<V> && !qualified_type_name<V>().starts_with("std::"))
    return fixed_string("describe it, or specialize codec<T>");
  else return fixed_string("specialize strata::codec<T>");
}

}  // namespace strata::detail
