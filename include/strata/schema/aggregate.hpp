// strata/schema/aggregate.hpp: what the compiler can tell about an aggregate
// without Boost.Describe: how many fields it has (by brace initialization)
// and what they are called (by structured bindings). The schema check
// compares this with BOOST_DESCRIBE_STRUCT, so a forgotten member is named.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace strata::detail {

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

/// Whether the aggregate T has exactly N fields (base classes count one each).
template <class T, std::size_t N>
inline constexpr bool has_field_count = brace_initializable<T>(std::make_index_sequence<N>{}) &&
                                        !brace_initializable<T>(std::make_index_sequence<N + 1>{});

/// The largest number of fields the diagnostics look for.
inline constexpr std::size_t max_counted_fields = 128;

/// The number of fields of the aggregate T, which has at least `AtLeast`
/// (max_counted_fields + 1 when it has more than that).
template <class T, std::size_t AtLeast>
constexpr std::size_t field_count() {
  if constexpr (AtLeast > max_counted_fields) return AtLeast;
  else if constexpr (!brace_initializable<T>(std::make_index_sequence<AtLeast + 1>{})) return AtLeast;
  else return field_count<T, AtLeast + 1>();
}

// --- field names -------------------------------------------------------------
//
// A structured binding of an object that is declared and never defined gives
// references to its fields; their addresses are constant expressions, and a
// function templated on such an address spells the field's name in
// __PRETTY_FUNCTION__ (g++: "... = (& fake_object<app::Server>.<...>::value.app::Server::port)",
// clang: "[P = &fake_object.value.port]").

/// Converts to any field type except T's base classes: `T(first, any...)`
/// compiles only when T's first field is not a base class. (Parentheses, not
/// braces: braces would elide into the base's own fields.)
template <class T>
struct any_but_base {
  template <class U>
    requires(!std::is_base_of_v<std::remove_cv_t<U>, T>)
  operator U&() const&&;
  template <class U>
    requires(!std::is_base_of_v<std::remove_cv_t<U>, T>)
  operator U&() const&;
};

template <class T, std::size_t... I>
constexpr bool first_field_is_a_member(std::index_sequence<I...>) {
  return requires { T(any_but_base<T>{}, (void(I), any_field{})...); };
}

/// The most fields `field_names` can name.
inline constexpr std::size_t max_named_fields = 64;

/// Whether the N fields of aggregate T can be named: a structured binding
/// needs every field to be a direct member (no base class).
template <class T, std::size_t N>
constexpr bool fields_nameable() {
  if constexpr (N == 0 || N > max_named_fields || !std::is_aggregate_v<T>) return false;
  else return first_field_is_a_member<T>(std::make_index_sequence<N - 1>{});
}

#define STRATA_FIELDS_1 f0
#define STRATA_FIELDS_2 STRATA_FIELDS_1, f1
#define STRATA_FIELDS_3 STRATA_FIELDS_2, f2
#define STRATA_FIELDS_4 STRATA_FIELDS_3, f3
#define STRATA_FIELDS_5 STRATA_FIELDS_4, f4
#define STRATA_FIELDS_6 STRATA_FIELDS_5, f5
#define STRATA_FIELDS_7 STRATA_FIELDS_6, f6
#define STRATA_FIELDS_8 STRATA_FIELDS_7, f7
#define STRATA_FIELDS_9 STRATA_FIELDS_8, f8
#define STRATA_FIELDS_10 STRATA_FIELDS_9, f9
#define STRATA_FIELDS_11 STRATA_FIELDS_10, f10
#define STRATA_FIELDS_12 STRATA_FIELDS_11, f11
#define STRATA_FIELDS_13 STRATA_FIELDS_12, f12
#define STRATA_FIELDS_14 STRATA_FIELDS_13, f13
#define STRATA_FIELDS_15 STRATA_FIELDS_14, f14
#define STRATA_FIELDS_16 STRATA_FIELDS_15, f15
#define STRATA_FIELDS_17 STRATA_FIELDS_16, f16
#define STRATA_FIELDS_18 STRATA_FIELDS_17, f17
#define STRATA_FIELDS_19 STRATA_FIELDS_18, f18
#define STRATA_FIELDS_20 STRATA_FIELDS_19, f19
#define STRATA_FIELDS_21 STRATA_FIELDS_20, f20
#define STRATA_FIELDS_22 STRATA_FIELDS_21, f21
#define STRATA_FIELDS_23 STRATA_FIELDS_22, f22
#define STRATA_FIELDS_24 STRATA_FIELDS_23, f23
#define STRATA_FIELDS_25 STRATA_FIELDS_24, f24
#define STRATA_FIELDS_26 STRATA_FIELDS_25, f25
#define STRATA_FIELDS_27 STRATA_FIELDS_26, f26
#define STRATA_FIELDS_28 STRATA_FIELDS_27, f27
#define STRATA_FIELDS_29 STRATA_FIELDS_28, f28
#define STRATA_FIELDS_30 STRATA_FIELDS_29, f29
#define STRATA_FIELDS_31 STRATA_FIELDS_30, f30
#define STRATA_FIELDS_32 STRATA_FIELDS_31, f31
#define STRATA_FIELDS_33 STRATA_FIELDS_32, f32
#define STRATA_FIELDS_34 STRATA_FIELDS_33, f33
#define STRATA_FIELDS_35 STRATA_FIELDS_34, f34
#define STRATA_FIELDS_36 STRATA_FIELDS_35, f35
#define STRATA_FIELDS_37 STRATA_FIELDS_36, f36
#define STRATA_FIELDS_38 STRATA_FIELDS_37, f37
#define STRATA_FIELDS_39 STRATA_FIELDS_38, f38
#define STRATA_FIELDS_40 STRATA_FIELDS_39, f39
#define STRATA_FIELDS_41 STRATA_FIELDS_40, f40
#define STRATA_FIELDS_42 STRATA_FIELDS_41, f41
#define STRATA_FIELDS_43 STRATA_FIELDS_42, f42
#define STRATA_FIELDS_44 STRATA_FIELDS_43, f43
#define STRATA_FIELDS_45 STRATA_FIELDS_44, f44
#define STRATA_FIELDS_46 STRATA_FIELDS_45, f45
#define STRATA_FIELDS_47 STRATA_FIELDS_46, f46
#define STRATA_FIELDS_48 STRATA_FIELDS_47, f47
#define STRATA_FIELDS_49 STRATA_FIELDS_48, f48
#define STRATA_FIELDS_50 STRATA_FIELDS_49, f49
#define STRATA_FIELDS_51 STRATA_FIELDS_50, f50
#define STRATA_FIELDS_52 STRATA_FIELDS_51, f51
#define STRATA_FIELDS_53 STRATA_FIELDS_52, f52
#define STRATA_FIELDS_54 STRATA_FIELDS_53, f53
#define STRATA_FIELDS_55 STRATA_FIELDS_54, f54
#define STRATA_FIELDS_56 STRATA_FIELDS_55, f55
#define STRATA_FIELDS_57 STRATA_FIELDS_56, f56
#define STRATA_FIELDS_58 STRATA_FIELDS_57, f57
#define STRATA_FIELDS_59 STRATA_FIELDS_58, f58
#define STRATA_FIELDS_60 STRATA_FIELDS_59, f59
#define STRATA_FIELDS_61 STRATA_FIELDS_60, f60
#define STRATA_FIELDS_62 STRATA_FIELDS_61, f61
#define STRATA_FIELDS_63 STRATA_FIELDS_62, f62
#define STRATA_FIELDS_64 STRATA_FIELDS_63, f63
#define STRATA_TIE_FIELDS(n)                 \
  else if constexpr (N == n) {               \
    const auto& [STRATA_FIELDS_##n] = object; \
    return std::tie(STRATA_FIELDS_##n);      \
  }

/// References to the N fields of `object`, as a tuple.
template <std::size_t N, class T>
constexpr auto tie_fields(const T& object) {
  if constexpr (N == 0) return std::tuple<>();
  STRATA_TIE_FIELDS(1) STRATA_TIE_FIELDS(2) STRATA_TIE_FIELDS(3) STRATA_TIE_FIELDS(4)
  STRATA_TIE_FIELDS(5) STRATA_TIE_FIELDS(6) STRATA_TIE_FIELDS(7) STRATA_TIE_FIELDS(8)
  STRATA_TIE_FIELDS(9) STRATA_TIE_FIELDS(10) STRATA_TIE_FIELDS(11) STRATA_TIE_FIELDS(12)
  STRATA_TIE_FIELDS(13) STRATA_TIE_FIELDS(14) STRATA_TIE_FIELDS(15) STRATA_TIE_FIELDS(16)
  STRATA_TIE_FIELDS(17) STRATA_TIE_FIELDS(18) STRATA_TIE_FIELDS(19) STRATA_TIE_FIELDS(20)
  STRATA_TIE_FIELDS(21) STRATA_TIE_FIELDS(22) STRATA_TIE_FIELDS(23) STRATA_TIE_FIELDS(24)
  STRATA_TIE_FIELDS(25) STRATA_TIE_FIELDS(26) STRATA_TIE_FIELDS(27) STRATA_TIE_FIELDS(28)
  STRATA_TIE_FIELDS(29) STRATA_TIE_FIELDS(30) STRATA_TIE_FIELDS(31) STRATA_TIE_FIELDS(32)
  STRATA_TIE_FIELDS(33) STRATA_TIE_FIELDS(34) STRATA_TIE_FIELDS(35) STRATA_TIE_FIELDS(36)
  STRATA_TIE_FIELDS(37) STRATA_TIE_FIELDS(38) STRATA_TIE_FIELDS(39) STRATA_TIE_FIELDS(40)
  STRATA_TIE_FIELDS(41) STRATA_TIE_FIELDS(42) STRATA_TIE_FIELDS(43) STRATA_TIE_FIELDS(44)
  STRATA_TIE_FIELDS(45) STRATA_TIE_FIELDS(46) STRATA_TIE_FIELDS(47) STRATA_TIE_FIELDS(48)
  STRATA_TIE_FIELDS(49) STRATA_TIE_FIELDS(50) STRATA_TIE_FIELDS(51) STRATA_TIE_FIELDS(52)
  STRATA_TIE_FIELDS(53) STRATA_TIE_FIELDS(54) STRATA_TIE_FIELDS(55) STRATA_TIE_FIELDS(56)
  STRATA_TIE_FIELDS(57) STRATA_TIE_FIELDS(58) STRATA_TIE_FIELDS(59) STRATA_TIE_FIELDS(60)
  STRATA_TIE_FIELDS(61) STRATA_TIE_FIELDS(62) STRATA_TIE_FIELDS(63) STRATA_TIE_FIELDS(64)
}

#undef STRATA_TIE_FIELDS
#undef STRATA_FIELDS_1
#undef STRATA_FIELDS_2
#undef STRATA_FIELDS_3
#undef STRATA_FIELDS_4
#undef STRATA_FIELDS_5
#undef STRATA_FIELDS_6
#undef STRATA_FIELDS_7
#undef STRATA_FIELDS_8
#undef STRATA_FIELDS_9
#undef STRATA_FIELDS_10
#undef STRATA_FIELDS_11
#undef STRATA_FIELDS_12
#undef STRATA_FIELDS_13
#undef STRATA_FIELDS_14
#undef STRATA_FIELDS_15
#undef STRATA_FIELDS_16
#undef STRATA_FIELDS_17
#undef STRATA_FIELDS_18
#undef STRATA_FIELDS_19
#undef STRATA_FIELDS_20
#undef STRATA_FIELDS_21
#undef STRATA_FIELDS_22
#undef STRATA_FIELDS_23
#undef STRATA_FIELDS_24
#undef STRATA_FIELDS_25
#undef STRATA_FIELDS_26
#undef STRATA_FIELDS_27
#undef STRATA_FIELDS_28
#undef STRATA_FIELDS_29
#undef STRATA_FIELDS_30
#undef STRATA_FIELDS_31
#undef STRATA_FIELDS_32
#undef STRATA_FIELDS_33
#undef STRATA_FIELDS_34
#undef STRATA_FIELDS_35
#undef STRATA_FIELDS_36
#undef STRATA_FIELDS_37
#undef STRATA_FIELDS_38
#undef STRATA_FIELDS_39
#undef STRATA_FIELDS_40
#undef STRATA_FIELDS_41
#undef STRATA_FIELDS_42
#undef STRATA_FIELDS_43
#undef STRATA_FIELDS_44
#undef STRATA_FIELDS_45
#undef STRATA_FIELDS_46
#undef STRATA_FIELDS_47
#undef STRATA_FIELDS_48
#undef STRATA_FIELDS_49
#undef STRATA_FIELDS_50
#undef STRATA_FIELDS_51
#undef STRATA_FIELDS_52
#undef STRATA_FIELDS_53
#undef STRATA_FIELDS_54
#undef STRATA_FIELDS_55
#undef STRATA_FIELDS_56
#undef STRATA_FIELDS_57
#undef STRATA_FIELDS_58
#undef STRATA_FIELDS_59
#undef STRATA_FIELDS_60
#undef STRATA_FIELDS_61
#undef STRATA_FIELDS_62
#undef STRATA_FIELDS_63
#undef STRATA_FIELDS_64

template <class T>
struct fake_object_of {
  T value;
};

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#endif

/// Never defined: only the addresses of its fields are used, in constant
/// expressions.
template <class T>
extern const fake_object_of<T> fake_object;

/// The compiler's spelling of the address P.
template <const auto* P>
constexpr std::string_view spelling_of_address() {
  return __PRETTY_FUNCTION__;
}

/// The member name at the end of an address's spelling.
constexpr std::string_view member_in_spelling(std::string_view pretty) {
  std::string_view s = pretty.substr(pretty.find("P = ") + 4);
  s = s.substr(0, s.find_first_of(";]"));
  while (!s.empty() && s.back() == ')') s.remove_suffix(1);
  const std::size_t last = s.find_last_of(".:");
  return last == std::string_view::npos ? std::string_view{} : s.substr(last + 1);
}

template <class T, std::size_t N, std::size_t I>
inline constexpr std::string_view field_name =
    member_in_spelling(spelling_of_address<&std::get<I>(tie_fields<N>(fake_object<T>.value))>());

/// The names of the N fields of aggregate T, in declaration order (only
/// when `fields_nameable<T, N>()`).
template <class T, std::size_t N>
constexpr std::array<std::string_view, N> field_names() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<std::string_view, N>{field_name<T, N, I>...};
  }(std::make_index_sequence<N>{});
}

#if defined(__clang__)
#pragma clang diagnostic pop
#endif

}  // namespace strata::detail
