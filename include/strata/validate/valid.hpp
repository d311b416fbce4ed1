// strata/validate/valid.hpp: `strata::valid(cfg)`, every annotation of a
// configuration object checked in a constant expression, so
// `static_assert(strata::valid(kDefaults))` guards a constexpr configuration.
#pragma once

#include <type_traits>

#include <strata/declare/tags.hpp>
#include <strata/schema/traits.hpp>
#include <strata/validate/constraints.hpp>

namespace strata::detail {

template <class V>
constexpr bool value_valid(const V& v);

template <class F>
constexpr bool field_valid(const F& f) {
  using V = value_type_of<F>;
  const V& v = [&]() -> const V& {
    if constexpr (is_annotated<F>) return f.value();
    else return f;
  }();
  bool ok = true;
  boost::mp11::mp_for_each<annotations_of<F>>([&](auto a) {
    using rule = constraint<decltype(a)>;
    if constexpr (rule::checks && rule::template applies<V>()) ok = ok && rule::holds(v);
  });
  using pin = typename boost::mp11::mp_apply<first_pinned, annotations_of<F>>::type;
  if constexpr (is_variant<V> && !std::is_void_v<pin>) ok = ok && v.index() == index_of_tag<V>(pin::constant);
  else if constexpr (!std::is_void_v<pin>) ok = ok && constant_matches(v, pin::constant);
  return ok && value_valid(v);
}

template <class V>
constexpr bool value_valid(const V& v) {
  if constexpr (is_annotated<V>) {
    return field_valid(v);
  } else if constexpr (is_described_struct<V>) {
    bool ok = true;
    for_each_member<V>([&](auto d) { ok = ok && field_valid(v.*decltype(d)::pointer); });
    return ok;
  } else if constexpr (is_optional<V>) {
    return !v || value_valid(*v);
  } else if constexpr (is_variant<V>) {
    return std::visit([](const auto& alternative) { return value_valid(alternative); }, v);
  } else if constexpr (is_vector<V>) {
    for (const auto& item : v)
      if (!value_valid(item)) return false;
    return true;
  } else if constexpr (is_map<V>) {
    for (const auto& [key, item] : v)
      if (!value_valid(item)) return false;
    return true;
  } else {
    return true;
  }
}

}  // namespace strata::detail

namespace strata {

/// True when every annotation of `cfg` holds (bounds, lengths, one_of,
/// check<>, pinned values), recursively. Usable in constant expressions;
/// `pattern<>` is checked only at run time (std::regex is not constexpr).
/// Cross-field `validate()` rules are not run: they report through
/// strata::validation, which needs a load.
template <class T>
constexpr bool valid(const T& cfg) {
  return detail::value_valid(cfg);
}

}  // namespace strata
