// strata/schema/paths.hpp: dotted paths ("db.port", "origins[2]",
// "labels.team") split into segments, and whether a path names a place in a
// schema.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <strata/schema/shape.hpp>

namespace strata::detail {

struct path_segment {
  std::string key;  ///< empty for an index
  std::optional<std::size_t> index;
};

/// Splits "a.b[2].\"x.y\"" into segments; nullopt when malformed.
inline std::optional<std::vector<path_segment>> split_path(std::string_view path) {
  std::vector<path_segment> out;
  std::size_t i = 0;
  bool expect_key = true;
  while (i < path.size()) {
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos || close == i + 1) return std::nullopt;
      std::size_t index = 0;
      for (std::size_t j = i + 1; j < close; ++j) {
        if (path[j] < '0' || path[j] > '9') return std::nullopt;
        index = index * 10 + static_cast<std::size_t>(path[j] - '0');
      }
      out.push_back({{}, index});
      i = close + 1;
      expect_key = false;
      continue;
    }
    if (!expect_key) {
      if (path[i] != '.') return std::nullopt;
      ++i;
    }
    std::string key;
    if (i < path.size() && path[i] == '"') {
      ++i;
      while (i < path.size() && path[i] != '"') {
        if (path[i] == '\\' && i + 1 < path.size()) ++i;
        key += path[i++];
      }
      if (i >= path.size()) return std::nullopt;
      ++i;
    } else {
      while (i < path.size() && path[i] != '.' && path[i] != '[') key += path[i++];
      if (key.empty()) return std::nullopt;
    }
    out.push_back({std::move(key), std::nullopt});
    expect_key = false;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

/// Whether `segs[at...]` names a place in a value of shape `s`.
inline bool shape_has_path(const shape& s, const std::vector<path_segment>& segs, std::size_t at,
                           std::string_view disc = {}) {
  if (at == segs.size()) return true;
  const path_segment& seg = segs[at];
  switch (s.kind) {
    case shape_kind::annotated: return shape_has_path(*s.element, segs, at, s.rules->discriminator);
    case shape_kind::optional: return shape_has_path(*s.element, segs, at, disc);
    case shape_kind::variant:
      if (!disc.empty() && !seg.index && seg.key == disc) return at + 1 == segs.size();
      for (const shape* alternative : s.alternatives)
        if (shape_has_path(*alternative, segs, at)) return true;
      return false;
    case shape_kind::object:
      if (seg.index) return false;
      for (const member_shape& m : s.members)
        if (m.key == seg.key) return shape_has_path(*m.type, segs, at + 1);
      return false;
    case shape_kind::list: return seg.index && shape_has_path(*s.element, segs, at + 1, disc);
    case shape_kind::map: return !seg.index && shape_has_path(*s.element, segs, at + 1, disc);
    case shape_kind::any_table: return true;  // holds whatever the sources gave
    default: return false;
  }
}

/// Whether `path` (relative to the root) names a field, element or entry of it.
inline bool shape_has_path(const shape& root, std::string_view path) {
  auto segs = split_path(path);
  return segs && shape_has_path(root, *segs, 0);
}

/// Appends a key to a dotted path, quoting keys that are not bare TOML keys.
constexpr bool is_bare_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

inline void append_key(std::string& path, std::string_view key) {
  if (!path.empty()) path += '.';
  if (is_bare_key(key)) {
    path += key;
  } else {
    path += '"';
    for (char c : key) {
      if (c == '"' || c == '\\') path += '\\';
      path += c;
    }
    path += '"';
  }
}

inline void append_index(std::string& path, std::size_t index) {
  path += '[';
  path += std::to_string(index);
  path += ']';
}

/// Restores the path when a nested field is done.
class path_scope {
 public:
  path_scope(std::string& path, std::string_view key) : path_(path), size_(path.size()) { append_key(path, key); }
  path_scope(std::string& path, std::size_t index) : path_(path), size_(path.size()) { append_index(path, index); }
  ~path_scope() { path_.resize(size_); }
  path_scope(const path_scope&) = delete;
  path_scope& operator=(const path_scope&) = delete;

 private:
  std::string& path_;
  std::size_t size_;
};

}  // namespace strata::detail
