// strata/sources/env.hpp: the environment source. Names are generated from
// the schema and looked up (pull), never produced by splitting variable
// names on '_': `APP_DB__HOST`, `APP_ORIGINS__0`, `APP_LABELS__team`.
#pragma once

#include <deque>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <strata/decode/layer.hpp>
#include <strata/detail/did_you_mean.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/schema/env_names.hpp>
#include <strata/schema/traits.hpp>
#include <strata/sources/overrides.hpp>

extern char** environ;

namespace strata::detail {

inline env_map process_environment() {
  env_map vars;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string_view::npos) vars.emplace(entry.substr(0, eq), entry.substr(eq + 1));
  }
  return vars;
}

/// Where a built node goes: a key of a table, or the end of a list.
struct env_target {
  toml::table* table = nullptr;
  std::string_view key;
  toml::array* array = nullptr;

  toml::node* existing() const { return table ? table->get(key) : nullptr; }
  template <class N>
  toml::node* put(N&& node) const {
    if (table) {
      table->insert_or_assign(key, std::forward<N>(node));
      return table->get(key);
    }
    array->push_back(std::forward<N>(node));
    return &array->back();
  }
  void erase() const {
    if (table) table->erase(key);
    else array->pop_back();
  }
};

template <class F>
struct env_field_info {
  static constexpr bool secret = has_annotation<F, strata::secret>;
  template <class Visit>
  static void aliases(Visit&& visit) {
    alias_names<annotations_of<F>>::each(visit);
  }
};

/// Builds the env layer for one configuration type by walking its schema.
class env_builder {
 public:
  env_builder(const env_map& vars, layer& into, diagnostics& out, std::string_view sep)
      : vars_(vars), layer_(into), out_(out), sep_(sep) {}

  /// Builds T's fields into `table`; `name` is the variable name of T
  /// itself (the bare prefix at the root, where no separator follows).
  template <class T>
  void object_fields(toml::table& table, const std::string& name, const std::string& path, bool root) {
    for_each_member<T>([&](auto d) {
      using M = std::remove_cvref_t<decltype(std::declval<T&>().*decltype(d)::pointer)>;
      const std::string_view key = key_of(d.name);
      std::string field_name = root ? name : name + std::string(sep_);
      for (char c : key) field_name += to_upper(c);
      std::string field_path = path;
      append_key(field_path, key);
      build<value_type_of<M>, env_field_info<M>, typename find_discriminator<annotations_of<M>>::type>(
          env_target{&table, key, nullptr}, field_name, field_path);
    });
  }

  const std::set<std::string, std::less<>>& used() const { return used_; }

 private:
  /// The value of `var` if set and not empty (an empty one is reported and ignored).
  std::optional<std::string> lookup(const std::string& var, const std::string& path) {
    auto it = vars_.find(var);
    if (it == vars_.end()) return std::nullopt;
    used_.insert(var);
    if (it->second.empty()) {
      out_.push_back({severity::warning, path, fmt::format("{} is set but empty; ignored", var),
                      origin{origin_kind::env, var}, {}});
      return std::nullopt;
    }
    return it->second;
  }

  void error(const std::string& path, std::string message, const std::string& var, std::string hint = {}) {
    out_.push_back({severity::error, path, std::move(message), origin{origin_kind::env, var}, std::move(hint)});
  }

  void attribute_to(const toml::node* n, const std::string& var) {
    if (n) attribute(layer_, *n, var);
  }

  /// A whole container or struct given as one TOML inline value.
  std::optional<toml::table> parse_inline(const std::string& var, const std::string& text, const std::string& path,
                                          std::string_view expected) {
    if (nesting_estimate(text) > max_nesting_depth) {  // toml++ could overflow the stack
      error(path, fmt::format("{} nests deeper than {} levels", var, max_nesting_depth), var);
      return std::nullopt;
    }
    try {
      toml::table parsed = toml::parse("v = " + text + "\n");
      if (parsed.size() == 1 && parsed.get("v")) return parsed;
    } catch (const toml::parse_error&) {
    }
    error(path, fmt::format("{} is not a TOML inline {}", var, expected), var,
          expected == "list" ? "write it like [\"a\", \"b\"]" : "write it like {host = \"db\", port = 5432}");
    return std::nullopt;
  }

  template <class V, class Info, class Disc>
  void build(env_target at, const std::string& name, const std::string& path) {
    if constexpr (is_annotated<V>) {
      build<value_type_of<V>, env_field_info<V>, Disc>(at, name, path);
    } else if constexpr (is_optional<V>) {
      build<typename V::value_type, Info, Disc>(at, name, path);
    } else if constexpr (is_described_struct<V> || is_map<V> || is_variant<V>) {
      table_like<V, Disc>(at, name, path);
    } else if constexpr (is_vector<V>) {
      list<V, Disc>(at, name, path);
    } else {
      scalar<Info>(at, name, path);
    }
  }

  template <class Info>
  void scalar(env_target at, const std::string& name, const std::string& path) {
    std::vector<std::pair<std::string, std::string>> found;  // (variable, value)
    if (auto v = lookup(name, path)) found.emplace_back(name, std::move(*v));
    if constexpr (Info::secret) {
      const std::string file_var = name + "_FILE";
      if (auto file = lookup(file_var, path)) {
        if (!found.empty()) {
          error(path, fmt::format("both {} and {} are set; set only one", name, file_var), file_var);
          return;
        }
        std::ifstream in(*file, std::ios::binary);
        std::ostringstream content;
        if (in) content << in.rdbuf();
        if (!in) {
          error(path, fmt::format("{} names a file that cannot be read", file_var), file_var);
          return;
        }
        std::string text = content.str();
        if (!text.empty() && text.back() == '\n') text.pop_back();
        if (!text.empty() && text.back() == '\r') text.pop_back();
        found.emplace_back(file_var, std::move(text));
      }
    }
    Info::aliases([&](std::string_view alias) {
      if (auto v = lookup(std::string(alias), path)) found.emplace_back(alias, std::move(*v));
    });
    if (found.empty()) return;
    for (std::size_t i = 1; i < found.size(); ++i) {
      if (found[i].second != found[0].second) {
        error(path, fmt::format("{} and {} are both set, to different values", found[0].first, found[i].first),
              found[i].first, "set only one of them");
        return;
      }
    }
    attribute_to(at.put(found[0].second), found[0].first);
  }

  /// A struct, map or variant: one inline table (`APP_DB={...}`) and/or
  /// one variable per field, entry or alternative field.
  template <class V, class Disc>
  void table_like(env_target at, const std::string& name, const std::string& path) {
    toml::node* node = at.existing();
    if (auto whole = lookup(name, path)) {
      if (auto parsed = parse_inline(name, *whole, path, "table")) {
        if (toml::table* t = parsed->get_as<toml::table>("v")) {
          node = at.put(std::move(*t));
          attribute_to(node, name);
        } else {
          error(path, fmt::format("{} must be a TOML inline table", name), name,
                "write it like {host = \"db\", port = 5432}");
        }
      }
    }
    const bool created = !node || !node->is_table();
    if (created) node = at.put(toml::table{});
    toml::table& table = *node->as_table();
    if constexpr (is_described_struct<V>) {
      object_fields<V>(table, name, path, false);
    } else if constexpr (is_variant<V>) {
      // The tag (APP_DB__KIND) and the fields of every alternative; the
      // decoder keeps those of the alternative the tag selects.
      std::string tag_name = name + std::string(sep_);
      for (char c : Disc::key) tag_name += to_upper(c);
      std::string tag_path = path;
      append_key(tag_path, Disc::key);
      scalar<env_field_info<std::string>>(env_target{&table, Disc::key, nullptr}, tag_name, tag_path);
      boost::mp11::mp_for_each<boost::mp11::mp_transform<std::add_pointer_t, V>>([&](auto* alternative) {
        object_fields<std::remove_pointer_t<decltype(alternative)>>(table, name, path, false);
      });
    } else {
      map_entries<V, Disc>(table, name, path);
    }
    if (created && table.empty()) at.erase();
  }

  /// Entries `NAME__key` of a map; keys are taken verbatim.
  template <class V, class Disc>
  void map_entries(toml::table& table, const std::string& name, const std::string& path) {
    using U = typename V::mapped_type;
    const std::string prefix = name + std::string(sep_);
    std::vector<std::string> keys;
    for (auto it = vars_.lower_bound(prefix); it != vars_.end() && it->first.starts_with(prefix); ++it) {
      std::string_view rest = std::string_view(it->first).substr(prefix.size());
      if constexpr (!is_scalar<U>) rest = rest.substr(0, rest.find(sep_));
      if (!rest.empty() && (keys.empty() || keys.back() != rest)) keys.emplace_back(rest);
    }
    for (const std::string& key : keys) {
      std::string child_path = path;
      append_key(child_path, key);
      build<U, env_field_info<U>, Disc>(env_target{&table, key, nullptr}, prefix + key, child_path);
    }
  }

  /// A whole list (`NAME=["a","b"]`) or indexed elements (`NAME__0`, `NAME__1`).
  template <class V, class Disc>
  void list(env_target at, const std::string& name, const std::string& path) {
    using U = typename V::value_type;
    const std::string prefix = name + std::string(sep_);
    std::set<std::size_t> indices;
    std::string first_indexed;
    for (auto it = vars_.lower_bound(prefix); it != vars_.end() && it->first.starts_with(prefix); ++it) {
      const std::string_view rest = std::string_view(it->first).substr(prefix.size());
      std::size_t digits = 0;
      while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
      if (digits == 0 || digits > 9) continue;
      if (digits < rest.size() && (is_scalar<U> || rest.substr(digits).rfind(sep_, 0) != 0)) continue;
      used_.insert(it->first);  // part of this list, even if the list is rejected below
      if (it->second.empty()) continue;  // reported as empty when looked up
      indices.insert(std::stoul(std::string(rest.substr(0, digits))));
      if (first_indexed.empty()) first_indexed = it->first;
    }
    const auto whole = lookup(name, path);
    if (whole && !indices.empty()) {
      error(path, fmt::format("{} sets the whole list and {} sets one element; use one form", name, first_indexed),
            first_indexed);
      return;
    }
    if (whole) {
      if (auto parsed = parse_inline(name, *whole, path, "list")) {
        if (toml::array* a = parsed->get_as<toml::array>("v")) attribute_to(at.put(std::move(*a)), name);
        else error(path, fmt::format("{} must be a TOML inline list", name), name, "write it like [\"a\", \"b\"]");
      }
      return;
    }
    if (indices.empty()) return;
    std::size_t expected = 0;
    for (std::size_t i : indices) {
      if (i != expected) {
        error(path,
              fmt::format("{}{} is set but {}{} is not; a list from the environment cannot have gaps", prefix, i,
                          prefix, expected),
              fmt::format("{}{}", prefix, i));
        return;
      }
      ++expected;
    }
    toml::node* list_node = at.put(toml::array{});
    layer_.node_names.insert_or_assign(list_node, first_indexed);
    toml::array& array = *list_node->as_array();
    for (std::size_t i = 0; i < indices.size(); ++i) {
      const std::string element = fmt::format("{}{}", prefix, i);
      std::string element_path = fmt::format("{}[{}]", path, i);
      const std::size_t before = array.size();
      build<U, env_field_info<U>, Disc>(env_target{nullptr, {}, &array}, element, element_path);
      if (array.size() == before) array.push_back(toml::table{});  // element with nothing set: keep indices aligned
    }
  }

  const env_map& vars_;
  layer& layer_;
  diagnostics& out_;
  std::string_view sep_;
  std::set<std::string, std::less<>> used_;
};

}  // namespace strata::detail

namespace strata {

/// The environment: the process environment read at load time, or a map
/// injected for tests (`env({{"APP_PORT", "80"}})`).
class env {
 public:
  env() = default;
  explicit env(std::map<std::string, std::string> vars) : injected_(detail::env_map(vars.begin(), vars.end())) {}

  /// The variables this source sees now.
  detail::env_map variables() const { return injected_ ? *injected_ : detail::process_environment(); }

  template <class T>
  void read(std::deque<detail::layer>& layers, diagnostics& out) const {
    constexpr options opts = detail::options_of<T>();
    const detail::env_map vars = variables();
    detail::layer& l = layers.emplace_back();
    l.kind = origin_kind::env;
    l.name = "environment";
    toml::table* root = &l.root;
    std::string section_path;
    for (std::string_view rest = opts.section; !rest.empty();) {  // env names skip the section
      const auto dot = rest.find('.');
      const std::string_view key = rest.substr(0, dot);
      rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
      root->insert(key, toml::table{});
      root = root->get_as<toml::table>(key);
      detail::append_key(section_path, key);
    }
    detail::env_builder builder(vars, l, out, detail::env_separator<T>());
    builder.template object_fields<T>(*root, std::string(opts.prefix), section_path, true);
    if (!opts.prefix.empty()) unknown_variables<T>(vars, builder.used(), out);
  }

 private:
  /// Variables with T's prefix that name nothing: warnings, never errors,
  /// since platforms inject such names (APP_SERVICE_HOST).
  template <class T>
  static void unknown_variables(const detail::env_map& vars, const std::set<std::string, std::less<>>& used,
                                diagnostics& out) {
    constexpr std::string_view prefix = detail::options_of<T>().prefix;
    std::vector<std::string> known;
    detail::for_each_env_name<T>([&](std::string_view name, std::string_view) { known.emplace_back(name); });
    for (auto it = vars.lower_bound(prefix); it != vars.end() && it->first.starts_with(prefix); ++it) {
      if (used.contains(it->first)) continue;
      if (std::find(known.begin(), known.end(), it->first) != known.end()) continue;
      std::string best = detail::closest(it->first, known);
      out.push_back({severity::warning, {}, fmt::format("{} does not match any setting of this configuration", it->first),
                     origin{origin_kind::env, it->first}, best.empty() ? std::string{} : "did you mean " + best + "?"});
    }
  }

  std::optional<detail::env_map> injected_;
};

}  // namespace strata
