// strata/declare/annotated.hpp: `annotated<T, A...>`, the transparent wrapper
// that attaches annotations to a field while the enclosing struct stays an
// aggregate.
#pragma once

#include <compare>
#include <concepts>
#include <string>
#include <type_traits>
#include <utility>

#include <strata/declare/annotations.hpp>
#include <strata/declare/tags.hpp>

namespace strata {

template <class T, class... A>
struct annotated;

namespace detail {

template <class A>
struct pinned_of {
  using type = void;
};
template <constant V>
struct pinned_of<value<V>> {
  using type = value<V>;
};

template <class... A>
struct first_pinned {
  using type = void;
};
template <class A, class... Rest>
struct first_pinned<A, Rest...> {
  using type = std::conditional_t<std::is_void_v<typename pinned_of<A>::type>,
                                  typename first_pinned<Rest...>::type, A>;
};

/// The initial value of an annotated field: its pinned constant if it has one.
template <class T, class... A>
constexpr T initial_value() {
  using pin = typename first_pinned<A...>::type;
  if constexpr (std::is_void_v<pin>) {
    return T{};
  } else if constexpr (requires { variant_tags<T>::value; }) {  // value<"sqlite"> on a variant
    return index_of_tag<T>(pin::constant) < std::variant_size_v<T> ? make_alternative<T>(index_of_tag<T>(pin::constant))
                                                                   : T{};
  } else if constexpr (requires { T(pin::constant); }) {
    return T(pin::constant);
  } else {
    return T{};  // the schema check reports the mismatch, naming the field
  }
}

template <class U>
inline constexpr bool is_annotated = false;
template <class T, class... A>
inline constexpr bool is_annotated<annotated<T, A...>> = true;

}  // namespace detail

/// A field of type `T` carrying annotations `A...`. Behaves like `T`: implicit
/// conversion to `const T&`, `*`, `->`, `.value()`, construction and
/// assignment from anything `T` accepts, and comparisons with `T`.
template <class T, class... A>
struct annotated {
  static_assert((std::is_base_of_v<detail::annotation, A> && ...),
                "strata::annotated<T, A...>: every A must be a strata annotation");

  using value_type = T;

  constexpr annotated() : value_(detail::initial_value<T, A...>()) {}
  constexpr annotated(const T& v) : value_(v) {}
  constexpr annotated(T&& v) : value_(std::move(v)) {}
  // Not for number to number: that conversion happens where the caller
  // wrote it, so `annotated<std::uint16_t> port = 5432;` is as quiet under
  // -Wconversion as `std::uint16_t port = 5432;` (the compiler sees the
  // constant fits), and a narrowing variable is flagged in the caller's code.
  template <class U>
    requires(!std::same_as<std::remove_cvref_t<U>, annotated> && !std::same_as<std::remove_cvref_t<U>, T> &&
             !(std::is_arithmetic_v<T> && std::is_arithmetic_v<std::remove_cvref_t<U>>) &&
             std::is_constructible_v<T, U &&>)
  constexpr annotated(U&& v) : value_(std::forward<U>(v)) {}

  // One template so `ttl = std::chrono::hours(2)` is an exact match instead
  // of two competing user-defined conversions.
  template <class U>
    requires(!std::same_as<std::remove_cvref_t<U>, annotated> &&
             !(std::is_arithmetic_v<T> && std::is_arithmetic_v<std::remove_cvref_t<U>>) &&
             std::is_assignable_v<T&, U &&>)
  constexpr annotated& operator=(U&& v) {
    value_ = std::forward<U>(v);
    return *this;
  }
  // Numbers convert where the caller wrote them, as in the constructor.
  constexpr annotated& operator=(T v)
    requires std::is_arithmetic_v<T>
  {
    value_ = v;
    return *this;
  }

  constexpr operator const T&() const noexcept { return value_; }
  constexpr const T& value() const noexcept { return value_; }
  constexpr T& value() noexcept { return value_; }
  constexpr const T& operator*() const noexcept { return value_; }
  constexpr T& operator*() noexcept { return value_; }
  constexpr const T* operator->() const noexcept { return &value_; }
  constexpr T* operator->() noexcept { return &value_; }

  // Non-template friends: comparing with anything convertible to T works,
  // and wrappers such as test-framework expressions never recurse into
  // constraint checks.
  // (annotated == annotated converts the right side to const T&.)
  friend constexpr bool operator==(const annotated& a, const T& b) { return a.value_ == b; }
  friend constexpr auto operator<=>(const annotated& a, const T& b)
    requires std::three_way_comparable<T>
  {
    return a.value_ <=> b;
  }
  // annotated with annotated: exact matches only (a template constrained to
  // this very type), so `a == b` is not an ambiguous reversed comparison and
  // `s == "text"` still goes through `const T&` alone.
  template <std::same_as<annotated> U>
  friend constexpr bool operator==(const annotated& a, const U& b) {
    return a.value_ == b.value_;
  }
  template <std::same_as<annotated> U>
    requires std::three_way_comparable<T>
  friend constexpr auto operator<=>(const annotated& a, const U& b) {
    return a.value_ <=> b.value_;
  }

 private:
  T value_;
};

}  // namespace strata
