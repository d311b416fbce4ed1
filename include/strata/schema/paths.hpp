// strata/schema/paths.hpp: dotted paths ("db.port", "origins[2]",
// "labels.team") split into segments, and whether a path names a place in a
// schema.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <strata/detail/utf8.hpp>
#include <strata/schema/shape.hpp>

namespace strata::detail {

struct path_segment {
  std::string key;  ///< empty for an index
  std::optional<std::size_t> index;
};

/// Appends the code point written by the hex digits of `\\uXXXX` or
/// `\\UXXXXXXXX` as UTF-8; false when they are not a Unicode scalar value.
inline bool append_code_point(std::string& out, std::string_view hex) {
  if (hex.size() != 4 && hex.size() != 8) return false;
  std::uint32_t cp = 0;
  for (char c : hex) {
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (digit < 0) return false;
    cp = cp * 16 + static_cast<std::uint32_t>(digit);
  }
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  const auto byte = [&](std::uint32_t b) { out += static_cast<char>(static_cast<unsigned char>(b)); };
  if (cp < 0x80) {
    byte(cp);
  } else if (cp < 0x800) {
    byte(0xC0 | (cp >> 6)), byte(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    byte(0xE0 | (cp >> 12)), byte(0x80 | ((cp >> 6) & 0x3F)), byte(0x80 | (cp & 0x3F));
  } else {
    byte(0xF0 | (cp >> 18)), byte(0x80 | ((cp >> 12) & 0x3F)), byte(0x80 | ((cp >> 6) & 0x3F)), byte(0x80 | (cp & 0x3F));
  }
  return true;
}

/// Splits "a.b[2].\"x.y\"" into segments; nullopt when malformed. Quoted keys
/// take `\\"`, `\\\\` and `\\uXXXX` escapes, as append_key writes them.
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
        if (path[i] == '\\' && i + 1 < path.size()) {
          ++i;
          const std::size_t digits = path[i] == 'u' ? 4 : path[i] == 'U' ? 8 : 0;
          if (digits) {  // \u001B, as append_key writes a control character
            if (!append_code_point(key, path.substr(i + 1, digits))) return std::nullopt;
            i += 1 + digits;
            continue;
          }
        }
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

constexpr bool is_bare_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

/// Appends a key to a dotted path as TOML spells it: bare, or quoted with
/// `"` and `\\` escaped and control characters as `\\u001b`, so that a path
/// is a valid TOML key, split_path reads it back, and a terminal shows it
/// inert. Bytes that are not UTF-8 (no source keeps such a key; the decoder
/// reports it) are shown as `\\xNN`. Messages pass `limit`: a key longer
/// than that shows its first bytes and its length, as capped() does.
inline void append_key(std::string& path, std::string_view key, std::size_t limit = std::string_view::npos) {
  if (!path.empty()) path += '.';
  if (is_bare_key(key) && key.size() <= limit) {
    path += key;
    return;
  }
  constexpr char hex[] = "0123456789abcdef";
  path += '"';
  std::size_t i = 0;
  while (i < key.size() && i < limit) {
    const auto b = static_cast<unsigned char>(key[i]);
    const std::size_t length = utf8_sequence_length(key, i);
    if (length == 0) {
      path += {'\\', 'x', hex[b >> 4], hex[b & 15]};
    } else if (b < 0x20 || b == 0x7F) {
      path += {'\\', 'u', '0', '0', hex[b >> 4], hex[b & 15]};
    } else {
      if (b == '"' || b == '\\') path += '\\';
      path.append(key, i, length);
      i += length;
      continue;
    }
    ++i;
  }
  if (i < key.size()) path += "… (" + std::to_string(key.size()) + " characters)";
  path += '"';
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
