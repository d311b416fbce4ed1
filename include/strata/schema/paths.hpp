// strata/schema/paths.hpp: dotted paths ("db.port", "origins[2]",
// "labels.team") split into segments, and whether a path names a place in a
// schema.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <strata/schema/traits.hpp>

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

template <class V>
bool type_has_path(const std::vector<path_segment>& segs, std::size_t at, std::string_view disc = {}) {
  if (at == segs.size()) return true;
  const path_segment& s = segs[at];
  if constexpr (is_annotated<V>) {
    using D = typename find_discriminator<annotations_of<V>>::type;
    if constexpr (std::is_void_v<D>) return type_has_path<value_type_of<V>>(segs, at);
    else return type_has_path<value_type_of<V>>(segs, at, D::key);
  } else if constexpr (is_optional<V>) {
    return type_has_path<typename V::value_type>(segs, at, disc);
  } else if constexpr (is_variant<V>) {
    if (!s.index && s.key == disc) return at + 1 == segs.size();
    bool found = false;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::add_pointer_t, V>>([&](auto* alternative) {
      found = found || type_has_path<std::remove_pointer_t<decltype(alternative)>>(segs, at);
    });
    return found;
  } else if constexpr (is_described_struct<V>) {
    if (s.index) return false;
    bool found = false;
    for_each_member<V>([&](auto d) {
      using F = std::remove_cvref_t<decltype(std::declval<V&>().*decltype(d)::pointer)>;
      if (!found && key_of(d.name) == s.key) found = type_has_path<F>(segs, at + 1);
    });
    return found;
  } else if constexpr (is_vector<V>) {
    return s.index && type_has_path<typename V::value_type>(segs, at + 1, disc);
  } else if constexpr (is_map<V>) {
    return !s.index && type_has_path<typename V::mapped_type>(segs, at + 1, disc);
  } else {
    return false;
  }
}

/// Whether `path` (relative to T's section) names a field, element or entry of T.
template <class T>
bool schema_has_path(std::string_view path) {
  auto segs = split_path(path);
  return segs && type_has_path<T>(*segs, 0);
}

}  // namespace strata::detail
