// strata/decode/layer.hpp: one source after reading, as a TOML table, plus
// what is needed to say where each of its values came from.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <strata/detail/toml.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/sources/env.hpp>

namespace strata::detail {

/// Which env variable or argument produced each node of a layer; the
/// latest name given to a node wins. Names share one buffer: a layer built
/// from hundreds of variables makes no allocation per name.
class node_name_table {
 public:
  void set(const toml::node* n, std::string_view name) {
    entries_.push_back({n, static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(name.size())});
    text_ += name;
  }
  void set_if_absent(const toml::node* n, std::string_view name) {
    if (!find(n)) set(n, name);
  }
  std::optional<std::string_view> find(const toml::node* n) const {
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
      if (it->node == n) return std::string_view(text_).substr(it->begin, it->size);
    return std::nullopt;
  }

 private:
  struct entry {
    const toml::node* node;
    std::uint32_t begin, size;
  };
  std::vector<entry> entries_;
  std::string text_;
};

struct layer {
  origin_kind kind = origin_kind::file;
  std::string name;  ///< file path; for env/args/overrides a short label
  toml::table root;  ///< what was parsed or built
  /// For layers not read from one file: the env variable or argument that
  /// produced each node.
  node_name_table node_names;
  /// A toml_table source's table, read in place of `root`.
  std::shared_ptr<const toml::table> shared;
  /// Its index among the load's layers, which the trace records.
  std::uint32_t position = 0;

  const toml::table& table() const { return shared ? *shared : root; }

  /// Strings from env, args and overrides are text, parsed by the field's
  /// type; in files a field takes the TOML type.
  bool text(const toml::node&) const { return kind != origin_kind::file; }

  strata::origin origin_of(const toml::node& n) const {
    if (kind == origin_kind::file) {
      const auto& begin = n.source().begin;
      return {kind, name, static_cast<int>(begin.line), static_cast<int>(begin.column)};
    }
    if (auto name = node_names.find(&n)) return {kind, std::string(*name)};
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
