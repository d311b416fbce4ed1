// strata/schema/check.hpp: `check_schema<T>()`, the compile-time check of a
// whole configuration schema. Each failure is a static_assert raised inside
// `field_check<Owner, "field", ...>`, so the compiler's message names the
// struct and the field.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <strata/declare/tags.hpp>
#include <strata/schema/env_names.hpp>
#include <strata/schema/traits.hpp>
#include <strata/validate/constraints.hpp>

namespace strata::detail {

template <class V>
struct is_supported_type;

template <class V>
inline constexpr bool is_supported = is_supported_type<V>::value;

template <class V>
struct is_supported_type
    : std::bool_constant<is_scalar<V> || is_described_struct<V>> {};
template <class V>
struct is_supported_type<std::optional<V>> : is_supported_type<V> {};
template <class V, class A>
struct is_supported_type<std::vector<V, A>> : is_supported_type<V> {};
template <class V, class C, class A>
struct is_supported_type<std::map<std::string, V, C, A>> : is_supported_type<V> {};
template <class V, class H, class E, class A>
struct is_supported_type<std::unordered_map<std::string, V, H, E, A>> : is_supported_type<V> {};
template <class... V>
struct is_supported_type<std::variant<V...>> : std::bool_constant<(is_described_struct<V> && ...)> {};
template <class V, class... A>  // elements may carry annotations: vector<annotated<string, pattern<...>>>
struct is_supported_type<annotated<V, A...>> : is_supported_type<V> {};

/// Whether V is, or holds through optional/list/map, a variant.
template <class V>
constexpr bool holds_variant() {
  if constexpr (is_variant<V>) return true;
  else if constexpr (is_optional<V> || is_vector<V>) return holds_variant<typename V::value_type>();
  else if constexpr (is_map<V>) return holds_variant<typename V::mapped_type>();
  else return false;
}

/// Raised with both alternatives as template arguments, so the message names them.
template <class First, class Second>
constexpr void variant_tag_clash() {
  static_assert(sizeof(First) == 0,
                "strata: two alternatives of a variant have the same tag; give one a "
                "`static constexpr std::string_view tag`");
}

template <class X, class Y>
constexpr void check_tag_pair() {
  if constexpr (tag_of<X>() == tag_of<Y>()) variant_tag_clash<X, Y>();
}

template <class... A>
struct tags_unique {
  static constexpr void check() {}
};
template <class First, class... Rest>
struct tags_unique<First, Rest...> {
  static constexpr void check() {
    (check_tag_pair<First, Rest>(), ...);
    tags_unique<Rest...>::check();
  }
};
template <class... A>
constexpr void check_tags_unique(std::variant<A...>*) {
  tags_unique<A...>::check();
}

/// A pinned constant as the field type sees it (strings as string_view, so
/// the check runs in a constant expression).
template <class V, class Pin>
constexpr auto pinned_as() {
  if constexpr (std::is_same_v<V, std::string>) return std::string_view(Pin::constant);
  else return static_cast<V>(Pin::constant);
}

/// Whether annotation A can judge the pinned constant as P at compile time: a
/// check<> predicate written for `const std::string&` cannot take the
/// string_view (std::string is not usable in constant expressions with
/// clang and libstdc++ 12), so that one pairing is skipped.
template <class A, class P>
constexpr bool judges_pinned() {
  if constexpr (requires { A::predicate; }) return std::is_invocable_r_v<bool, decltype(A::predicate), const P&>;
  else return true;
}

/// Each check as a predicate: field_check asserts it with a message naming
/// the field, field_passes (below) computes it once per field type.
template <class V, class A>
constexpr bool annotation_passes() {
  if constexpr (std::is_same_v<A, required> || std::is_same_v<A, secret>) return true;
  else if constexpr (requires { A::key; }) return holds_variant<V>();
  else return constraint<A>::template applies<V>();
}

template <class V, class Pin, class A>
constexpr bool pinned_passes() {
  using rule = constraint<A>;
  if constexpr (rule::checks && rule::template applies<V>()) {
    using P = decltype(pinned_as<V, Pin>());
    if constexpr (judges_pinned<A, P>()) return rule::template holds<P>(pinned_as<V, Pin>());
  }
  return true;
}

template <class Owner, fixed_string Field, class V, class Pin, class A>
constexpr void check_pinned_against() {
  static_assert(pinned_passes<V, Pin, A>(), "strata: this field's value<> violates one of its own constraints");
}

template <class Owner, fixed_string Field, class V, class A>
constexpr void check_annotation() {
  if constexpr (requires { A::key; }) {
    static_assert(annotation_passes<V, A>(), "strata: discriminator<> applies to std::variant fields only");
  } else {
    static_assert(annotation_passes<V, A>(),
                  "strata: this annotation cannot constrain this field's type "
                  "(bounds need a number or duration, lengths a string or container, "
                  "pattern a string, one_of constants of the field's type)");
  }
}

template <class T>
constexpr bool check_struct();

template <class Owner, fixed_string Field, class F>
constexpr bool field_check();

template <class Owner, fixed_string Field, class V>
constexpr void check_type() {
  if constexpr (is_annotated<V>) {  // an annotated element of a list or map
    field_check<Owner, Field, V>();
    return;
  }
  static_assert(is_supported<V>,
                "strata: this field's type is not supported; see \"Supported field types\" "
                "or specialize strata::codec<T>");
  if constexpr (is_described_struct<V>) check_struct<V>();
  else if constexpr (is_variant<V>) {
    check_tags_unique(static_cast<V*>(nullptr));
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::add_pointer_t, V>>(
        [](auto* alternative) { check_struct<std::remove_pointer_t<decltype(alternative)>>(); });
  } else if constexpr (is_optional<V> || is_vector<V>) check_type<Owner, Field, typename V::value_type>();
  else if constexpr (is_map<V>) check_type<Owner, Field, typename V::mapped_type>();
}

/// Checks one field. The template arguments carry the owner and field name
/// into the compiler's diagnostic.
template <class Owner, fixed_string Field, class F>
constexpr bool field_check() {
  using V = value_type_of<F>;
  check_type<Owner, Field, V>();
  boost::mp11::mp_for_each<annotations_of<F>>([](auto a) { check_annotation<Owner, Field, V, decltype(a)>(); });
  using L = annotations_of<F>;
  using pin = typename boost::mp11::mp_apply<first_pinned, L>::type;
  if constexpr (holds_variant<V>()) {
    static_assert(!std::is_void_v<typename find_discriminator<L>::type>,
                  "strata: a std::variant field needs strata::discriminator<\"key\">");
  }
  if constexpr (is_variant<V> && !std::is_void_v<pin>) {
    static_assert(is_string_constant<std::remove_cvref_t<decltype(pin::constant)>> ||
                      std::is_same_v<std::remove_cvref_t<decltype(pin::constant)>, std::string_view>,
                  "strata: value<> on a variant takes the tag of an alternative, e.g. value<\"sqlite\">");
    constexpr auto& tags = variant_tags<V>::value;
    static_assert(std::find(tags.begin(), tags.end(), std::string_view(pin::constant)) != tags.end(),
                  "strata: this variant's value<> names no alternative's tag");
  } else if constexpr (!std::is_void_v<pin>) {
    using C = std::remove_cvref_t<decltype(pin::constant)>;
    static_assert(constant_applies<V, C>() || (is_numeric<V> && std::is_arithmetic_v<C>),
                  "strata: this field's value<> constant does not have the field's type");
    if constexpr (constant_applies<V, C>() || (is_numeric<V> && std::is_arithmetic_v<C>)) {
      boost::mp11::mp_for_each<L>([](auto a) { check_pinned_against<Owner, Field, V, pin, decltype(a)>(); });
    }
  }
  return true;
}

// --- the same checks as predicates, once per field type ---------------------
//
// field_check names the owner and the field in its static_asserts, so it is
// a template per field. It runs only for a field whose type fails the
// predicate below, which is computed once per field type.

template <class F>
constexpr bool field_passes();

template <class F>
inline constexpr bool field_ok = field_passes<F>();

/// check_type without descending into structs (check_struct does that).
template <class V>
constexpr bool type_passes() {
  if constexpr (is_annotated<V>) return field_ok<V>;
  else if constexpr (!is_supported<V>) return false;
  else if constexpr (is_optional<V> || is_vector<V>) return type_passes<typename V::value_type>();
  else if constexpr (is_map<V>) return type_passes<typename V::mapped_type>();
  else return true;
}

template <class V, class L>
struct annotations_pass;
template <class V, template <class...> class L, class... A>
struct annotations_pass<V, L<A...>> {
  static constexpr bool value = (annotation_passes<V, A>() && ...);
  template <class Pin>
  static constexpr bool pinned() {
    return (pinned_passes<V, Pin, A>() && ...);
  }
};

template <class F>
constexpr bool field_passes() {
  using V = value_type_of<F>;
  using L = annotations_of<F>;
  using pin = typename boost::mp11::mp_apply<first_pinned, L>::type;
  if constexpr (!type_passes<V>() || !annotations_pass<V, L>::value) {
    return false;
  } else if constexpr (holds_variant<V>() && std::is_void_v<typename find_discriminator<L>::type>) {
    return false;
  } else if constexpr (is_variant<V> && !std::is_void_v<pin>) {
    if constexpr (!is_string_constant<std::remove_cvref_t<decltype(pin::constant)>> &&
                  !std::is_same_v<std::remove_cvref_t<decltype(pin::constant)>, std::string_view>) {
      return false;
    } else {
      constexpr auto& tags = variant_tags<V>::value;
      return std::find(tags.begin(), tags.end(), std::string_view(pin::constant)) != tags.end();
    }
  } else if constexpr (!std::is_void_v<pin>) {
    using C = std::remove_cvref_t<decltype(pin::constant)>;
    if constexpr (constant_applies<V, C>() || (is_numeric<V> && std::is_arithmetic_v<C>))
      return annotations_pass<V, L>::template pinned<pin>();
    else
      return false;
  } else {
    return true;
  }
}

/// The checks below a passing field: its structs, variants and elements.
template <class V>
constexpr void descend() {
  if constexpr (is_annotated<V>) {
    descend<value_type_of<V>>();
  } else if constexpr (is_described_struct<V>) {
    check_struct<V>();
  } else if constexpr (is_variant<V>) {
    check_tags_unique(static_cast<V*>(nullptr));
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::add_pointer_t, V>>(
        [](auto* alternative) { check_struct<std::remove_pointer_t<decltype(alternative)>>(); });
  } else if constexpr (is_optional<V> || is_vector<V>) {
    descend<typename V::value_type>();
  } else if constexpr (is_map<V>) {
    descend<typename V::mapped_type>();
  }
}

/// Converts to any field type, so an aggregate's fields can be counted by
/// brace initialization (Boost.PFR's technique; its own fields_count crashes
/// g++ 12 on default member initializers such as `std::vector<std::string>
/// origins{"*"}`).
struct any_field {
  template <class U>
  operator U&() const&&;
  template <class U>
  operator U&() const&;
};

template <class T, std::size_t... I>
constexpr bool brace_initializable(std::index_sequence<I...>) {
  return requires { T{(void(I), any_field{})...}; };
}

/// Whether the aggregate T has exactly N fields.
template <class T, std::size_t N>
inline constexpr bool has_field_count = brace_initializable<T>(std::make_index_sequence<N>{}) &&
                                        !brace_initializable<T>(std::make_index_sequence<N + 1>{});

template <class T>
constexpr bool check_struct() {
  static_assert(is_described_struct<T>, "strata: configuration types must be described with BOOST_DESCRIBE_STRUCT");
  if constexpr (std::is_aggregate_v<T>) {
    static_assert(has_field_count<T, boost::mp11::mp_size<members_of<T>>::value>,
                  "strata: BOOST_DESCRIBE_STRUCT of this struct does not list every member");
  }
  for_each_member<T>([](auto d) {
    using D = decltype(d);
    using F = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
    if constexpr (field_ok<F>) {
      descend<value_type_of<F>>();
    } else {
      constexpr auto name = fixed_string<std::char_traits<char>::length(D::name) + 1>::from(D::name);
      field_check<T, name, F>();
    }
  });
  return true;
}

/// Raised with both paths and the shared name as template arguments, so the
/// compiler's message names the two fields.
template <fixed_string FirstPath, fixed_string SecondPath, fixed_string Variable>
constexpr void env_name_collision() {
  static_assert(FirstPath.size() == 0,
                "strata: two fields derive the same environment variable name; rename one or use "
                "mapping::tree");
}

/// An exact-size copy, fully written, so both compilers print it as a string.
template <std::size_t N>
constexpr fixed_string<N + 1> exact(std::string_view text) {
  fixed_string<N + 1> out;
  out.data[N] = '\0';
  for (std::size_t i = 0; i < N; ++i) out.data[i] = text[i];
  return out;
}

/// Evaluated once per type: clang evaluates a function's local constexpr
/// variables again each time the function is evaluated, and it evaluates
/// check_schema's condition several times (static_assert, warnings).
template <class T>
inline constexpr env_collision env_collision_v = find_env_collision<T>();

template <class T>
constexpr bool check_env_names() {
  constexpr const env_collision& clash = env_collision_v<T>;
  if constexpr (clash.found) {
    env_name_collision<exact<clash.first.size()>(clash.first.view()), exact<clash.second.size()>(clash.second.view()),
                       exact<clash.name.size()>(clash.name.view())>();
  }
  return true;
}

}  // namespace strata::detail

namespace strata {

/// Checks the whole schema of T at compile time: every struct described
/// completely, field types supported, annotations applicable, pinned values
/// valid. `load<T>` runs it through static_assert; users may too:
/// `static_assert(strata::check_schema<Http>());`
template <class T>
constexpr bool check_schema() {
  return detail::check_struct<T>() && detail::check_env_names<T>();
}

}  // namespace strata
