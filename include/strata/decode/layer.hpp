// strata/decode/layer.hpp: one source after reading, as a TOML table, plus
// what is needed to say where each of its values came from.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <strata/detail/toml.hpp>
#include <strata/report/diagnostic.hpp>

namespace strata::detail {

/// Where the nodes of a layer came from, for the nodes whose origin is not
/// the layer's own and not in the node (toml++ keeps positions only for
/// what it parsed): the variable or argument that set a node of the env or
/// argument layer, a line and column of a YAML or user layer, whether a
/// string is text (parsed by the field's type) or a typed string. Names
/// share one buffer, so a layer built from hundreds of variables makes no
/// allocation per name. The latest entry for a node wins.
class node_origins {
 public:
  struct entry {
    const toml::node* node = nullptr;
    std::uint32_t name_begin = 0, name_size = 0;  ///< in text_; empty: the layer's name
    std::uint32_t via_begin = 0, via_size = 0;
    std::int32_t line = 0, column = 0, key_line = 0, key_column = 0;
    std::uint32_t sequence = 0;  ///< insertion order, so that the latest entry wins after sorting
    bool text = false;           ///< a string to parse by the field's type
  };
  /// What add() records beside the node.
  struct place {
    std::string_view name, via;
    int line = 0, column = 0, key_line = 0, key_column = 0;
    bool text = false;
  };

  void add(const toml::node* n, const place& p) {
    entry e;
    e.node = n;
    e.name_begin = static_cast<std::uint32_t>(text_.size());
    e.name_size = static_cast<std::uint32_t>(p.name.size());
    text_ += p.name;
    e.via_begin = static_cast<std::uint32_t>(text_.size());
    e.via_size = static_cast<std::uint32_t>(p.via.size());
    text_ += p.via;
    e.line = p.line;
    e.column = p.column;
    e.key_line = p.key_line;
    e.key_column = p.key_column;
    e.text = p.text;
    e.sequence = static_cast<std::uint32_t>(entries_.size());
    entries_.push_back(e);
    sealed_ = false;
  }
  /// A node named by a variable or an argument.
  void set(const toml::node* n, std::string_view name) { add(n, {name, {}, 0, 0, 0, 0, false}); }
  void set_if_absent(const toml::node* n, std::string_view name) {
    if (!find(n)) set(n, name);
  }

  const entry* find(const toml::node* n) const {
    if (sealed_) {
      const auto it = std::lower_bound(entries_.begin(), entries_.end(), n,
                                       [](const entry& e, const toml::node* p) { return e.node < p; });
      return it != entries_.end() && it->node == n ? &*it : nullptr;
    }
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)  // while the layer is built
      if (it->node == n) return &*it;
    return nullptr;
  }
  std::string_view name(const entry& e) const { return std::string_view(text_).substr(e.name_begin, e.name_size); }
  std::string_view via(const entry& e) const { return std::string_view(text_).substr(e.via_begin, e.via_size); }
  bool empty() const noexcept { return entries_.empty(); }

  /// Drops the entries of nodes a layer no longer holds (a `defaults` list
  /// taken out for composition): their addresses may be reused.
  template <class Gone>
  void forget_if(Gone&& gone) {
    std::erase_if(entries_, [&](const entry& e) { return gone(e.node); });
  }

  /// Once the layer is complete: sorted by node, one entry per node (the
  /// latest), so that lookups are binary searches.
  void seal() {
    if (sealed_) return;
    std::sort(entries_.begin(), entries_.end(), [](const entry& a, const entry& b) {
      return a.node != b.node ? a.node < b.node : a.sequence < b.sequence;
    });
    auto kept = entries_.begin();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (std::next(it) != entries_.end() && std::next(it)->node == it->node) continue;  // a later one follows
      *kept++ = *it;
    }
    entries_.erase(kept, entries_.end());
    sealed_ = true;
  }

 private:
  std::vector<entry> entries_;
  std::string text_;
  bool sealed_ = false;
};

struct layer {
  origin_kind kind = origin_kind::file;
  std::string name;  ///< file path; for env/args/overrides a short label; a user source's name
  toml::table root;  ///< what was parsed or built
  node_origins origins;
  /// A toml_table source's table, read in place of `root`.
  std::shared_ptr<const toml::table> shared;
  /// Its index among the load's layers, which the trace records.
  std::uint32_t position = 0;
  /// Every string is text, parsed by the field's type (env, args,
  /// overrides); otherwise a string is typed, as in a TOML file, unless its
  /// entry says it is text (a YAML plain scalar, a user source's text).
  bool all_text = false;
  /// `${VAR}` in its strings is resolved (file-like text).
  bool interpolate = true;
  /// Values given as bare text (`debug=1`, `APP_LICENSE=MIT`, a YAML plain
  /// scalar), not TOML syntax: a shape-selected variant reads the shape of
  /// the TOML literal they spell.
  std::vector<const toml::node*> bare{};

  bool is_bare(const toml::node& n) const { return std::find(bare.begin(), bare.end(), &n) != bare.end(); }

  const toml::table& table() const { return shared ? *shared : root; }

  bool text(const toml::node& n) const {
    if (all_text) return true;
    if (origins.empty()) return false;
    const node_origins::entry* e = origins.find(&n);
    return e && e->text;
  }

  strata::origin origin_of(const toml::node& n) const {
    if (!origins.empty())
      if (const node_origins::entry* e = origins.find(&n)) return from_entry(*e);
    if (kind == origin_kind::file) {
      const auto& begin = n.source().begin;
      return {kind, name, static_cast<int>(begin.line), static_cast<int>(begin.column)};
    }
    return {kind, name};
  }

  strata::origin origin_of_key(const toml::key& k, const toml::node& value) const {
    if (kind == origin_kind::file) {
      const auto& begin = k.source().begin;
      if (begin.line != 0) return {kind, name, static_cast<int>(begin.line), static_cast<int>(begin.column)};
    }
    if (!origins.empty())
      if (const node_origins::entry* e = origins.find(&value); e && e->key_line > 0) {
        strata::origin o = from_entry(*e);
        o.line = e->key_line;
        o.column = e->key_column;
        return o;
      }
    return origin_of(value);
  }

 private:
  strata::origin from_entry(const node_origins::entry& e) const {
    const std::string_view entry_name = origins.name(e);
    return {kind, std::string(entry_name.empty() ? std::string_view(name) : entry_name), e.line, e.column,
            std::string(origins.via(e))};
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
