// strata/validate/constraints.hpp: what each constraint annotation accepts,
// whether a value satisfies it, and the message when it does not.
// `applies` and `satisfies` are constexpr so the schema check and
// `strata::valid` can run them at compile time.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <strata/declare/annotations.hpp>
#include <strata/detail/cold.hpp>
#include <strata/schema/traits.hpp>
#include <strata/validate/show.hpp>

namespace strata::detail {

/// Full ECMAScript match of `text` against `regex` (compiled once per pattern).
/// False also when the engine gave up (its complexity limit); then
/// pattern_gave_up() is true until the next match in this thread.
bool pattern_matches(std::string_view regex, const std::string& text);
bool pattern_gave_up();

template <class T>
inline constexpr bool is_numeric = is_integer<T> || std::is_floating_point_v<T>;

template <class T>
inline constexpr bool is_sized = std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view> ||
                                 is_vector<T> || is_map<T>;

/// The magnitude used by numeric bounds: the number itself, or a duration's count.
template <class T>
constexpr auto magnitude(const T& v) {
  if constexpr (is_duration<T>) return v.count();
  else return v;
}

/// What compare_numbers returns when one side is NaN: no bound holds.
inline constexpr int unordered = 2;

/// -1, 0, 1 comparing two arithmetic values of any types without
/// sign-conversion surprises, or `unordered` for NaN. A floating-point
/// value is compared in its own type (the bound converted to it), so
/// `annotated<float, max<0.1>>` accepts `0.1f`, the float nearest 0.1.
template <class A, class B>
constexpr int compare_numbers(A a, B b) {
  if constexpr (is_integer<A> && is_integer<B>) {
    return std::cmp_less(a, b) ? -1 : std::cmp_equal(a, b) ? 0 : 1;
  } else if constexpr (std::is_floating_point_v<A>) {
    const A y = static_cast<A>(b);
    if (a != a || y != y) return unordered;
    return a < y ? -1 : a == y ? 0 : 1;
  } else {
    const long double x = static_cast<long double>(a), y = static_cast<long double>(b);
    if (x != x || y != y) return unordered;
    return x < y ? -1 : x == y ? 0 : 1;
  }
}
constexpr bool at_least(int c) { return c == 0 || c == 1; }
constexpr bool at_most(int c) { return c == 0 || c == -1; }

template <class T, class C>
constexpr bool constant_matches(const T& v, const C& c) {
  if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>)
    return std::string_view(v) == std::string_view(c);
  else if constexpr (is_numeric<T> && std::is_arithmetic_v<C>) return compare_numbers(v, c) == 0;
  else return v == c;
}

template <class T, class C>
constexpr bool constant_applies() {
  if constexpr (std::is_same_v<T, std::string>) return std::is_same_v<C, std::string_view>;
  else if constexpr (is_numeric<T>) return std::is_arithmetic_v<C> && !std::is_same_v<C, bool>;
  else if constexpr (std::is_same_v<T, bool>) return std::is_same_v<C, bool>;
  else if constexpr (is_described_enum<T>) return std::is_same_v<C, T>;
  else return false;
}

// Each constraint: applies<V>() at compile time, holds(v), and a message,
// built only for a value that fails (so cold: small, out of the way).
template <class A>
struct constraint {
  template <class V> static constexpr bool applies() { return true; }
  template <class V> static constexpr bool holds(const V&) { return true; }
  static constexpr bool checks = false;  // metadata only (doc, secret, ...)
};

template <class T> inline constexpr bool is_bounded = is_numeric<T> || is_duration<T>;

template <auto Lo, auto Hi>
struct constraint<range<Lo, Hi>> {
  static constexpr bool checks = true;
  template <class V> static constexpr bool applies() { return is_bounded<V>; }
  template <class V> static constexpr bool holds(const V& v) {
    return at_least(compare_numbers(magnitude(v), Lo)) && at_most(compare_numbers(magnitude(v), Hi));
  }
  STRATA_COLD static std::string message() { return "must be in [" + show_number(Lo) + ", " + show_number(Hi) + "]"; }
};
template <auto B>
struct constraint<min<B>> {
  static constexpr bool checks = true;
  template <class V> static constexpr bool applies() { return is_bounded<V>; }
  template <class V> static constexpr bool holds(const V& v) { return at_least(compare_numbers(magnitude(v), B)); }
  STRATA_COLD static std::string message() { return "must be at least " + show_number(B); }
};
template <auto B>
struct constraint<max<B>> {
  static constexpr bool checks = true;
  template <class V> static constexpr bool applies() { return is_bounded<V>; }
  template <class V> static constexpr bool holds(const V& v) { return at_most(compare_numbers(magnitude(v), B)); }
  STRATA_COLD static std::string message() { return "must be at most " + show_number(B); }
};
template <auto B>
struct constraint<gt<B>> {
  static constexpr bool checks = true;
  template <class V> static constexpr bool applies() { return is_bounded<V>; }
  template <class V> static constexpr bool holds(const V& v) { return compare_numbers(magnitude(v), B) == 1; }
  STRATA_COLD static std::string message() { return "must be greater than " + show_number(B); }
};
template <auto B>
struct constraint<lt<B>> {
  static constexpr bool checks = true;
  template <class V> static constexpr bool applies() { return is_bounded<V>; }
  template <class V> static constexpr bool holds(const V& v) { return compare_numbers(magnitude(v), B) == -1; }
  STRATA_COLD static std::string message() { return "must be less than " + show_number(B); }
};

template <std::size_t N>
struct constraint<min_length<N>> {
  static constexpr bool checks = true;
  template <class V> static constexpr bool applies() { return is_sized<V>; }
  template <class V> static constexpr bool holds(const V& v) { return v.size() >= N; }
  STRATA_COLD static std::string message() { return "must have a length of at least " + std::to_string(N); }
};
template <std::size_t N>
struct constraint<max_length<N>> {
  static constexpr bool checks = true;
  template <class V> static constexpr bool applies() { return is_sized<V>; }
  template <class V> static constexpr bool holds(const V& v) { return v.size() <= N; }
  STRATA_COLD static std::string message() { return "must have a length of at most " + std::to_string(N); }
};
template <std::size_t Lo, std::size_t Hi>
struct constraint<length<Lo, Hi>> {
  static constexpr bool checks = true;
  template <class V> static constexpr bool applies() { return is_sized<V>; }
  template <class V> static constexpr bool holds(const V& v) { return v.size() >= Lo && v.size() <= Hi; }
  STRATA_COLD static std::string message() { return "must have a length in [" + std::to_string(Lo) + ", " + std::to_string(Hi) + "]"; }
};
template <>
struct constraint<non_empty> {
  static constexpr bool checks = true;
  template <class V> static constexpr bool applies() { return is_sized<V>; }
  template <class V> static constexpr bool holds(const V& v) { return !v.empty(); }
  STRATA_COLD static std::string message() { return "must not be empty"; }
};

/// What a secret field's one_of<...> is called instead of its values.
inline std::string secret_one_of_text(std::size_t count) {
  return count == 1 ? std::string("must be the one allowed value (secret)")
                    : "must be one of " + std::to_string(count) + " allowed values (secret)";
}

template <constant... Cs>
struct constraint<one_of<Cs...>> {
  static constexpr bool checks = true;
  template <class V> static constexpr bool applies() {
    return sizeof...(Cs) > 0 && (constant_applies<V, std::remove_cvref_t<decltype(Cs.get())>>() && ...);
  }
  template <class V> static constexpr bool holds(const V& v) { return (constant_matches(v, Cs.get()) || ...); }
  STRATA_COLD static std::string message() {
    std::string list;
    ((list += (list.empty() ? "" : ", ") + show(Cs.get())), ...);
    return "must be one of " + list;
  }
  /// On a secret field the allowed values are secrets too: only their number is told.
  STRATA_COLD static std::string secret_message() { return secret_one_of_text(sizeof...(Cs)); }
};

template <fixed_string Regex>
struct constraint<pattern<Regex>> {
  static constexpr bool checks = true;
  template <class V> static constexpr bool applies() { return std::is_same_v<V, std::string>; }
  template <class V> static constexpr bool holds(const V& v) {
    if (std::is_constant_evaluated()) return true;  // std::regex is not constexpr; checked at load
    return pattern_matches(Regex.view(), v);
  }
  STRATA_COLD static std::string message() { return "must match the pattern " + in_quotes(Regex.view()); }
  // Called right after a failed holds() in the same thread.
  STRATA_COLD static std::string failure_message() {
    if (pattern_gave_up()) return message() + ": pattern too complex for this value";
    return message();
  }
};

// Annotations that change how a value is read apply to the types they can change.
template <>
struct constraint<literal> : constraint<void> {
  template <class V> static constexpr bool applies() {
    return std::is_same_v<V, std::string> || std::is_same_v<V, std::filesystem::path> || has_codec<V>;
  }
};
template <class Unit>
struct constraint<duration_unit<Unit>> : constraint<void> {
  template <class V> static constexpr bool applies() { return is_duration<V> && is_duration<Unit>; }
};

template <auto F, fixed_string Message>
struct constraint<check<F, Message>> {
  static constexpr bool checks = true;
  template <class V> static constexpr bool applies() { return std::is_invocable_r_v<bool, decltype(F), const V&>; }
  template <class V> static constexpr bool holds(const V& v) { return F(v); }
  STRATA_COLD static std::string message() { return std::string(Message.view()); }
};

}  // namespace strata::detail
