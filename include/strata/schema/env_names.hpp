// strata/schema/env_names.hpp: environment-variable names derived from the
// schema's shape tables (the pull model): `env_name<T>("db.host")`, the
// effective mapping of a type, and the walk that lists every static name
// (the env source uses it to warn about unknown variables). The
// compile-time collision check derives the same names from the types:
// schema/env_collisions.hpp.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string_view>

#include <strata/declare/configured.hpp>
#include <strata/schema/env_collisions.hpp>
#include <strata/schema/shape.hpp>
#include <strata/schema/static_string.hpp>
#include <strata/schema/traits.hpp>

namespace strata {

namespace detail {

/// automatic: flat when every field of the root is a scalar, tree otherwise.
constexpr mapping effective_mapping(const shape& root, mapping chosen) {
  if (chosen != mapping::automatic) return chosen;
  for (const member_shape& m : root.members)
    if (!is_leaf(unannotated(*m.type).kind)) return mapping::tree;
  return mapping::flat;
}

template <class T>
constexpr mapping effective_mapping() {
  return effective_mapping(*shape_of<T>, options_of<T>().mapping);
}

template <class T>
constexpr std::string_view env_separator() {
  return effective_mapping<T>() == mapping::flat ? "_" : "__";
}

/// Appends the env segments for `path` (relative to a value of shape `s`)
/// to `out`; false when the path does not name a place in it.
constexpr bool append_env_path(env_name_string& out, const shape& s, std::string_view path, std::string_view sep,
                               bool first, std::string_view disc = {}) {
  if (path.empty()) return true;
  switch (s.kind) {
    case shape_kind::annotated:
      return append_env_path(out, *s.element, path, sep, first, s.rules->discriminator);
    case shape_kind::optional:
      return append_env_path(out, *s.element, path, sep, first, disc);
    case shape_kind::variant: {
      if (disc.empty()) return false;  // chosen by shape: one variable holds the whole value
      // The discriminator, or a field of whichever alternative has it.
      const std::string_view rest = first ? path : path.substr(path.front() == '.' ? 1 : 0);
      const std::string_view key = rest.substr(0, rest.find_first_of(".["));
      if (!disc.empty() && key == disc && key.size() == rest.size()) {
        if (!first) out.append(sep);
        append_upper(out, key);
        return true;
      }
      for (const shape* alternative : s.alternatives) {
        env_name_string candidate = out;
        if (append_env_path(candidate, *alternative, path, sep, first)) {
          out = candidate;
          return true;
        }
      }
      return false;
    }
    default: break;
  }
  std::string_view segment;
  bool index = false;
  if (path.front() == '[') {
    const auto close = path.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    segment = path.substr(1, close - 1);
    for (char c : segment)
      if (c < '0' || c > '9') return false;
    path.remove_prefix(close + 1);
    index = true;
  } else {
    if (!first) {
      if (path.front() != '.') return false;
      path.remove_prefix(1);
    }
    const auto end = path.find_first_of(".[");
    segment = path.substr(0, end);
    path = end == std::string_view::npos ? std::string_view{} : path.substr(end);
    if (segment.empty()) return false;
  }
  if (!first) out.append(sep);
  switch (s.kind) {
    case shape_kind::list:
      if (!index) return false;
      out.append(segment);
      return append_env_path(out, *s.element, path, sep, false, disc);
    case shape_kind::map:
      if (index) return false;
      out.append(segment);  // map keys verbatim
      return append_env_path(out, *s.element, path, sep, false, disc);
    case shape_kind::object:
      if (index) return false;
      for (std::size_t i = 0; i < s.members.size(); ++i) {  // the file's key; the C++ name's variable
        if (s.members[i].key != segment) continue;
        append_upper(out, s.names[i]);
        return append_env_path(out, *s.members[i].type, path, sep, false);
      }
      return false;
    default:
      return false;
  }
}

/// Whether the env source also reads `NAME_FILE` (the value is the file's
/// content) for the variable of a struct member of shape `type`: when the
/// member holds one scalar and is secret, by its own annotation or because
/// a value around it is (`inherited`: a secret struct, a secret list of
/// structs). A list or map, secret or not, has no `_FILE` variable. The one
/// rule behind both env() and env_reference().
constexpr bool reads_file_variable(const shape& type, bool inherited) {
  bool secret = inherited;
  const shape* s = &type;
  for (;;) {
    if (s->kind == shape_kind::annotated) secret = secret || s->rules->secret;
    else if (s->kind != shape_kind::optional) break;
    s = s->element;
  }
  return secret && is_leaf(s->kind);
}

// --- every static name of a schema, for the collision check ---------------

template <class F>
constexpr void walk_env(const shape& s, F& visit, env_name_string& name, static_string<200>& path,
                        std::string_view sep, std::string_view disc);

/// Appends a key to a dotted path, quoted when it is not a bare TOML key.
template <std::size_t N>
constexpr void append_path_key(static_string<N>& path, std::string_view key) {
  if (!path.empty()) path.push_back('.');
  bool bare = !key.empty();
  for (char c : key)
    bare = bare && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
  if (bare) return path.append(key);
  path.push_back('"');
  for (char c : key) {
    if (c == '"' || c == '\\') path.push_back('\\');
    path.push_back(c);
  }
  path.push_back('"');
}

template <class F>
constexpr void walk_struct_env(const shape& s, F& visit, env_name_string& name, static_string<200>& path,
                               std::string_view sep) {
  for (std::size_t i = 0; i < s.members.size(); ++i) {
    const member_shape& m = s.members[i];
    const std::size_t name_mark = name.size(), path_mark = path.size();
    if (!path.empty()) name.append(sep);
    append_upper(name, s.names[i]);  // env names derive from the C++ name, paths use the file's key
    append_path_key(path, m.key);
    visit(name.view(), path.view());
    if (m.type->kind == shape_kind::annotated) {
      for (std::string_view alias : m.type->rules->aliases) visit(alias, path.view());
      walk_env(*m.type->element, visit, name, path, sep, m.type->rules->discriminator);
    } else {
      walk_env(*m.type, visit, name, path, sep, {});
    }
    name.truncate(name_mark);
    path.truncate(path_mark);
  }
}

template <class F>
constexpr void walk_env(const shape& s, F& visit, env_name_string& name, static_string<200>& path,
                        std::string_view sep, std::string_view disc) {
  if (s.kind == shape_kind::optional) {
    walk_env(*s.element, visit, name, path, sep, disc);
  } else if (s.kind == shape_kind::object) {
    walk_struct_env(s, visit, name, path, sep);
  } else if (s.kind == shape_kind::variant && !disc.empty()) {
    // the tag, then each alternative's fields at the same level (shared
    // names of several alternatives share one path, so they do not collide)
    const std::size_t name_mark = name.size(), path_mark = path.size();
    name.append(sep);
    append_upper(name, disc);
    path.push_back('.');
    path.append(disc);
    visit(name.view(), path.view());
    name.truncate(name_mark);
    path.truncate(path_mark);
    for (const shape* alternative : s.alternatives) walk_struct_env(*alternative, visit, name, path, sep);
  }
  // lists and maps: element names carry an index or key, known only at run time
}

/// Calls `visit(env_name, dotted_path)` for every static name of a root
/// struct, aliases included.
template <class F>
constexpr void for_each_env_name(const shape& root, std::string_view prefix, std::string_view sep, F&& visit) {
  env_name_string name(prefix);
  static_string<200> path;
  walk_struct_env(root, visit, name, path, sep);
}

template <class T, class F>
constexpr void for_each_env_name(F&& visit) {
  for_each_env_name(*shape_of<T>, options_of<T>().prefix, env_separator<T>(), visit);
}

}  // namespace detail

/// The environment variable that sets `path` in T (`env_name<Http>("db.host")`
/// is "APP_DB__HOST" under tree mapping with prefix "APP_"). Usable in
/// constant expressions; a path that is not in T does not compile there and
/// throws std::invalid_argument at run time.
template <class T>
constexpr env_name_string env_name(std::string_view path) {
  env_name_string out(detail::options_of<T>().prefix);
  if (!detail::append_env_path(out, *detail::shape_of<T>, path, detail::env_separator<T>(), true))
    throw std::invalid_argument("strata::env_name: not a path of this configuration");
  return out;
}

}  // namespace strata
