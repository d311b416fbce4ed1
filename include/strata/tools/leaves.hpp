// strata/tools/leaves.hpp: a walk over every leaf of a loaded configuration
// (scalars, list elements, map entries, variant tags), with dotted paths,
// for the dump and explain tools.
#pragma once

#include <limits>
#include <ratio>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include <strata/declare/tags.hpp>
#include <strata/decode/date_time.hpp>
#include <strata/schema/keys.hpp>
#include <strata/schema/paths.hpp>
#include <strata/schema/shape.hpp>
#include <strata/detail/json.hpp>
#include <strata/schema/traits.hpp>
#include <strata/validate/show.hpp>

namespace strata::detail {

// Free-form tables (any_table) are written by the engine, which has toml++
// (detail/any_table.ipp): a tool that includes this header does not parse it.

/// Calls `visit(context, path, literal)` for each value of the table under
/// `path` (arrays whole, as inline TOML), in key order.
void for_each_table_value(const any_table& table, std::string& path, void* context,
                          void (*visit)(void* context, std::string_view path, const std::string& literal));
/// The table as a TOML inline table: `{ a = 1, b = { c = "x" } }`.
std::string inline_table_toml(const any_table& table);
/// The table's body as TOML lines: values as `key = value`, then
/// sub-tables as `[header.key]` and arrays of tables as `[[header.key]]`.
void append_table_toml(std::string& out, const any_table& table, std::string_view header);
/// The table as a JSON object, indented by `indent`.
void append_table_json(std::string& out, const any_table& table, int indent);

/// The duration annotation `duration_unit<U>` of field F, or void.
template <class F>
struct unit_of {
  using type = void;
};
template <class V, class... A>
struct unit_of<annotated<V, A...>> {
  using type = typename find_unit<A...>::type;
};

/// A duration of a field with `duration_unit<U>`: a whole number of U when
/// it is one (as the file wrote it), else duration text.
template <class Unit, class D>
std::string counted_literal(const D& d) {
  if constexpr (!std::is_floating_point_v<typename D::rep>) {
    // in 128 bits: a duration_cast could wrap (uint64 milliseconds to int64 ones)
    using per_unit = std::ratio_divide<typename D::period, typename Unit::unit::period>;
    const wide_int scaled = static_cast<wide_int>(d.count()) * per_unit::num;
    const wide_int units = scaled / per_unit::den;
    if (scaled % per_unit::den == 0 && units >= std::numeric_limits<std::int64_t>::min() &&
        units <= std::numeric_limits<std::int64_t>::max())
      return fmt::format("{}", static_cast<std::int64_t>(units));  // else not whole, or beyond a TOML integer: text
  }
  std::string out;
  append_json_string(out, format_duration(d));
  return out;
}

/// A TOML basic string: JSON's escapes are TOML's (DEL, which TOML forbids
/// raw, included).
inline void append_toml_string(std::string& out, std::string_view s) { append_json_string(out, s); }

/// One leaf as TOML writes it: strings quoted, durations and enums as
/// strings, numbers and booleans bare.
template <class V>
std::string toml_literal(const V& v) {
  std::string out;
  if constexpr (std::is_same_v<V, bool>) {
    out = v ? "true" : "false";
  } else if constexpr (std::is_floating_point_v<V>) {
    out = fmt::format("{}", v);  // shortest round-trip text, kept a TOML float
    if (out.find_first_of(".eEin") == std::string::npos) out += ".0";
  } else if constexpr (std::is_arithmetic_v<V>) {
    out = fmt::format("{}", v);
    if (!std::in_range<std::int64_t>(v)) out = '"' + out + '"';  // no TOML integer holds it: read back from text
  } else if constexpr (std::is_same_v<V, std::string>) {
    append_toml_string(out, v);
  } else if constexpr (std::is_same_v<V, std::filesystem::path>) {
    append_toml_string(out, v.string());
  } else if constexpr (is_described_enum<V>) {
    append_json_string(out, enum_name(v));
  } else if constexpr (is_duration<V>) {
    append_json_string(out, format_duration(v));
  } else if constexpr (is_date_time<V>) {
    out = format_date_time(v);  // a native TOML date-time, unquoted
  } else if constexpr (has_codec<V>) {
    append_toml_string(out, std::string(codec<V>::format(v)));
  }
  return out;
}

/// Calls `visit(path, literal, secret)` for every leaf under `path`.
/// Empty lists and maps, and unset optionals, are leaves too ("[]", "{}", "").
template <class V, class Visit>
void for_each_leaf(const V& v, std::string& path, bool secret, std::string_view disc, Visit& visit) {
  if constexpr (is_annotated<V>) {
    using unit = typename unit_of<V>::type;
    if constexpr (!std::is_void_v<unit>) {
      visit(std::string_view(path), counted_literal<unit>(v.value()), secret || has_annotation<V, strata::secret>);
    } else {
      using D = typename find_discriminator<annotations_of<V>>::type;  // a list or map element's own
      std::string_view key = disc;
      if constexpr (!std::is_void_v<D>) key = D::key;
      for_each_leaf(v.value(), path, secret || has_annotation<V, strata::secret>, key, visit);
    }
  } else if constexpr (is_described_struct<V>) {
    for_each_field<V>([&](auto d, std::string_view field_key) {
      using F = std::remove_cvref_t<decltype(v.*decltype(d)::pointer)>;
      using D = typename find_discriminator<annotations_of<F>>::type;
      path_scope scope(path, field_key);
      const auto& field = v.*decltype(d)::pointer;
      const auto& value = [&]() -> const value_type_of<F>& {
        if constexpr (is_annotated<F>) return field.value();
        else return field;
      }();
      std::string_view key;
      if constexpr (!std::is_void_v<D>) key = D::key;
      for_each_leaf(value, path, secret || has_annotation<F, strata::secret>, key, visit);
    });
  } else if constexpr (is_variant<V>) {
    if (disc.empty()) {  // chosen by shape: the alternative's value is the field's
      std::visit([&](const auto& alternative) { for_each_leaf(alternative, path, secret, {}, visit); }, v);
      return;
    }
    {
      path_scope scope(path, disc);
      std::string tag;
      append_json_string(tag, variant_tags<V>::value[v.index()]);
      visit(std::string_view(path), tag, false);
    }
    std::visit([&](const auto& alternative) { for_each_leaf(alternative, path, secret, {}, visit); }, v);
  } else if constexpr (is_optional<V>) {
    if (v) for_each_leaf(*v, path, secret, disc, visit);
    else visit(std::string_view(path), std::string{}, secret);
  } else if constexpr (is_vector<V>) {
    if (v.empty()) visit(std::string_view(path), std::string("[]"), secret);
    for (std::size_t i = 0; i < v.size(); ++i) {
      path_scope scope(path, i);
      for_each_leaf(v[i], path, secret, disc, visit);
    }
  } else if constexpr (is_map<V>) {
    if (v.empty()) visit(std::string_view(path), std::string("{}"), secret);
    for (const auto& [key, item] : v) {
      path_scope scope(path, key);
      for_each_leaf(item, path, secret, disc, visit);
    }
  } else if constexpr (is_any_table<V>) {
    if (v.empty()) return visit(std::string_view(path), std::string("{}"), secret);
    struct context {
      Visit& visit;
      bool secret;
    } c{visit, secret};
    for_each_table_value(v, path, &c, [](void* p, std::string_view at, const std::string& literal) {
      auto& ctx = *static_cast<context*>(p);
      ctx.visit(at, literal, ctx.secret);
    });
  } else {
    visit(std::string_view(path), toml_literal(v), secret);
  }
}

}  // namespace strata::detail
