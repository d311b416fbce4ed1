// strata/runtime/inject.hpp: what the container knows about a class at
// compile time: which constructor it calls, the type of every parameter, and
// the whole dependency graph below a set of roots (the configurations it
// needs, its cycles, the parameters nobody can supply).
//
// C++20 cannot reflect constructors, so they are probed the Boost.DI way: a
// placeholder argument with a templated `operator U&()` converts to any
// parameter type. `T(arg, arg)` compiling says T has a two-parameter
// constructor; the deduced U of each conversion is the parameter's type. To
// get U out of overload resolution (an unevaluated context), each probe's
// conversion operator defines a friend function whose return type names U
// (the "type loophole" Boost.PFR uses: friend injection, CWG 2118); reading
// that return type afterwards gives the parameter list as a type list.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>

#include <strata/declare/fixed_string.hpp>
#include <strata/declare/tags.hpp>
#include <strata/detail/compile_error.hpp>
#include <strata/schema/traits.hpp>

#ifndef STRATA_CONTAINER_MAX_ARITY
/// The largest number of constructor parameters the container looks for.
#define STRATA_CONTAINER_MAX_ARITY 12
#endif

namespace strata {

class container;
class configuration;
template <class T>
class live;

namespace detail::di {

using boost::mp11::mp_list;

// --- type names --------------------------------------------------------------

/// "app::Cache<app::Db>" -> "Cache<app::Db>": the outermost name without its
/// namespaces, template arguments kept.
template <class T>
constexpr std::string_view short_name() {
  const std::string_view full = qualified_type_name<T>();
  const std::string_view head = full.substr(0, full.find('<'));
  const std::size_t colon = head.rfind("::");
  return colon == std::string_view::npos ? full : full.substr(colon + 2);
}

/// True for types of namespace `std` and of strata itself: a `std::string`
/// or `strata::result<T>` parameter is a mistake, never a component.
template <class T>
constexpr bool is_library_type() {
  const std::string_view full = qualified_type_name<T>();
  return full.starts_with("std::") || full.starts_with("strata::");
}

// --- parameter kinds ------------------------------------------------------------

template <class T> inline constexpr bool is_shared_ptr = false;
template <class T> inline constexpr bool is_shared_ptr<std::shared_ptr<T>> = true;

template <class T> struct live_of { static constexpr bool value = false; };
template <class C> struct live_of<live<C>> { static constexpr bool value = true; using type = C; };
template <class T> inline constexpr bool is_live = live_of<T>::value;

/// A class the container builds by constructor injection: any class that is
/// not a configuration (a described struct), not abstract, not a library type.
template <class T>
constexpr bool is_component() {
  if constexpr (!std::is_class_v<T> || std::is_const_v<T> || std::is_volatile_v<T>) return false;
  else if constexpr (is_described_struct<T> || std::is_abstract_v<T> || !std::is_destructible_v<T>) return false;
  else return !is_library_type<T>();
}

// What a parameter asks for. `Owner` is the class whose constructor has it.
template <class C> struct config_node {};                    // const C&, std::shared_ptr<const C>
template <class C> struct live_node {};                      // live<C>&
template <class T> struct component_node {};                 // T&, const T&, std::shared_ptr<T>
struct container_node {};                                    // strata::container&
struct context_node {};                                      // const strata::configuration&
template <class Owner, class P> struct unsupported_node {};  // anything else
template <class Owner, class P> struct mutable_config_node {};
template <class Owner, std::size_t Index> struct unknown_node {};  // the probe saw no conversion

/// The node a parameter of type P (as deduced by `operator U&`: cv-qualified,
/// never a reference) of `Owner`'s constructor stands for.
template <class Owner, class P>
auto node_of() {
  using B = std::remove_cv_t<P>;
  if constexpr (is_described_struct<B>) {
    if constexpr (std::is_const_v<P> && !std::is_volatile_v<P>) return config_node<B>{};
    else return mutable_config_node<Owner, P>{};
  } else if constexpr (is_shared_ptr<B>) {
    using E = typename B::element_type;
    using EB = std::remove_cv_t<E>;
    if constexpr (is_described_struct<EB>) {
      if constexpr (std::is_const_v<E> && !std::is_volatile_v<E>) return config_node<EB>{};
      else return mutable_config_node<Owner, P>{};
    } else if constexpr (!std::is_volatile_v<E> && is_component<EB>()) {
      return component_node<EB>{};
    } else {
      return unsupported_node<Owner, P>{};
    }
  } else if constexpr (is_live<B> && !std::is_volatile_v<P>) {
    return live_node<typename live_of<B>::type>{};
  } else if constexpr (std::is_same_v<P, container>) {
    return container_node{};
  } else if constexpr (std::is_same_v<P, const configuration>) {
    return context_node{};
  } else if constexpr (!std::is_volatile_v<P> && is_component<B>()) {
    return component_node<B>{};
  } else {
    return unsupported_node<Owner, P>{};
  }
}
template <class Owner, class P>
using node_t = decltype(node_of<Owner, P>());

template <class N> inline constexpr bool is_supplied = true;
template <class O, class P> inline constexpr bool is_supplied<unsupported_node<O, P>> = false;
template <class O, class P> inline constexpr bool is_supplied<mutable_config_node<O, P>> = false;
template <class O, std::size_t I> inline constexpr bool is_supplied<unknown_node<O, I>> = false;

// --- constructor discovery ------------------------------------------------------

template <class Owner>
struct any_arg;
template <class T, std::size_t N, std::size_t I>
struct probe;
template <class Container, class Owner>
struct resolver;

/// The placeholder arguments never convert to one another: a parameter type
/// whose constructor template accepts anything (std::any) then does not
/// swallow the placeholder itself.
template <class T> inline constexpr bool is_placeholder = false;
template <class O> inline constexpr bool is_placeholder<any_arg<O>> = true;
template <class T, std::size_t N, std::size_t I> inline constexpr bool is_placeholder<probe<T, N, I>> = true;
template <class C, class O> inline constexpr bool is_placeholder<resolver<C, O>> = true;

/// What a placeholder argument for `Owner`'s constructor converts to: anything
/// but Owner itself (so copy and move constructors never match) and the
/// placeholders.
template <class U, class Owner>
inline constexpr bool converts_to = !std::is_same_v<std::remove_cv_t<U>, Owner> && !is_placeholder<std::remove_cv_t<U>>;

/// Converts to a reference to any parameter type. Declared only: used in
/// unevaluated contexts.
template <class Owner>
struct any_arg {
  template <class U, class = std::enable_if_t<converts_to<U, Owner>>>
  operator U&() const noexcept;
};

template <class T, class Seq>
struct viable_impl;
template <class T, std::size_t... I>
struct viable_impl<T, std::index_sequence<I...>>
    : std::bool_constant<std::is_constructible_v<T, decltype((void)I, any_arg<T>{})...>> {};

/// T has a constructor (or, for an aggregate, a parenthesized initialization)
/// that takes N arguments, none of them a T.
template <class T, std::size_t N>
inline constexpr bool viable = viable_impl<T, std::make_index_sequence<N>>::value;

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-inline"
#pragma clang diagnostic ignored "-Wundefined-internal"
#elif defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-template-friend"
#endif

/// Parameter I of T's N-argument constructor. `recorded(slot)` is declared
/// here and defined by the first `record` instantiated for the same slot.
template <class T, std::size_t N, std::size_t I>
struct slot {
  friend auto recorded(slot);
};
template <class T, std::size_t N, std::size_t I, class U, bool AlreadyRecorded>
struct record {
  friend auto recorded(slot<T, N, I>) { return std::type_identity<U>{}; }
};
template <class T, std::size_t N, std::size_t I, class U>
struct record<T, N, I, U, true> {};  // a second candidate constructor: keep the first record

/// Like any_arg, and records the U it converts to in slot<T, N, I>.
template <class T, std::size_t N, std::size_t I>
struct probe {
  template <class U, std::size_t M>
  static long done(...);
  template <class U, std::size_t M, std::size_t = sizeof(recorded(slot<T, N, M>{}))>
  static char done(int);

  template <class U, class = std::enable_if_t<converts_to<U, T>>,
            std::size_t = sizeof(record<T, N, I, U, sizeof(done<U, I>(0)) == sizeof(char)>)>
  operator U&() const noexcept;
};

#if defined(__clang__)
#pragma clang diagnostic pop
#elif defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

template <class T, std::size_t N, std::size_t I, class = void>
struct recorded_type {
  using type = unknown_node<T, I>;  // no conversion: a template or converting-template parameter
  static constexpr bool known = false;
};
template <class T, std::size_t N, std::size_t I>
struct recorded_type<T, N, I, std::void_t<decltype(recorded(slot<T, N, I>{}))>> {
  using type = typename decltype(recorded(slot<T, N, I>{}))::type;
  static constexpr bool known = true;
};

/// Converts to exactly `P&`, nothing else.
template <class P>
struct exact {
  operator P&() const noexcept;
};
template <class T, std::size_t N, std::size_t I>
using exact_arg = std::conditional_t<recorded_type<T, N, I>::known, exact<typename recorded_type<T, N, I>::type>,
                                     any_arg<T>>;

template <class T, std::size_t N, class Seq = std::make_index_sequence<N>>
struct parameters_of;
/// The parameter types of T's N-argument constructor (only asked for when
/// `viable<T, N>`). The base class runs the probes before the members read them.
template <class T, std::size_t N, std::size_t... I>
struct parameters_of<T, N, std::index_sequence<I...>> : std::type_identity<decltype(T(probe<T, N, I>{}...))> {
  template <std::size_t J>
  using node = std::conditional_t<recorded_type<T, N, J>::known,
                                  node_t<T, typename recorded_type<T, N, J>::type>, unknown_node<T, J>>;
  using nodes = mp_list<node<I>...>;
  static constexpr bool supplied = (is_supplied<node<I>> && ...);
  /// The recorded types fit a constructor of T. (A probe records the type
  /// the first candidate constructor deduced; with several candidates of this
  /// length that may be one overload resolution then rejected.)
  static constexpr bool verified = std::is_constructible_v<T, exact_arg<T, N, I>...>;
};

/// The constructor the container calls: the one with the most parameters
/// among those whose every parameter it can supply. When there is none, the
/// longest one (so its first unsupported parameter is what the error names).
template <class T, int N, bool Viable = viable<T, static_cast<std::size_t>(N)>>
struct choose;

struct no_constructor {
  static constexpr int arity = -1;
  static constexpr bool supplied = false;
  using nodes = mp_list<>;
};

template <class T, int N>
struct choose_below {
  using type = typename choose<T, N - 1>::type;
};
template <class T>
struct choose_below<T, 0> {
  using type = no_constructor;
};

template <class T, int N>
struct choose<T, N, false> : choose_below<T, N> {};

template <class T, int N>
struct choose<T, N, true> {
  using params = parameters_of<T, static_cast<std::size_t>(N)>;
  struct found {
    static constexpr int arity = N;
    static constexpr bool supplied = params::supplied;
    using nodes = typename params::nodes;
  };
  using shorter = typename choose_below<T, N>::type;
  using type = std::conditional_t<params::verified && (found::supplied || !shorter::supplied), found, shorter>;
};

template <class T>
using constructor = typename choose<T, STRATA_CONTAINER_MAX_ARITY>::type;

// --- compile-time errors ------------------------------------------------------
// Problem templates (see <strata/detail/compile_error.hpp>), declared and
// never defined: the compiler's first error line spells one with the
// component, the parameter and why. The comment on each declaration line is
// quoted below it.

/// A constructor parameter that is neither a configuration nor a component.
template <class Component, class Parameter, fixed_string Why>
struct unsupported_parameter;  // strata: configurations as const Cfg&, std::shared_ptr<const Cfg>, live<Cfg>&; components as T&, const T&, std::shared_ptr<T>

/// A configuration parameter the component could modify.
template <class Component, class Parameter, fixed_string Fix>
struct configuration_parameter_not_const;  // strata: take it as const Cfg&, std::shared_ptr<const Cfg> or live<Cfg>&

/// A parameter whose type the probes cannot see (`Position` counts from 0).
template <class Component, std::size_t Position, fixed_string Why>
struct undiscoverable_parameter;  // strata: a constructor template, or a parameter type with a converting template constructor (std::function, std::optional)

/// A component without a constructor the container can call.
template <class Component, fixed_string Why>
struct no_injectable_constructor;  // strata: none public, several of one length, a T&& parameter, or more than STRATA_CONTAINER_MAX_ARITY

/// Each component needs the next one; the last is the first again.
template <class... Chain>
struct dependency_cycle_chain;  // strata: break the cycle: take one of them later through strata::container& or live<>

/// A `get<T>()` or `validate<T>()` type that is neither a configuration nor a component.
template <class Root, fixed_string Why>
struct unsupported_root;  // strata: get<T>() builds described structs (configurations) and classes (components)

// The reasons and fixes the problems above carry.
inline constexpr fixed_string neither_configuration_nor_component = "not a configuration or a component";
inline constexpr fixed_string take_configuration_as_const = "take it as const Cfg& or live<Cfg>&";
inline constexpr fixed_string hidden_by_a_template = "a template hides its type";
inline constexpr fixed_string no_callable_constructor = "none public, unique and without T&&";

// --- the dependency graph ------------------------------------------------------
// A depth-first walk over types. It records the first error as a type (one of
// the templates above, not instantiated) and stops there; the caller
// reports it, so one mistake gives one error.

template <class Visited, class Configs, class Error>
struct walk_state {
  using visited = Visited;  // components whose subgraph is done, dependencies first
  using configs = Configs;  // configuration types found, in discovery order
  using error = Error;      // void, or the first error found
};

template <class S, class E>
using failed = walk_state<typename S::visited, typename S::configs, E>;
template <class S, class C>
using with_config =
    walk_state<typename S::visited, boost::mp11::mp_set_push_back<typename S::configs, C>, typename S::error>;

template <class S, class Chain, class Node, bool Ok = std::is_void_v<typename S::error>>
struct visit {
  using type = S;  // after an error: stop
};
template <class S, class Chain, class Nodes>
struct visit_all;
template <class S, class Chain>
struct visit_all<S, Chain, mp_list<>> {
  using type = S;
};
template <class S, class Chain, class N, class... R>
struct visit_all<S, Chain, mp_list<N, R...>> {
  using type = typename visit_all<typename visit<S, Chain, N>::type, Chain, mp_list<R...>>::type;
};

template <class S, class Chain, class C>
struct visit<S, Chain, config_node<C>, true> {
  using type = with_config<S, C>;
};
template <class S, class Chain, class C>
struct visit<S, Chain, live_node<C>, true> {
  using type = with_config<S, C>;
};
template <class S, class Chain>
struct visit<S, Chain, container_node, true> {
  using type = S;
};
template <class S, class Chain>
struct visit<S, Chain, context_node, true> {
  using type = S;
};
template <class S, class Chain, class O, class P>
struct visit<S, Chain, unsupported_node<O, P>, true> {
  using type = failed<S, std::conditional_t<std::is_void_v<O>, unsupported_root<P, neither_configuration_nor_component>,
                                                     unsupported_parameter<O, P, neither_configuration_nor_component>>>;
};
template <class S, class Chain, class O, class P>
struct visit<S, Chain, mutable_config_node<O, P>, true> {
  using type = failed<S, configuration_parameter_not_const<O, P, take_configuration_as_const>>;
};
template <class S, class Chain, class O, std::size_t I>
struct visit<S, Chain, unknown_node<O, I>, true> {
  using type = failed<S, undiscoverable_parameter<O, I, hidden_by_a_template>>;
};

/// What a component's subgraph adds: 0 new, 1 on the chain (a cycle), 2 done.
template <class S, class Chain, class T>
inline constexpr int component_status = boost::mp11::mp_contains<Chain, T>::value              ? 1
                                        : boost::mp11::mp_contains<typename S::visited, T>::value ? 2
                                                                                                  : 0;

template <class S, class Chain, class T, int Status = component_status<S, Chain, T>>
struct visit_component;

template <class S, class Chain, class T>
struct visit_component<S, Chain, T, 2> {
  using type = S;
};
/// The chain from T's first occurrence, then T again: "A -> B -> A".
template <class S, class Chain, class T>
struct visit_component<S, Chain, T, 1> {
  using cycle = boost::mp11::mp_push_back<
      boost::mp11::mp_drop_c<Chain, boost::mp11::mp_find<Chain, T>::value>, T>;
  using type = failed<S, boost::mp11::mp_rename<cycle, dependency_cycle_chain>>;
};
template <class S, class Chain, class T, bool Found = (constructor<T>::arity >= 0)>
struct visit_new_component {
  using type = failed<S, no_injectable_constructor<T, no_callable_constructor>>;
};
template <class S, class Chain, class T>
struct visit_new_component<S, Chain, T, true> {
  using below = typename visit_all<S, boost::mp11::mp_push_back<Chain, T>, typename constructor<T>::nodes>::type;
  using type = walk_state<boost::mp11::mp_push_back<typename below::visited, T>, typename below::configs,
                          typename below::error>;
};
template <class S, class Chain, class T>
struct visit_component<S, Chain, T, 0> : visit_new_component<S, Chain, T> {};

template <class S, class Chain, class T>
struct visit<S, Chain, component_node<T>, true> : visit_component<S, Chain, T> {};

/// The node a root type (a `get<T>()` or `validate<T...>()` argument) stands for.
template <class R>
auto root_node() {
  using B = std::remove_cv_t<R>;
  if constexpr (is_described_struct<B>) return config_node<B>{};
  else if constexpr (is_live<B>) return live_node<typename live_of<B>::type>{};
  else if constexpr (is_component<B>()) return component_node<B>{};
  else return unsupported_node<void, R>{};
}

/// The dependency graph below Roots: `ok` when every constructor can be
/// called, every parameter supplied and there is no cycle; otherwise `error`
/// is the first problem, one of the problem templates above (see `check`). `configs` lists every configuration type the graph needs,
/// `components` every component, dependencies first.
template <class... Roots>
struct graph {
  using state = typename visit_all<walk_state<mp_list<>, mp_list<>, void>, mp_list<>,
                                   mp_list<decltype(root_node<Roots>())...>>::type;
  using error = typename state::error;
  static constexpr bool ok = std::is_void_v<error>;
  using configs = typename state::configs;
  using components = typename state::visited;
};

/// Reports the graph's error when there is one.
template <class Graph>
constexpr void check() {
  if constexpr (!Graph::ok) {
    using reported [[maybe_unused]] = typename compile_error<typename Graph::error>::type;
  }
}

}  // namespace detail::di
}  // namespace strata
