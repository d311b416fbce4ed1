// strata/tools/explain.hpp: `strata::explain(result)`, every leaf of a loaded
// configuration with its value and the origin of that value.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <strata/load.hpp>
#include <strata/report/format.hpp>
#include <strata/report/result.hpp>
#include <strata/tools/dump.hpp>
#include <strata/tools/leaves.hpp>

namespace strata {

namespace detail {
/// explain(), each origin shown as `shown(origin)` gives it (the CLI
/// shortens file paths for an operator).
template <class T, class Shown>
std::string explain(const result<T>& loaded, const Shown& shown) {
  const auto recorded = loaded.origins();
  std::unordered_map<std::string_view, const origin*> origins;
  for (const auto& [path, o] : recorded) origins[path] = &o;  // later entries win

  std::vector<std::pair<std::string, std::string>> lines;  // (path = value, origin)
  std::string path(options_of<T>().section);
  auto visit = [&](std::string_view leaf, const std::string& literal, bool secret) {
    // the origin of a leaf, or of the nearest container that set it whole
    // An inherited origin is shown with its value cut: a setting that made
    // a table (`services.api.api_key=...`) may hold a sibling's secret.
    const origin* from = nullptr;
    bool inherited = false;
    for (std::string_view p = leaf; !from && !p.empty();) {
      if (auto it = origins.find(p); it != origins.end()) from = it->second;
      else inherited = true;
      const auto cut = p.find_last_of(".[");
      p = cut == std::string_view::npos ? std::string_view{} : p.substr(0, cut);
    }
    std::string value = secret ? "<redacted>" : literal.empty() ? "(unset)" : literal;
    lines.emplace_back(fmt::format("{} = {}", leaf, value), from ? origin_text(shown(*from), secret || inherited) : "default");
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
/// Works on an invalid result too (fields that failed hold their defaults).
template <class T>
std::string explain(const result<T>& loaded) {
  return detail::explain(loaded, [](const origin& o) -> const origin& { return o; });
}

}  // namespace strata
