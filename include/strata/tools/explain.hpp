// strata/tools/explain.hpp: `strata::explain(result)`, every leaf of a loaded
// configuration with its value and the origin of that value.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <strata/load.hpp>
#include <strata/report/format.hpp>
#include <strata/report/result.hpp>
#include <strata/tools/dump.hpp>
#include <strata/tools/leaves.hpp>

namespace strata {

namespace detail {

/// The origins of a load by path (later entries win), and the one rule
/// `explain`, `dump --show-origin` and `origin_of()` share: a value's origin
/// is what set that very value (the variable, the argument, the file's
/// line), or `default` when nothing did. Nothing is inherited from a
/// container: a setting that made the table `db` (`db.kind=pg`) did not set
/// `db.port`, and an environment that made a table set none of its defaults.
class origin_index {
 public:
  explicit origin_index(const std::vector<std::pair<std::string, origin>>& recorded) {
    for (const auto& [path, o] : recorded) by_path_[path] = &o;
  }

  /// The origin of the value at `path` as text; `secret` cuts a setting's value.
  std::string text(std::string_view path, bool secret, origin (*adjust)(origin) = nullptr) const {
    if (auto it = by_path_.find(path); it != by_path_.end()) return show(*it->second, secret, adjust);
    // A value written on one line that no source set whole (a redacted
    // secret struct): the one source that set its parts, else "several sources".
    std::string found;
    for (auto it = by_path_.lower_bound(path); it != by_path_.end() && it->first.starts_with(path); ++it) {
      if (it->first.size() == path.size() || (it->first[path.size()] != '.' && it->first[path.size()] != '['))
        continue;
      std::string t = show(*it->second, true, adjust);
      if (found.empty()) found = std::move(t);
      else if (found != t) return "several sources";
    }
    return found.empty() ? std::string("default") : found;
  }

 private:
  static std::string show(const origin& o, bool secret, origin (*adjust)(origin)) {
    return origin_text(adjust ? adjust(o) : o, secret);
  }
  std::map<std::string_view, const origin*, std::less<>> by_path_;
};

/// to_toml with each line's origin as a comment (`dump --show-origin`).
template <class T>
std::string toml_with_origins(const result<T>& loaded, origin (*adjust)(origin) = nullptr) {
  const auto recorded = loaded.origins();
  const origin_index origins(recorded);
  toml_writer w;
  w.after = [&](std::string_view path, bool secret) { return origins.text(path, secret, adjust); };
  w.document(result_access::value(loaded));
  return std::move(w.out);
}

/// explain(), each origin passed through `adjust` first (the CLI shortens
/// file paths for an operator).
template <class T>
std::string explain(const result<T>& loaded, origin (*adjust)(origin)) {
  const auto recorded = loaded.origins();
  const origin_index origins(recorded);
  std::vector<std::pair<std::string, std::string>> lines;  // (path = value, origin)
  std::string path(options_of<T>().section);
  auto visit = [&](std::string_view leaf, const std::string& literal, bool secret) {
    std::string value = secret ? "<redacted>" : literal.empty() ? "(unset)" : literal;
    lines.emplace_back(fmt::format("{} = {}", leaf, value), origins.text(leaf, secret, adjust));
  };
  for_each_leaf(result_access::value(loaded), path, false, {}, visit);

  std::size_t width = 0;
  for (const auto& [text, from] : lines) width = std::max(width, std::min<std::size_t>(text.size(), 56));
  std::string out;
  for (const auto& [text, from] : lines) out += fmt::format("{:<{}}  # {}\n", text, width, from);
  return out;
}

}  // namespace detail

/// One line per leaf, TOML-like, origins as comments; secrets redacted:
///
///     api.port        = 8000                 # configs/app/base.toml:12:8
///     auth.jwt_secret = <redacted>           # env JWT_SECRET
///     model.device    = "cpu"                # configs/app/development.toml:9:10
///
/// Each origin is what set that value, or `default` (as origin_of() says).
/// Works on an invalid result too (fields that failed hold their defaults).
template <class T>
std::string explain(const result<T>& loaded) {
  return detail::explain(loaded, nullptr);
}

}  // namespace strata
