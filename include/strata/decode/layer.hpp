// strata/decode/layer.hpp: one source after reading, as a TOML table, plus
// what is needed to say where each of its values came from.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <strata/detail/toml.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/sources/env.hpp>

namespace strata::detail {

struct layer {
  origin_kind kind = origin_kind::file;
  std::string name;  ///< file path; for env/args/overrides a short label
  toml::table root;  ///< what was parsed or built
  /// For layers not read from one file: the env variable or argument that
  /// produced each node.
  std::unordered_map<const toml::node*, std::string> node_names;
  /// A toml_table source's table, read in place of `root`.
  std::shared_ptr<const toml::table> shared;

  const toml::table& table() const { return shared ? *shared : root; }

  /// Strings from env, args and overrides are text, parsed by the field's
  /// type; in files a field takes the TOML type.
  bool text(const toml::node&) const { return kind != origin_kind::file; }

  strata::origin origin_of(const toml::node& n) const {
    if (kind == origin_kind::file) {
      const auto& begin = n.source().begin;
      return {kind, name, static_cast<int>(begin.line), static_cast<int>(begin.column)};
    }
    if (auto it = node_names.find(&n); it != node_names.end()) return {kind, it->second};
    return {kind, name};
  }

  strata::origin origin_of_key(const toml::key& k, const toml::node& value) const {
    if (kind == origin_kind::file) {
      const auto& begin = k.source().begin;
      if (begin.line != 0) return {kind, name, static_cast<int>(begin.line), static_cast<int>(begin.column)};
    }
    return origin_of(value);
  }
};

/// A value for one path in one layer. Slots of a path are kept lowest
/// precedence first.
struct slot {
  const toml::node* node;
  const layer* source;
};

constexpr std::string_view toml_type_label(toml::node_type t) {
  switch (t) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "a list";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

}  // namespace strata::detail
