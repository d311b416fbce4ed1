// strata/runtime/container.hpp: dependency-injection wiring. `container c{ctx};`
// `c.get<Service>()` builds Service by constructor injection: configuration
// parameters receive the loaded, validated configuration, other parameters
// are components built the same way, once each (singletons), with no
// registration. `c.validate<Roots...>()` loads every configuration the graph
// below Roots needs and reports all their errors before anything is built.
// How constructors are discovered: <strata/runtime/inject.hpp>; the user
// guide: docs/container.md.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeindex>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/mp11/list.hpp>

#include <strata/load.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/report/result.hpp>
#include <strata/runtime/inject.hpp>
#include <strata/runtime/live.hpp>
#include <strata/schema/traits.hpp>

namespace strata {

/// Thrown when resolving a component needs that component again (a cycle
/// the compiler could not see: one that goes through `container::get` called
/// from a constructor). `what()` lists the chain: "A -> B -> A".
class dependency_cycle : public std::logic_error {
 public:
  /// `chain`: the short names shown in `what()`, first and last equal;
  /// `qualified`: the same types with their namespaces.
  dependency_cycle(std::vector<std::string> chain, std::vector<std::string> qualified)
      : std::logic_error("strata: dependency cycle: " + join(chain)),
        chain_(std::move(chain)),
        qualified_(std::move(qualified)) {}

  /// The types of the cycle as in `what()` ("Repository"), first and last equal.
  const std::vector<std::string>& chain() const noexcept { return chain_; }
  /// The same types with their namespaces ("app::Repository").
  const std::vector<std::string>& qualified_chain() const noexcept { return qualified_; }

 private:
  static std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) out += (out.empty() ? "" : " -> ") + name;
    return out;
  }

  std::vector<std::string> chain_;
  std::vector<std::string> qualified_;
};

namespace detail::di {

/// What the container keeps per configuration type: one immutable instance.
template <class C>
struct config_holder {
  std::shared_ptr<const C> ptr;
};

/// What the container keeps per component type: one instance, seen through
/// both pointer types a constructor may ask for.
template <class T>
struct component_holder {
  std::shared_ptr<T> ptr;
  std::shared_ptr<const T> const_ptr;
};

/// What the container keeps per `live<C>` asked for: one instance.
template <class C>
struct live_holder {
  std::shared_ptr<live<C>> ptr;
};

}  // namespace detail::di

/// Builds components by constructor injection from one configuration.
///
/// - Every described struct is a configuration type: loaded with
///   `ctx.load<Cfg>()` once, validated, shared by every component. A
///   constructor takes it as `const Cfg&` or `std::shared_ptr<const Cfg>`.
/// - Every other class is a component: built once, with the constructor
///   that has the most parameters the container can supply. A constructor
///   takes it as `T&`, `const T&` or `std::shared_ptr<T>` (also
///   `std::shared_ptr<const T>`).
/// - `live<Cfg>&` parameters share one `live<Cfg>` per type, owned by the
///   container, for components that follow reloads and runtime overrides.
/// - `strata::container&` and `const strata::configuration&` parameters
///   receive the container and its configuration.
///
/// Instances live as long as the container and are destroyed in reverse
/// order of construction. Every member function is thread-safe: one
/// recursive mutex serializes resolution, so constructors run one at a time
/// and may call `get` on the same container from the same thread (a
/// constructor that waits for another thread calling `get` deadlocks).
class container {
 public:
  /// The container reads configurations from a copy of `ctx`.
  explicit container(configuration ctx) : ctx_(std::move(ctx)) {}

  container(const container&) = delete;
  container& operator=(const container&) = delete;

  ~container() {
    slots_.clear();
    while (!order_.empty()) order_.pop_back();  // dependents before their dependencies
  }

  /// The configuration T (`const T&`), or the component T (`T&`), built
  /// with everything it needs on first use. Before building a component it
  /// loads every configuration its graph needs and throws `config_error`
  /// with all their problems if one is invalid, so nothing is half built.
  /// A dependency cycle or a parameter the container cannot supply is a
  /// compile-time error; a cycle through `get` called from a constructor
  /// throws `dependency_cycle`.
  template <class T>
  std::conditional_t<detail::is_described_struct<std::remove_cv_t<T>>, const T&, T&> get() {
    using B = std::remove_cv_t<T>;
    using graph = detail::di::graph<B>;
    detail::di::check<graph>();
    if constexpr (graph::ok) {
      std::lock_guard lock(mutex_);
      if constexpr (detail::is_described_struct<B>) {
        return static_cast<const B&>(*config_slot<B>().ptr);
      } else if constexpr (detail::di::is_live<B>) {
        using C = typename detail::di::live_of<B>::type;
        if (!slots_.contains(key<detail::di::live_holder<C>>())) require(typename graph::configs{});
        return static_cast<T&>(live_slot<C>());
      } else {
        if (!slots_.contains(key<detail::di::component_holder<B>>())) require(typename graph::configs{});
        return static_cast<T&>(*component_slot<B>().ptr);
      }
    } else {
      std::terminate();  // not reached: check<graph>() did not compile
    }
  }

  /// Loads every configuration type the graph below Roots (components or
  /// configurations) needs and returns all their errors, deduplicated
  /// (empty when every one is valid). Builds nothing and never throws;
  /// valid configurations are kept for `get`. Warnings go to `warnings()`.
  template <class... Roots>
  std::vector<diagnostic> validate() {
    using graph = detail::di::graph<Roots...>;
    std::vector<diagnostic> errors;
    detail::di::check<graph>();
    if constexpr (graph::ok) {
      try {
        std::lock_guard lock(mutex_);
        load_all(typename graph::configs{}, errors, true);
      } catch (const std::exception& e) {
        add_unique(errors, {severity::error, "", std::string("strata: validation failed: ") + e.what(), {}, {}});
      }
    }
    return errors;
  }

  /// The warnings of every configuration loaded so far (deduplicated).
  std::vector<diagnostic> warnings() const {
    std::lock_guard lock(mutex_);
    return warnings_;
  }

  /// The configuration this container reads.
  const configuration& context() const noexcept { return ctx_; }

 private:
  template <class, class>
  friend struct detail::di::resolver;

  template <class H>
  static std::type_index key() {
    return std::type_index(typeid(H));
  }

  template <class H>
  H* find() {
    const auto it = slots_.find(key<H>());
    return it == slots_.end() ? nullptr : static_cast<H*>(it->second.get());
  }

  template <class H>
  H& keep(std::shared_ptr<H> holder) {
    slots_.emplace(key<H>(), holder);
    order_.push_back(holder);
    return *holder;
  }

  static void add_unique(std::vector<diagnostic>& list, diagnostic d) {
    if (std::find(list.begin(), list.end(), d) == list.end()) list.push_back(std::move(d));
  }

  /// Loads C unless it is already kept. Valid: kept, true. Invalid: its
  /// errors (or, with `errors_only == false`, all its diagnostics) are
  /// added to `out`, false.
  template <class C>
  bool load_one(std::vector<diagnostic>& out, bool errors_only) {
    using H = detail::di::config_holder<C>;
    if (find<H>()) return true;
    try {
      result<C> r = ctx_.template load<C>();
      for (const diagnostic& d : r.diagnostics())
        if (d.severity == severity::warning) add_unique(warnings_, d);
      if (!r.ok()) {
        for (const diagnostic& d : r.diagnostics())
          if (!errors_only || d.severity == severity::error) add_unique(out, d);
        return false;
      }
      auto holder = std::make_shared<H>();
      holder->ptr = std::make_shared<const C>(std::move(r).value());
      keep(std::move(holder));
      return true;
    } catch (const std::exception& e) {
      add_unique(out, {severity::error, "",
                       "strata: loading " + std::string(detail::qualified_type_name<C>()) + " failed: " + e.what(),
                       {}, {}});
      return false;
    }
  }

  template <class... C>
  bool load_all(boost::mp11::mp_list<C...>, [[maybe_unused]] std::vector<diagnostic>& out,
                [[maybe_unused]] bool errors_only) {
    bool ok = true;
    ((ok = load_one<C>(out, errors_only) && ok), ...);
    return ok;
  }

  /// Loads the configurations; throws config_error with every problem of
  /// the invalid ones.
  template <class Configs>
  void require(Configs configs) {
    std::vector<diagnostic> problems;
    if (!load_all(configs, problems, false)) throw config_error(std::move(problems));
  }

  template <class C>
  detail::di::config_holder<C>& config_slot() {
    if (auto* held = find<detail::di::config_holder<C>>()) return *held;
    require(boost::mp11::mp_list<C>{});
    return *find<detail::di::config_holder<C>>();
  }

  /// One live<C> per C, loading on its own (and following reloads).
  template <class C>
  live<C>& live_slot() {
    using H = detail::di::live_holder<C>;
    if (auto* held = find<H>()) return *held->ptr;
    auto holder = std::make_shared<H>();
    holder->ptr = std::make_shared<live<C>>(ctx_);  // throws config_error when C is invalid
    return *keep(std::move(holder)).ptr;
  }

  template <class T>
  detail::di::component_holder<T>& component_slot() {
    using H = detail::di::component_holder<T>;
    if (auto* held = find<H>()) return *held;

    const std::type_index type = key<T>();
    const auto first = std::find_if(resolving_.begin(), resolving_.end(),
                                    [&](const frame& f) { return f.type == type; });
    if (first != resolving_.end()) {
      std::vector<std::string> chain, qualified;
      for (auto it = first; it != resolving_.end(); ++it) {
        chain.emplace_back(it->name);
        qualified.emplace_back(it->qualified);
      }
      chain.emplace_back(first->name);
      qualified.emplace_back(first->qualified);
      throw dependency_cycle(std::move(chain), std::move(qualified));
    }

    resolving_.push_back({type, detail::di::short_name<T>(), detail::qualified_type_name<T>()});
    struct pop {
      std::vector<frame>& stack;
      ~pop() { stack.pop_back(); }
    } guard{resolving_};

    auto holder = std::make_shared<H>();
    holder->ptr = construct<T>(std::make_index_sequence<detail::di::constructor<T>::arity>{});
    holder->const_ptr = holder->ptr;
    return keep(std::move(holder));
  }

  template <class T, std::size_t... I>
  std::shared_ptr<T> construct(std::index_sequence<I...>) {
    return std::make_shared<T>(((void)I, detail::di::resolver<container, T>{this})...);
  }

  // What a constructor parameter of type U (as `operator U&` deduced it)
  // receives, by the kind of node it is.
  template <class U, class C>
  U& supply(detail::di::config_node<C>) {
    auto& held = config_slot<C>();
    if constexpr (detail::di::is_shared_ptr<std::remove_cv_t<U>>) return held.ptr;
    else return *held.ptr;
  }
  template <class U, class T>
  U& supply(detail::di::component_node<T>) {
    auto& held = component_slot<T>();
    if constexpr (!detail::di::is_shared_ptr<std::remove_cv_t<U>>) return *held.ptr;
    else if constexpr (std::is_const_v<typename std::remove_cv_t<U>::element_type>) return held.const_ptr;
    else return held.ptr;
  }
  template <class U, class C>
  U& supply(detail::di::live_node<C>) {
    return live_slot<C>();
  }
  template <class U>
  U& supply(detail::di::container_node) {
    return *this;
  }
  template <class U>
  U& supply(detail::di::context_node) {
    return ctx_;
  }

  struct frame {
    std::type_index type;
    std::string_view name;
    std::string_view qualified;
  };

  mutable std::recursive_mutex mutex_;
  configuration ctx_;
  std::unordered_map<std::type_index, std::shared_ptr<void>> slots_;  // holders by holder type
  std::vector<std::shared_ptr<void>> order_;                          // the same, in construction order
  std::vector<frame> resolving_;                                      // components being built, outermost first
  std::vector<diagnostic> warnings_;
};

namespace detail::di {

/// The argument the container passes for each constructor parameter: it
/// converts to a reference to whatever the parameter needs (never to
/// `Owner` itself, so copy and move constructors are not candidates).
template <class Container, class Owner>
struct resolver {
  Container* self;

  template <class U, class = std::enable_if_t<converts_to<U, Owner>>>
  operator U&() const {
    return self->template supply<U>(node_t<Owner, U>{});
  }
};

}  // namespace detail::di

}  // namespace strata
