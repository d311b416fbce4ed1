// strata/sources/env.ipp: building the environment layer by walking the
// shape of the configuration and looking up the names it derives.
#pragma once

#include <charconv>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <filesystem>

#include <strata/decode/layer.hpp>
#include <strata/detail/add_diagnostic.hpp>
#include <strata/detail/cold.hpp>
#include <strata/detail/did_you_mean.hpp>
#include <strata/detail/message.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/schema/env_names.hpp>
#include <strata/schema/paths.hpp>
#include <strata/schema/shape.hpp>
#include <strata/sources/env.hpp>
#include <strata/sources/overrides.ipp>
#include <strata/sources/source.ipp>

namespace strata {
namespace detail {

/// How an env-like layer names where its values came from: the env layer
/// names variables (and, for one a dotenv file set, its place there); a
/// secrets directory names its files.
struct env_naming {
  origin_kind kind = origin_kind::env;
  std::string_view name_prefix;                  ///< before each variable's name: a secrets directory's path
  const load_environment* contributed = nullptr;  ///< where contributed variables were set
  bool file_indirection = true;                   ///< secret fields also read NAME_FILE
  std::string_view noun = "";                     ///< "secret file " in messages about unknown names
};

using env_target = node_target;

/// Where a variable (or a secrets directory's file) came from.
inline origin origin_of(const env_naming& naming, std::string_view var) {
  origin o{naming.kind, std::string(naming.name_prefix) + std::string(var)};
  if (naming.contributed)
    if (const origin* at = naming.contributed->contributed_at(var)) {
      o.line = at->line;
      o.column = at->column;
      o.via = at->name;
    }
  return o;
}

/// Builds the env layer for one configuration by walking its shape.
class env_builder {
 public:
  /// `within`: the variables the walk may find (all of them, or those with the prefix).
  env_builder(const env_view& vars, env_range within, layer& into, diagnostics& out, std::string_view sep,
              const env_naming& naming, std::vector<std::filesystem::path>* files)
      : vars_(vars),
        range_(within),
        layer_(into),
        out_(out),
        sep_(sep),
        used_(static_cast<std::size_t>(vars.end() - vars.begin())),
        naming_(naming),
        files_(files) {}

  /// Builds a struct's fields into `table`; `name` is the variable name of
  /// the struct itself (the bare prefix at the root, where no separator follows).
  /// `name` and `path` grow by each field's segment while it is built and
  /// are restored after: one buffer for every name of the walk.
  /// `secret`: the struct is secret, or inside a secret value, so its members are.
  void object_fields(const shape& s, toml::table& table, std::string& name, std::string& path, bool root,
                     bool secret = false) {
    const std::size_t name_mark = name.size(), path_mark = path.size();
    // Every name below starts with `name` (and the separator): with few
    // variables left, a member none of them continues with is skipped
    // without building its names.
    const std::size_t key_at = name_mark + (root ? 0 : sep_.size());
    const bool filter = range_.size() <= 16;
    for (std::size_t member = 0; member < s.members.size(); ++member) {
      const member_shape& m = s.members[member];
      const std::string_view cpp_name = s.names[member];  // names derive from it; the tree uses the file's key
      if (filter && !m.type->aliased && !continued_by_some(cpp_name, key_at)) continue;
      if (!root) name += sep_;
      const std::size_t upper_from = name.size();
      name += cpp_name;
      for (std::size_t i = upper_from; i < name.size(); ++i) name[i] = to_upper(name[i]);
      append_key(path, m.key);
      const bool file_variable = naming_.file_indirection && reads_file_variable(*m.type, secret);
      if (m.type->kind == shape_kind::annotated)
        build(*m.type->element, m.type->rules, m.type->rules->discriminator, env_target{&table, m.key, nullptr},
              name, path, secret || m.type->rules->secret, file_variable);
      else
        build(*m.type, nullptr, {}, env_target{&table, m.key, nullptr}, name, path, secret, file_variable);
      name.resize(name_mark);
      path.resize(path_mark);
    }
  }

  /// Whether a variable in range continues at `at` with `key` in upper case.
  bool continued_by_some(std::string_view key, std::size_t at) const {
    for (const auto& [var, value] : range_) {
      if (var.size() < at + key.size()) continue;
      std::size_t i = 0;
      while (i < key.size() && var[at + i] == to_upper(key[i])) ++i;
      if (i == key.size()) return true;
    }
    return false;
  }

  /// The variables below `name` (starting with it and the separator), within
  /// the current range.
  env_range below(std::string& name) const {
    const std::size_t mark = name.size();
    name += sep_;
    const env_range r = range_.starting_with(name);
    name.resize(mark);
    return r;
  }

  /// Which variables (by position in the view) the walk looked at.
  const std::vector<bool>& used() const { return used_; }

 private:
  /// The value of `var` if set and not empty (an empty one is reported and
  /// ignored). Names derived from the schema lie within the current range;
  /// an alias may be anywhere.
  std::optional<std::string_view> lookup(std::string_view var, const std::string& path, bool anywhere = false) {
    const auto end = anywhere ? vars_.end() : range_.end();
    const auto it = anywhere ? vars_.find(var) : range_.find(var);
    if (it == end) return std::nullopt;
    used_[static_cast<std::size_t>(it - vars_.begin())] = true;
    if (it->second.empty()) {
      add_diagnostic(out_, severity::warning, path, format_message("{}{} is set but empty; ignored", naming_.noun, var),
                     origin_of(naming_, var));
      return std::nullopt;
    }
    return it->second;
  }

  void error(std::string_view path, std::string_view message, std::string_view var, std::string_view hint = {}) {
    add_diagnostic(out_, severity::error, path, message, origin_of(naming_, var), hint);
  }

  void attribute_to(const toml::node* n, std::string_view var) {
    if (!n) return;
    const origin* at = naming_.contributed ? naming_.contributed->contributed_at(var) : nullptr;
    if (naming_.name_prefix.empty() && !at) return attribute(layer_, *n, var);
    const std::string name = std::string(naming_.name_prefix) + std::string(var);
    mark_subtree(layer_.origins, *n,
                 {name, at ? std::string_view(at->name) : std::string_view{}, at ? at->line : 0,
                  at ? at->column : 0, 0, 0, false});
  }

  /// A whole container or struct given as one TOML inline value.
  std::optional<toml::table> parse_inline(const std::string& var, std::string_view text, const std::string& path,
                                          std::string_view expected) {
    if (may_nest_deeper(text, max_nesting_depth)) {  // toml++ could overflow the stack
      error(path, format_message("{} nests deeper than {} levels", var, std::to_string(max_nesting_depth)), var);
      return std::nullopt;
    }
    try {
      toml::table parsed = toml::parse("v = " + std::string(text) + "\n");
      if (parsed.size() == 1 && parsed.get("v")) return parsed;
    } catch (const toml::parse_error&) {
    }
    error(path, format_message("{} is not a TOML inline {}", var, expected), var,
          expected == "list" ? "write it like [\"a\", \"b\"]" : "write it like {host = \"db\", port = 5432}");
    return std::nullopt;
  }

  /// `rules` are the annotations of the value itself (aliases), null when
  /// it has none; `disc` is the discriminator of the nearest field or
  /// container holding variants; `secret`: the value is secret or inside a
  /// secret one; `file_variable`: NAME_FILE may hold it (reads_file_variable).
  void build(const shape& s, const field_rules* rules, std::string_view disc, env_target at, std::string& name,
             std::string& path, bool secret, bool file_variable) {
    switch (s.kind) {
      case shape_kind::annotated:
        return build(*s.element, s.rules, disc, at, name, path, secret || s.rules->secret, file_variable);
      case shape_kind::optional: return build(*s.element, rules, disc, at, name, path, secret, file_variable);
      case shape_kind::variant:
        if (disc.empty()) return whole_value(at, name, path);
        return table_like(s, disc, at, name, path, secret);
      case shape_kind::object:
      case shape_kind::map: return table_like(s, disc, at, name, path, secret);
      case shape_kind::list: return list(s, disc, at, name, path, secret);
      case shape_kind::any_table: return whole_table(at, name, path);
      default: return scalar(rules, at, name, path, file_variable);
    }
  }

  /// A shape-selected variant: one variable, read like an argument: TOML
  /// syntax (`[...]`, `{...}`, a quoted string) is parsed, and anything else
  /// is bare text whose TOML literal (`1`, `true`) the decoder reads the
  /// shape of.
  void whole_value(env_target at, const std::string& name, const std::string& path) {
    const auto text = lookup(name, path);
    if (!text) return;
    const std::string_view t = trim(*text);
    if (!t.empty() && (t.front() == '[' || t.front() == '{' || t.front() == '"' || t.front() == '\'')) {
      if (auto parsed = parse_inline(name, t, path, t.front() == '[' ? "list" : "table")) {
        toml::node& v = *parsed->get("v");
        if (auto* a = v.as_array()) return attribute_to(at.put(std::move(*a)), name);
        if (auto* table = v.as_table()) return attribute_to(at.put(std::move(*table)), name);
        if (auto* str = v.as_string()) return attribute_to(at.put(std::move(str->get())), name);
        error(path, format_message("{} is not a TOML inline value this field reads", name), name);
      }
      return;
    }
    toml::node* n = at.put(std::string(*text));
    attribute_to(n, name);
    layer_.bare.push_back(n);
  }

  /// A free-form table: one variable holding a TOML inline table.
  void whole_table(env_target at, const std::string& name, const std::string& path) {
    const auto text = lookup(name, path);
    if (!text) return;
    if (auto parsed = parse_inline(name, *text, path, "table")) {
      if (toml::table* t = parsed->get_as<toml::table>("v")) return attribute_to(at.put(std::move(*t)), name);
      error(path, format_message("{} must be a TOML inline table", name), name,
            "write it like {host = \"db\", port = 5432}");
    }
  }

  void scalar(const field_rules* rules, env_target at, const std::string& name, const std::string& path,
              bool file_variable = false) {
    if (!file_variable && (!rules || rules->aliases.empty())) {  // one name: nothing to reconcile
      if (auto v = lookup(name, path)) attribute_to(at.put(std::string(*v)), name);
      return;
    }
    std::vector<std::pair<std::string, std::string>> found;  // (variable, value)
    if (auto v = lookup(name, path)) found.push_back({name, std::string(*v)});
    if (file_variable) {
      const std::string file_var = name + "_FILE";
      if (auto file = lookup(file_var, path)) {
        if (!found.empty()) {
          error(path, format_message("both {} and {} are set; set only one", name, file_var), file_var);
          return;
        }
        const std::filesystem::path secret_file{std::string(*file)};
        if (files_) files_->push_back(secret_file);  // a rotated secret is a change like any other
        std::string text;
        diagnostics problems;
        const file_status read = read_text_file(secret_file, origin_of(naming_, file_var), problems, text);
        if (read != file_status::ok) {
          error(path,
                format_message("{} names a file that cannot be read ({})", file_var,
                               read == file_status::missing ? std::string_view("no such file")
                                                            : std::string_view(problems.front().message)),
                file_var);
          return;
        }
        if (!text.empty() && text.back() == '\n') text.pop_back();
        if (!text.empty() && text.back() == '\r') text.pop_back();
        found.push_back({file_var, std::move(text)});
      }
    }
    if (rules)
      for (std::string_view alias : rules->aliases)
        if (auto v = lookup(alias, path, true)) found.push_back({std::string(alias), std::string(*v)});
    if (found.empty()) return;
    for (std::size_t i = 1; i < found.size(); ++i) {
      if (found[i].second != found[0].second) {
        error(path, format_message("{} and {} are both set, to different values", found[0].first, found[i].first),
              found[i].first, "set only one of them");
        return;
      }
    }
    attribute_to(at.put(std::move(found[0].second)), found[0].first);
  }

  /// A struct, map or variant: one inline table (`APP_DB={...}`) and/or
  /// one variable per field, entry or alternative field.
  void table_like(const shape& s, std::string_view disc, env_target at, std::string& name, std::string& path,
                  bool secret) {
    toml::node* node = at.existing();
    if (auto whole = lookup(name, path)) {
      if (auto parsed = parse_inline(name, *whole, path, "table")) {
        if (toml::table* t = parsed->get_as<toml::table>("v")) {
          node = at.put(std::move(*t));
          attribute_to(node, name);
        } else {
          error(path, format_message("{} must be a TOML inline table", name), name,
                "write it like {host = \"db\", port = 5432}");
        }
      }
    }
    const env_range inside = below(name);
    if (inside.empty() && !s.aliased) return;  // most of a configuration, most of the time
    const env_range outer = std::exchange(range_, inside.empty() ? range_ : inside);
    const bool created = !node || !node->is_table();
    if (created) node = at.put(toml::table{});
    toml::table& table = *node->as_table();
    if (s.kind == shape_kind::object) {
      object_fields(s, table, name, path, false, secret);
    } else if (s.kind == shape_kind::variant) {
      // The tag (APP_DB__KIND) and the fields of every alternative; the
      // decoder keeps those of the alternative the tag selects.
      const std::string_view key = disc;
      std::string tag_name = name + std::string(sep_);
      for (char c : key) tag_name += to_upper(c);
      std::string tag_path = path;
      append_key(tag_path, key);
      scalar(nullptr, env_target{&table, key, nullptr}, tag_name, tag_path);
      for (const shape* alternative : s.alternatives) object_fields(*alternative, table, name, path, false, secret);
    } else {
      map_entries(s, disc, table, name, path, secret);
    }
    if (created && table.empty()) at.erase();
    range_ = outer;
  }

  /// Entries `NAME__key` of a map; keys are taken verbatim.
  void map_entries(const shape& s, std::string_view disc, toml::table& table, const std::string& name,
                   const std::string& path, bool secret) {
    const bool scalar_values = is_leaf(unannotated(*s.element).kind);
    const std::string prefix = name + std::string(sep_);
    std::vector<std::string> keys;
    const env_range named = env_range(vars_).starting_with(prefix);
    for (auto it = named.begin(); it != named.end(); ++it) {
      std::string_view rest = std::string_view(it->first).substr(prefix.size());
      if (!scalar_values) rest = rest.substr(0, rest.find(sep_));
      if (!rest.empty() && (keys.empty() || keys.back() != rest)) keys.emplace_back(rest);
    }
    for (const std::string& key : keys) {
      std::string child_path = path;
      append_key(child_path, key);
      std::string child_name = prefix + key;
      build(*s.element, nullptr, disc, env_target{&table, key, nullptr}, child_name, child_path, secret, false);
    }
  }

  /// A whole list (`NAME=["a","b"]`) or indexed elements (`NAME__0`, `NAME__1`).
  void list(const shape& s, std::string_view disc, env_target at, const std::string& name,
            const std::string& path, bool secret) {
    const bool scalar_elements = is_leaf(unannotated(*s.element).kind);
    const std::string prefix = name + std::string(sep_);
    std::set<std::size_t> indices;
    std::string first_indexed;
    const env_range named = env_range(vars_).starting_with(prefix);
    for (auto it = named.begin(); it != named.end(); ++it) {
      const std::string_view rest = std::string_view(it->first).substr(prefix.size());
      std::size_t digits = 0;
      while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
      if (digits == 0 || digits > 9) continue;
      if (digits < rest.size() && (scalar_elements || rest.substr(digits).rfind(sep_, 0) != 0)) continue;
      used_[static_cast<std::size_t>(it - vars_.begin())] = true;  // part of this list, even if the list is rejected below
      if (it->second.empty()) continue;  // reported as empty when looked up
      std::size_t index = 0;
      std::from_chars(rest.data(), rest.data() + digits, index);  // at most 9 digits: no overflow
      indices.insert(index);
      if (first_indexed.empty()) first_indexed = it->first;
    }
    const auto whole = lookup(name, path);
    if (whole && !indices.empty()) {
      error(path,
            format_message("{} sets the whole list and {} sets one element; use one form", name, first_indexed),
            first_indexed);
      return;
    }
    if (whole) {
      if (auto parsed = parse_inline(name, *whole, path, "list")) {
        if (toml::array* a = parsed->get_as<toml::array>("v")) attribute_to(at.put(std::move(*a)), name);
        else error(path, format_message("{} must be a TOML inline list", name), name, "write it like [\"a\", \"b\"]");
      }
      return;
    }
    if (indices.empty()) return;
    std::size_t expected = 0;
    for (std::size_t i : indices) {
      if (i != expected) {
        error(path,
              format_message("{}{} is set but {}{} is not; a list from the environment cannot have gaps", prefix,
                             std::to_string(i), prefix, std::to_string(expected)),
              prefix + std::to_string(i));
        return;
      }
      ++expected;
    }
    toml::node* list_node = at.put(toml::array{});
    attribute_to(list_node, first_indexed);
    toml::array& array = *list_node->as_array();
    for (std::size_t i = 0; i < indices.size(); ++i) {
      std::string element = prefix + std::to_string(i);
      std::string element_path = path;
      append_index(element_path, i);
      const std::size_t before = array.size();
      build(*s.element, nullptr, disc, env_target{nullptr, {}, &array}, element, element_path, secret, false);
      if (array.size() == before) array.push_back(toml::table{});  // element with nothing set: keep indices aligned
    }
  }

  const env_view& vars_;
  env_range range_;
  layer& layer_;
  diagnostics& out_;
  std::string_view sep_;
  std::vector<bool> used_;
  const env_naming& naming_;
  std::vector<std::filesystem::path>* files_;
};

STRATA_COLD inline void report_unknown_variable(std::string_view name, const std::vector<std::string>& known,
                                                const env_naming& naming, diagnostics& out) {
  const std::string best = closest(name, known);
  origin o = origin_of(naming, name);
  o.name = capped(o.name);
  add_diagnostic(out, severity::warning, {},
                 format_message("{}{} does not match any setting of this configuration", naming.noun, capped(name)),
                 std::move(o), best.empty() ? std::string{} : "did you mean " + best + "?");
}

/// Variables with the prefix (`named`, within `vars`) that name nothing:
/// warnings, never errors, since platforms inject such names (APP_SERVICE_HOST).
inline void unknown_variables(const shape& root, std::string_view prefix, std::string_view sep, const env_view& vars,
                              env_range named, const std::vector<bool>& used, const env_naming& naming,
                              diagnostics& out) {
  std::vector<std::string> known;
  for (auto it = named.begin(); it != named.end(); ++it) {
    if (used[static_cast<std::size_t>(it - vars.begin())]) continue;
    if (known.empty())  // names are derived only when some variable needs them
      for_each_env_name(root, prefix, sep, [&](std::string_view name, std::string_view) { known.emplace_back(name); });
    if (std::find(known.begin(), known.end(), it->first) != known.end()) continue;
    report_unknown_variable(it->first, known, naming, out);
  }
}

/// Builds an env-like layer (the env source's, a secrets directory's) of a
/// configuration whose root has shape `root`, from `vars`.
inline void build_env_layer(layer& l, const env_view& vars, const load_request& request, const env_naming& naming,
                            diagnostics& out, std::vector<std::filesystem::path>* files) {
  l.all_text = true;
  l.interpolate = false;
  toml::table* table = &l.root;
  std::string section_path;
  for (std::string_view rest = request.section; !rest.empty();) {  // env names skip the section
    const auto dot = rest.find('.');
    const std::string_view key = rest.substr(0, dot);
    rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
    table->insert_or_assign(std::string_view(key), toml::table{});  // a new layer: the key is new
    table = table->get_as<toml::table>(key);
    append_key(section_path, key);
  }
  const shape& root = *request.root;
  const env_range named = env_range(vars).starting_with(request.prefix);
  env_builder builder(vars, root.aliased ? env_range(vars) : named, l, out, request.separator, naming, files);
  std::string name(request.prefix);
  name.reserve(128);
  section_path.reserve(128);
  if (root.aliased || !named.empty()) builder.object_fields(root, *table, name, section_path, true);
  if (!request.prefix.empty())
    unknown_variables(root, request.prefix, request.separator, vars, named, builder.used(), naming, out);
}

}  // namespace detail

void env::read(source_context& ctx) const {
  detail::load_state& s = detail::context_access::state(ctx);
  detail::layer& l = s.layers().emplace_back();
  l.kind = origin_kind::env;
  l.name = "environment";
  if (this == s.first_env) {  // the load's environment, read once: interpolation and profiles see the same
    const detail::env_naming naming{origin_kind::env, {}, &s.environment, true, {}};
    return detail::build_env_layer(l, s.environment.get(), s.request, naming, s.found, s.files);
  }
  const detail::load_environment own(this, &s.contributed);
  const detail::env_naming naming{origin_kind::env, {}, &own, true, {}};
  detail::build_env_layer(l, own.get(), s.request, naming, s.found, s.files);
}

}  // namespace strata
