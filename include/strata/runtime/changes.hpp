// strata/runtime/changes.hpp: which leaves differ between two snapshots of
// a configuration, by dotted path, for live<T>::on_change; and
// `strata::path_changed(changed, "api")` to ask about a whole subtree.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <strata/declare/configured.hpp>
#include <strata/tools/leaves.hpp>

namespace strata {

namespace detail {

/// One leaf of a snapshot: its full dotted path (with T's section, as in
/// diagnostics), its value as TOML writes it, and whether it is secret.
/// Secret literals are compared, never reported.
struct leaf_value {
  std::string path;
  std::string literal;
  bool secret = false;
};

template <class T>
std::vector<leaf_value> leaves_of(const T& value) {
  std::vector<leaf_value> out;
  std::string path(options_of<T>().section);
  auto visit = [&](std::string_view at, const std::string& literal, bool secret) {
    out.push_back({std::string(at), literal, secret});
  };
  for_each_leaf(value, path, false, {}, visit);
  return out;
}

/// The paths whose leaf was changed or added (in `now`'s order), then those
/// that are gone (in `old`'s order). Empty when the snapshots are equal.
inline std::vector<std::string> changed_paths(const std::vector<leaf_value>& old,
                                              const std::vector<leaf_value>& now) {
  std::unordered_map<std::string_view, const std::string*> before;
  before.reserve(old.size());
  for (const leaf_value& l : old) before.emplace(l.path, &l.literal);
  std::vector<std::string> out;
  std::unordered_set<std::string_view> present;
  present.reserve(now.size());
  for (const leaf_value& l : now) {
    present.insert(l.path);
    auto it = before.find(l.path);
    if (it == before.end() || *it->second != l.literal) out.push_back(l.path);
  }
  for (const leaf_value& l : old)
    if (!present.contains(l.path)) out.push_back(l.path);
  return out;
}

}  // namespace detail

/// Whether `path` or anything under it (`path.x`, `path[3]`) is among the
/// changed leaf paths an on_change callback received:
/// `if (strata::path_changed(changed, "api.cors")) rebuild_cors();`
inline bool path_changed(const std::vector<std::string>& changed, std::string_view path) {
  return std::any_of(changed.begin(), changed.end(), [&](const std::string& p) {
    if (path.empty()) return true;
    if (!std::string_view(p).starts_with(path)) return false;
    return p.size() == path.size() || p[path.size()] == '.' || p[path.size()] == '[';
  });
}

}  // namespace strata
