// strata/schema/check.hpp: `check_schema<T>()`, the compile-time check of a
// whole configuration schema.
//
// The check computes the first problem of T as a type (schema/problems.hpp),
// without a hard error on the way, and `check_schema<T>()` reports it through
// detail::compile_error: the compiler's first error line names the struct,
// the field and the mistake, and the trace is only the user's static_assert.
//
// Cost: the rules are predicates computed once per field *type*
// (`field_ok<F>`); only a field that fails one computes which problem it
// has (`field_problem`), and each struct is walked once (`struct_check<S>`).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/describe/bases.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <strata/declare/tags.hpp>
#include <strata/detail/compile_error.hpp>
#include <strata/schema/aggregate.hpp>
#include <strata/schema/check_keys.hpp>
#include <strata/schema/env_collisions.hpp>
#include <strata/schema/problems.hpp>
#include <strata/schema/supported.hpp>
#include <strata/schema/traits.hpp>
#include <strata/validate/constraints.hpp>

namespace strata::detail {

// --- the rules, as predicates ----------------------------------------------------

/// Whether V is, or holds through optional/list/map, a variant of structs
/// (what a discriminator applies to).
template <class V>
constexpr bool holds_variant() {
  if constexpr (is_variant<V>) return is_struct_variant<V>;
  else if constexpr (is_optional<V> || is_vector<V>) return holds_variant<typename V::value_type>();
  else if constexpr (is_map<V>) return holds_variant<typename V::mapped_type>();
  else return false;
}

/// Without a discriminator: whether every variant V holds (through
/// optional/list/map) tells its alternatives apart by shape.
template <class V>
constexpr bool shapes_selectable() {
  if constexpr (is_variant<V>) return shapes_distinct<V>();
  else if constexpr (is_optional<V> || is_vector<V>) return shapes_selectable<typename V::value_type>();
  else if constexpr (is_map<V>) return shapes_selectable<typename V::mapped_type>();
  else return true;
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

template <class V, class C>
constexpr bool pin_has_field_type() {
  return constant_applies<V, C>() || (is_numeric<V> && std::is_arithmetic_v<C>);
}

template <class V, class Pin>
constexpr bool pin_names_an_alternative() {
  using C = std::remove_cvref_t<decltype(Pin::constant)>;
  if constexpr (!is_string_constant<C> && !std::is_same_v<C, std::string_view>) {
    return false;
  } else {
    return index_of_tag<V>(std::string_view(Pin::constant)) < std::variant_size_v<V>;
  }
}

template <class F>
constexpr bool field_passes();

/// Whether field type F passes every rule of its own (nested structs are
/// checked once each, by struct_check).
template <class F>
inline constexpr bool field_ok = field_passes<F>();

template <class... A>
constexpr bool alternatives_pass(std::variant<A...>*);

template <class V>
constexpr bool type_passes() {
  if constexpr (is_annotated<V>) return field_ok<V>;
  else if constexpr (!is_supported<V>) return false;
  else if constexpr (is_optional<V> || is_vector<V>) return type_passes<typename V::value_type>();
  else if constexpr (is_map<V>) return type_passes<typename V::mapped_type>();
  else if constexpr (is_variant<V>) return alternatives_pass(static_cast<V*>(nullptr));
  else return true;
}

template <class... A>
constexpr bool alternatives_pass(std::variant<A...>*) {
  return (type_passes<A>() && ...);
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
  } else if constexpr (std::is_void_v<typename find_discriminator<L>::type> && !shapes_selectable<V>()) {
    return false;
  } else if constexpr (is_variant<V> && !std::is_void_v<pin>) {
    return pin_names_an_alternative<V, pin>();
  } else if constexpr (!std::is_void_v<pin>) {
    if constexpr (pin_has_field_type<V, std::remove_cvref_t<decltype(pin::constant)>>())
      return annotations_pass<V, L>::template pinned<pin>();
    else
      return false;
  } else {
    return true;
  }
}

// --- which problem a failing field has ------------------------------------------

template <class P>
using found = std::type_identity<P>;
using no_problem = std::type_identity<void>;

/// The constant of `value<V>` as a template argument: a number, bool,
/// enumerator or fixed_string.
template <class Pin>
struct pinned_payload;
template <constant V>
struct pinned_payload<value<V>> {
  static constexpr auto payload = V.payload;
};

template <class A> inline constexpr bool is_bound = false;
template <auto L, auto H> inline constexpr bool is_bound<range<L, H>> = true;
template <auto B> inline constexpr bool is_bound<min<B>> = true;
template <auto B> inline constexpr bool is_bound<max<B>> = true;
template <auto B> inline constexpr bool is_bound<gt<B>> = true;
template <auto B> inline constexpr bool is_bound<lt<B>> = true;

template <class A> inline constexpr bool is_length = false;
template <std::size_t N> inline constexpr bool is_length<min_length<N>> = true;
template <std::size_t N> inline constexpr bool is_length<max_length<N>> = true;
template <std::size_t L, std::size_t H> inline constexpr bool is_length<length<L, H>> = true;
template <> inline constexpr bool is_length<non_empty> = true;

/// What annotation A needs of the field's type.
template <class A>
constexpr auto annotation_hint() {
  if constexpr (is_bound<A>) return fixed_string("bounds need a number or duration");
  else if constexpr (is_length<A>) return fixed_string("lengths need a string or container");
  else if constexpr (requires { A::regex; }) return fixed_string("pattern<> needs a std::string");
  else if constexpr (requires { A::predicate; }) return fixed_string("check<> must take const T&");
  else return fixed_string("one_of<> values need the field type");
}

template <class Owner, fixed_string Field, class F>
constexpr auto field_problem();

template <class Owner, fixed_string Field, class V>
constexpr auto type_problem();

template <class Owner, fixed_string Field, class... A>
constexpr auto alternatives_problem(std::variant<A...>*) {
  return found<first_problem_t<
      typename std::conditional_t<type_passes<A>(), no_problem, decltype(type_problem<Owner, Field, A>())>::type...>>{};
}

/// An unsupported type, or an annotated element (`vector<annotated<...>>`)
/// whose own rules fail.
template <class Owner, fixed_string Field, class V>
constexpr auto type_problem() {
  if constexpr (is_annotated<V>) {
    return field_problem<Owner, Field, V>();
  } else if constexpr (!is_supported<V>) {
    using part = typename decltype(unsupported_part<V>())::type;
    return found<field_type_not_supported<Owner, Field, part, unsupported_type_hint<part>()>>{};
  } else if constexpr (is_optional<V> || is_vector<V>) {
    return type_problem<Owner, Field, typename V::value_type>();
  } else if constexpr (is_variant<V>) {
    return alternatives_problem<Owner, Field>(static_cast<V*>(nullptr));
  } else {
    return type_problem<Owner, Field, typename V::mapped_type>();
  }
}

template <class Owner, fixed_string Field, class V, class A>
constexpr auto one_annotation_problem() {
  if constexpr (annotation_passes<V, A>()) return no_problem{};
  else if constexpr (requires { A::key; }) return found<discriminator_on_non_variant<Owner, Field, V>>{};
  else return found<annotation_does_not_apply<Owner, Field, A, V, annotation_hint<A>()>>{};
}

template <class Owner, fixed_string Field, class V, template <class...> class L, class... A>
constexpr auto annotation_problem(L<A...>) {
  return found<first_problem_t<typename decltype(one_annotation_problem<Owner, Field, V, A>())::type...>>{};
}

template <class Owner, fixed_string Field, class V, class Pin, template <class...> class L, class... A>
constexpr auto pinned_problem(L<A...>) {
  return found<first_problem_t<
      std::conditional_t<pinned_passes<V, Pin, A>(), void,
                         pinned_value_breaks_constraint<Owner, Field, pinned_payload<Pin>::payload, A>>...>>{};
}

/// The first problem of field `Field` (type F) of `Owner`, known to fail
/// `field_ok<F>`; the checks in the order field_passes makes them.
template <class Owner, fixed_string Field, class F>
constexpr auto field_problem() {
  using V = value_type_of<F>;
  using L = annotations_of<F>;
  using pin = typename boost::mp11::mp_apply<first_pinned, L>::type;
  if constexpr (!type_passes<V>()) {
    return type_problem<Owner, Field, V>();
  } else if constexpr (!annotations_pass<V, L>::value) {
    return annotation_problem<Owner, Field, V>(L{});
  } else if constexpr (std::is_void_v<typename find_discriminator<L>::type> && !shapes_selectable<V>()) {
    return variant_shape_problem<Owner, Field, V>();
  } else if constexpr (is_variant<V> && !std::is_void_v<pin>) {
    return found<pinned_value_names_no_alternative<Owner, Field, pinned_payload<pin>::payload, V>>{};
  } else if constexpr (!pin_has_field_type<V, std::remove_cvref_t<decltype(pin::constant)>>()) {
    return found<pinned_value_has_wrong_type<Owner, Field, pinned_payload<pin>::payload, V>>{};
  } else {
    return pinned_problem<Owner, Field, V, pin>(L{});
  }
}

// --- the structs below a field ------------------------------------------------

template <class T>
struct struct_check;

/// Two alternatives of variant V with the same tag, as a problem of the field.
template <class Owner, fixed_string Field, class First, class... Rest>
constexpr auto tag_clash() {
  if constexpr (sizeof...(Rest) == 0) {
    return no_problem{};
  } else {
    using clash = first_problem_t<
        std::conditional_t<tag_of<First>() == tag_of<Rest>(),
                           variant_alternatives_share_a_tag<Owner, Field, First, Rest,
                                                            exact<tag_of<First>().size()>(tag_of<First>()),
                                                            "give one its own static tag">,
                           void>...>;
    if constexpr (!std::is_void_v<clash>) return found<clash>{};
    else return tag_clash<Owner, Field, Rest...>();
  }
}

template <class Owner, fixed_string Field, class V>
constexpr auto problem_below();

/// A variant of structs: its tags, then its structs; a shape-selected
/// variant: what its alternatives hold.
template <class Owner, fixed_string Field, class... A>
constexpr auto variant_problem(std::variant<A...>*) {
  if constexpr ((is_described_struct<A> && ...)) {
    using clash = typename decltype(tag_clash<Owner, Field, A...>())::type;
    if constexpr (!std::is_void_v<clash>) return found<clash>{};
    else return found<first_problem_t<typename struct_check<A>::type...>>{};
  } else {
    return found<first_problem_t<typename decltype(problem_below<Owner, Field, A>())::type...>>{};
  }
}

/// The first problem of the structs a passing field of type V holds.
template <class Owner, fixed_string Field, class V>
constexpr auto problem_below() {
  if constexpr (is_annotated<V>) return problem_below<Owner, Field, value_type_of<V>>();
  else if constexpr (is_described_struct<V>) return found<typename struct_check<V>::type>{};
  else if constexpr (is_described_enum<V>) return enum_problem<V>();
  else if constexpr (is_variant<V>) return variant_problem<Owner, Field>(static_cast<V*>(nullptr));
  else if constexpr (is_optional<V> || is_vector<V>) return problem_below<Owner, Field, typename V::value_type>();
  else if constexpr (is_map<V>) return problem_below<Owner, Field, typename V::mapped_type>();
  else return no_problem{};
}

// --- one struct ------------------------------------------------------------------

/// A described member's name as a template argument.
template <class D>
inline constexpr auto member_name = fixed_string<std::char_traits<char>::length(D::name) + 1>::from(D::name);

template <class T, class D>
using member_type = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;

template <class T, class D>
constexpr auto member_problem() {
  using F = member_type<T, D>;
  if constexpr (field_ok<F>) return problem_below<T, member_name<D>, F>();
  else return field_problem<T, member_name<D>, F>();
}

template <class T, template <class...> class L, class... D>
constexpr auto members_problem(L<D...>) {
  return found<first_problem_t<typename decltype(member_problem<T, D>())::type...>>{};
}

/// The most members one BOOST_DESCRIBE_STRUCT lists (its preprocessor loop).
inline constexpr std::size_t describe_member_limit = 52;

/// What the aggregate T is initialized from: each described base, then each
/// described member.
template <class T>
inline constexpr std::size_t described_fields =
    boost::mp11::mp_size<bases_of<T>>::value +
    boost::mp11::mp_size<own_members_of<T>>::value;

/// The first field of T's aggregate initialization that BOOST_DESCRIBE_STRUCT
/// does not list, by name when the compiler can name it.
template <class T, std::size_t Fields>
constexpr auto undescribed_member() {
  if constexpr (fields_nameable<T, Fields>()) {
    constexpr auto missing = [] {
      std::array<std::string_view, boost::mp11::mp_size<own_members_of<T>>::value> described{};
      std::size_t i = 0;
      boost::mp11::mp_for_each<own_members_of<T>>([&](auto d) { described[i++] = decltype(d)::name; });
      for (std::string_view name : field_names<T, Fields>()) {
        bool listed = false;
        for (std::string_view d : described) listed = listed || d == name;
        if (!listed) return name;
      }
      return std::string_view{};
    }();
    if constexpr (!missing.empty()) return exact<missing.size()>(missing);
    else return fixed_string("a field of this struct");
  } else {
    return fixed_string("a field of this struct");
  }
}

/// A member missing from BOOST_DESCRIBE_STRUCT, or a struct too wide for it.
template <class T>
constexpr auto description_problem() {
  constexpr std::size_t described = described_fields<T>;
  if constexpr (!std::is_aggregate_v<T> || has_field_count<T, described>) {
    return no_problem{};
  } else {
    constexpr std::size_t fields = brace_initializable<T>(std::make_index_sequence<described>{})
                                       ? field_count<T, described>()
                                       : field_count<T, 0>();
    if constexpr (described == describe_member_limit && fields > described)
      return found<too_many_members_for_describe<T, fields, describe_member_limit,
                                                 "split into described base classes">>{};
    else
      return found<member_not_described<T, undescribed_member<T, fields>(), "add it to BOOST_DESCRIBE_STRUCT">>{};
  }
}

template <class... A>
constexpr auto held_by_alternatives(std::variant<A...>*);

/// The described structs a value of type V holds directly (through
/// annotated, optional, lists, maps and variants).
template <class V>
constexpr auto held_structs() {
  if constexpr (is_annotated<V>) return held_structs<value_type_of<V>>();
  else if constexpr (is_described_struct<V>) return std::type_identity<boost::mp11::mp_list<V>>{};
  else if constexpr (is_optional<V> || is_vector<V>) return held_structs<typename V::value_type>();
  else if constexpr (is_map<V>) return held_structs<typename V::mapped_type>();
  else if constexpr (is_variant<V>) return held_by_alternatives(static_cast<V*>(nullptr));
  else return std::type_identity<boost::mp11::mp_list<>>{};
}
template <class V>
using held_structs_t = typename decltype(held_structs<V>())::type;

template <class... A>
constexpr auto held_by_alternatives(std::variant<A...>*) {
  return std::type_identity<boost::mp11::mp_append<held_structs_t<A>...>>{};
}

/// How deep below a struct the search for a way back to it goes: far deeper
/// than a configuration nests, and a bound on a cycle that does not pass
/// through the struct (its own struct's check reports that one).
inline constexpr std::size_t cycle_search_depth = 64;

template <class Target, class S, std::size_t Depth>
struct cycle_below;

/// The first way back to Target below any of the structs `Held`.
template <class Target, std::size_t Depth, class Held>
struct cycle_below_any;
template <class Target, std::size_t Depth, class... Held>
struct cycle_below_any<Target, Depth, boost::mp11::mp_list<Held...>> {
  using type = first_problem_t<typename cycle_below<Target, Held, Depth - 1>::type...>;
};

/// The field of S, or of a struct below it, that holds Target.
template <class Target, class S, class D, std::size_t Depth>
constexpr auto member_cycle() {
  using held = held_structs_t<member_type<S, D>>;
  if constexpr (boost::mp11::mp_contains<held, Target>::value) return found<recursive_schema<S, member_name<D>, Target>>{};
  else if constexpr (Depth <= 1) return no_problem{};
  else return found<typename cycle_below_any<Target, Depth, held>::type>{};
}

template <class Target, class S, std::size_t Depth, class Members = members_of<S>>
struct cycle_below_members;
template <class Target, class S, std::size_t Depth, template <class...> class L, class... D>
struct cycle_below_members<Target, S, Depth, L<D...>> {
  using type = first_problem_t<typename decltype(member_cycle<Target, S, D, Depth>())::type...>;
};

/// A way from S back to Target, as the problem of the field that closes it.
/// Memoized per (Target, S, Depth), so a struct reached along many paths is
/// searched a bounded number of times.
template <class Target, class S, std::size_t Depth>
struct cycle_below {
  using type = typename cycle_below_members<Target, S, Depth>::type;
};

/// Described base classes contribute their members: each is checked as a
/// struct of its own.
template <template <class...> class L, class... B>
constexpr auto bases_problem(L<B...>) {
  return found<first_problem_t<typename struct_check<typename B::type>::type...>>{};
}

/// The first problem of struct T and the structs it holds: memoized, so
/// each struct is checked once however often it is used.
template <class T>
constexpr auto struct_problem() {
  if constexpr (!is_described_struct<T>) {
    return found<struct_not_described<T, "add BOOST_DESCRIBE_STRUCT(T, ...)">>{};
  } else {
    using description = typename decltype(description_problem<T>())::type;
    using base = typename decltype(bases_problem(bases_of<T>{}))::type;
    using cycle = typename cycle_below<T, T, cycle_search_depth>::type;
    using keys = typename decltype(key_problem<T>())::type;
    if constexpr (!std::is_void_v<description>) return found<description>{};
    else if constexpr (!std::is_void_v<base>) return found<base>{};
    else if constexpr (!std::is_void_v<cycle>) return found<cycle>{};
    else if constexpr (!std::is_void_v<keys>) return found<keys>{};
    else return members_problem<T>(own_members_of<T>{});
  }
}

template <class T>
struct struct_check {
  using type = typename decltype(struct_problem<T>())::type;
};

/// The first problem of root T: its structs, then its environment names
/// (which are derived only from a sound schema).
template <class T>
constexpr auto schema_problem() {
  using structural = typename struct_check<T>::type;
  if constexpr (!std::is_void_v<structural>) return found<structural>{};
  else return found<env_name_problem<T>>{};
}

template <class T>
using schema_problem_t = typename decltype(schema_problem<T>())::type;

}  // namespace strata::detail

namespace strata {

/// Checks the whole schema of T at compile time: every struct described
/// completely and not containing itself, field types supported, annotations
/// applicable, pinned values valid, variant tags unique, environment names
/// distinct. Returns true, or does not compile: the first error line names
/// the struct, the field and the problem (see docs/diagnostics.md).
/// `load<T>` runs it through static_assert; users may too, next to the
/// declaration: `static_assert(strata::check_schema<Http>());` or
/// `STRATA_CHECK(Http)` from <strata/check.hpp>.
template <class T>
constexpr bool check_schema() {
  using problem = detail::schema_problem_t<T>;
  if constexpr (!std::is_void_v<problem>) {
    using reported [[maybe_unused]] = typename detail::compile_error<problem>::type;
  }
  return true;
}

}  // namespace strata
