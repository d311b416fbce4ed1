// strata/validate/valid.hpp: `strata::valid(cfg)`, every annotation of a
// configuration object checked in a constant expression, so
// `static_assert(strata::valid(kDefaults))` guards a constexpr configuration;
// and `strata::valid<kDefaults>()`, the same check whose failure names the
// field and the constraint on the compiler's first error line.
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>

#include <strata/declare/tags.hpp>
#include <strata/detail/compile_error.hpp>
#include <strata/schema/static_string.hpp>
#include <strata/schema/traits.hpp>
#include <strata/validate/constraints.hpp>

namespace strata::detail {

// --- the check ----------------------------------------------------------------------
//
// One walk serves both forms: `Sink` is told of each field that breaks a
// constraint and answers whether to go on. valid(cfg) stops at the first;
// valid<cfg>() also records where it was.

/// Where the walk is: the dotted path of the value it looks at.
using value_path = static_string<200>;

template <class V, class Sink>
constexpr bool walk_value(const V& v, value_path& path, Sink& sink);

/// The text of annotation A for a diagnostic: its spelling without
/// "strata::" (`range<1, 64>`), or the message of a `check<>`.
template <class A>
constexpr std::string_view annotation_text() {
  if constexpr (requires { A::predicate; }) {
    return A::message;
  } else {
    std::string_view name = qualified_type_name<A>();
    if (name.starts_with("strata::")) name.remove_prefix(8);
    return name;
  }
}

template <class F, class Sink>
constexpr bool walk_field(const F& f, value_path& path, Sink& sink) {
  using V = value_type_of<F>;
  const V& v = [&]() -> const V& {
    if constexpr (is_annotated<F>) return f.value();
    else return f;
  }();
  bool go_on = true;
  boost::mp11::mp_for_each<annotations_of<F>>([&](auto a) {
    using A = decltype(a);
    using rule = constraint<A>;
    if constexpr (rule::checks && rule::template applies<V>()) {
      if (go_on && !rule::holds(v)) go_on = sink.broken(path, annotation_text<A>());
    }
  });
  using pin = typename boost::mp11::mp_apply<first_pinned, annotations_of<F>>::type;
  if constexpr (!std::is_void_v<pin>) {
    bool pinned = true;
    if constexpr (is_variant<V>) pinned = v.index() == index_of_tag<V>(pin::constant);
    else pinned = constant_matches(v, pin::constant);
    if (go_on && !pinned) go_on = sink.broken(path, annotation_text<pin>());
  }
  return go_on && walk_value(v, path, sink);
}

/// Appends `text` to a path that records (as much as fits: a path is for a
/// diagnostic, never a reason to fail).
template <class Sink>
constexpr void extend(value_path& path, std::string_view text) {
  if constexpr (Sink::records_path) {
    const std::size_t room = 200 - path.size();
    path.append(text.substr(0, room));
  }
}

template <class Sink>
constexpr void append_index(value_path& path, std::size_t index) {
  char digits[20]{};
  std::size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + index % 10);
    index /= 10;
  } while (index != 0);
  extend<Sink>(path, "[");
  while (n > 0) extend<Sink>(path, std::string_view(&digits[--n], 1));
  extend<Sink>(path, "]");
}

template <class V, class Sink>
constexpr bool walk_value(const V& v, value_path& path, Sink& sink) {
  const std::size_t mark = path.size();
  bool go_on = true;
  if constexpr (is_annotated<V>) {
    go_on = walk_field(v, path, sink);
  } else if constexpr (is_described_struct<V>) {
    for_each_member<V>([&](auto d) {
      if (!go_on) return;
      if (!path.empty()) extend<Sink>(path, ".");
      extend<Sink>(path, decltype(d)::name);
      go_on = walk_field(v.*decltype(d)::pointer, path, sink);
      path.truncate(mark);
    });
  } else if constexpr (is_optional<V>) {
    go_on = !v || walk_value(*v, path, sink);
  } else if constexpr (is_variant<V>) {
    go_on = std::visit([&](const auto& alternative) { return walk_value(alternative, path, sink); }, v);
  } else if constexpr (is_vector<V>) {
    std::size_t index = 0;
    for (const auto& item : v) {
      append_index<Sink>(path, index++);
      go_on = walk_value(item, path, sink);
      path.truncate(mark);
      if (!go_on) break;
    }
  } else if constexpr (is_map<V>) {
    for (const auto& [key, item] : v) {
      if (!path.empty()) extend<Sink>(path, ".");
      extend<Sink>(path, key);
      go_on = walk_value(item, path, sink);
      path.truncate(mark);
      if (!go_on) break;
    }
  }
  return go_on;
}

/// Stops at the first broken constraint.
struct stop_at_first {
  static constexpr bool records_path = false;
  constexpr bool broken(const value_path&, std::string_view) { return false; }
};

/// Records the first broken constraint: the field's path and the constraint.
struct first_broken {
  static constexpr bool records_path = true;
  bool found = false;
  value_path path;
  static_string<120> constraint;
  constexpr bool broken(const value_path& where, std::string_view what) {
    found = true;
    path = where;
    constraint = static_string<120>(what.substr(0, 120));
    return false;
  }
};

template <const auto& Config>
inline constexpr first_broken first_broken_v = [] {
  first_broken sink;
  value_path path;
  walk_value(Config, path, sink);
  return sink;
}();

/// A field of the constant configuration `Config` that breaks one of its
/// constraints (`Path` from the root, member names as declared).
template <const auto& Config, fixed_string Path, fixed_string Constraint>
struct constant_breaks_constraint;  // strata: the constant configuration checked by strata::valid<...>() breaks this constraint

}  // namespace strata::detail

namespace strata {

/// True when every annotation of `cfg` holds (bounds, lengths, one_of,
/// check<>, pinned values), recursively. Usable in constant expressions;
/// `pattern<>` is checked only at run time (std::regex is not constexpr).
/// Cross-field `validate()` rules are not run: they report through
/// strata::validation, which needs a load.
template <class T>
constexpr bool valid(const T& cfg) {
  detail::value_path path;
  detail::stop_at_first sink;
  return detail::walk_value(cfg, path, sink);
}

/// The same check for a constant configuration with static storage
/// (`constexpr Limits kDefaults{...};` at namespace scope, or a static
/// member): true, or a compile error whose first line names the constant,
/// the path of the first field that breaks a constraint and the constraint,
/// `constant_breaks_constraint<app::kDefaults, "workers", "range<1, 32>">`.
/// `static_assert(strata::valid<kDefaults>());`
template <const auto& Config>
consteval bool valid() {
  constexpr const detail::first_broken& broken = detail::first_broken_v<Config>;
  if constexpr (broken.found) {
    using reported [[maybe_unused]] = typename detail::compile_error<detail::constant_breaks_constraint<
        Config, detail::exact<broken.path.size()>(broken.path.view()),
        detail::exact<broken.constraint.size()>(broken.constraint.view())>>::type;
  }
  return true;
}

}  // namespace strata
