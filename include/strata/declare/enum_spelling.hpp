// strata/declare/enum_spelling.hpp: `STRATA_ENUM(E, ...)`, how the
// enumerators of a described enum are spelled in files: a naming policy
// for all of them and an explicit name for any of them.
//
//   enum class PullPolicy { always, never, if_not_present };
//   BOOST_DESCRIBE_ENUM(PullPolicy, always, never, if_not_present)
//   STRATA_ENUM(PullPolicy, strata::naming::kebab_case)         // "if-not-present"
//
//   enum class Edition { e2015, e2018, e2021 };
//   BOOST_DESCRIBE_ENUM(Edition, e2015, e2018, e2021)
//   STRATA_ENUM(Edition, strata::enumerator<Edition::e2015, "2015">,
//               strata::enumerator<Edition::e2018, "2018">, strata::enumerator<Edition::e2021, "2021">)
//
// An enum without it is spelled as declared (a trailing `_` dropped).
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>

#include <strata/declare/fixed_string.hpp>
#include <strata/declare/naming.hpp>

namespace strata {

namespace detail {

/// One enumerator and the text files spell it with.
template <class E>
struct enumerator_spelling {
  E value;
  std::string_view text;
};

/// What STRATA_ENUM declares: the policy and the explicit names.
template <class E, std::size_t N>
struct enum_spelling {
  strata::naming policy = naming::as_declared;
  enumerator_spelling<E> names[N == 0 ? 1 : N]{};
  static constexpr std::size_t count = N;
};

template <class E>
constexpr void spell_into(naming& policy, enumerator_spelling<E>*&, naming p) {
  policy = p;
}
template <class E>
constexpr void spell_into(naming&, enumerator_spelling<E>*& next, enumerator_spelling<E> name) {
  *next++ = name;
}

template <class A>
inline constexpr std::size_t names_in = std::is_same_v<A, naming> ? 0 : 1;

template <class E, class... A>
constexpr auto make_enum_spelling(A... parts) {
  static_assert(((std::is_same_v<A, naming> || std::is_same_v<A, enumerator_spelling<E>>) && ...),
                "STRATA_ENUM(E, ...): give a strata::naming policy and strata::enumerator<E::x, \"name\"> "
                "entries of this enum");
  static_assert((std::is_same_v<A, naming> + ... + 0) <= 1, "STRATA_ENUM(E, ...): at most one strata::naming policy");
  enum_spelling<E, (names_in<A> + ... + 0)> out;
  enumerator_spelling<E>* next = out.names;
  (spell_into<E>(out.policy, next, parts), ...);
  return out;
}

/// Found by argument-dependent lookup; enums without STRATA_ENUM are spelled as declared.
constexpr enum_spelling<int, 0> strata_enum_spelling(const void*) { return {}; }

}  // namespace detail

/// The name files use for one enumerator: `strata::enumerator<Executor::docker_machine, "docker+machine">`.
template <auto Value, fixed_string Text>
  requires std::is_enum_v<decltype(Value)>
inline constexpr detail::enumerator_spelling<decltype(Value)> enumerator{Value, Text.view()};

}  // namespace strata

/// Declares how E's enumerators are spelled; place it beside
/// BOOST_DESCRIBE_ENUM, in E's namespace. Arguments: at most one
/// strata::naming policy, and strata::enumerator<E::x, "text"> entries,
/// which beat the policy.
#define STRATA_ENUM(E, ...)                                                          \
  [[maybe_unused]] constexpr auto strata_enum_spelling(const E*) {                   \
    return ::strata::detail::make_enum_spelling<E>(__VA_ARGS__);                      \
  }
