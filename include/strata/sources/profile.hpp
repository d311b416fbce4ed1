// strata/sources/profile.hpp: `profile(dir, name, selector)`, layered
// per-environment files: dir/base.toml, dir/<name>.toml, then dir/local.toml
// if present.
#pragma once

#include <deque>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <strata/decode/layer.hpp>
#include <strata/detail/did_you_mean.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/sources/env.hpp>
#include <strata/sources/toml.hpp>

namespace strata {

namespace detail {
/// What sources share while one configuration loads.
struct load_context {
  env_map environment;  ///< the env(...) source's variables, else the process's
  std::string profile;  ///< set by a profile source; "" without one
};
}  // namespace detail

/// Per-environment files in one folder. With an empty `name` the profile
/// comes from the variable `selector` (read from the configuration's env
/// source, else the process), and is "development" when that is unset.
class profile {
 public:
  explicit profile(std::filesystem::path dir, std::string name = "", std::string selector = "APP_ENV")
      : dir_(std::move(dir)), name_(std::move(name)), selector_(std::move(selector)) {}

  const std::filesystem::path& directory() const noexcept { return dir_; }

  /// The profiles `dir` offers: its .toml files other than base and local.
  std::vector<std::string> available() const {
    std::vector<std::string> names = detail::toml_files_in(dir_);
    std::erase_if(names, [](const std::string& n) { return n == "base" || n == "local"; });
    return names;
  }

  void read(std::deque<detail::layer>& layers, diagnostics& out, detail::load_context& ctx) const {
    origin chosen_by{};
    std::string name = name_;
    if (name.empty()) {
      if (auto it = ctx.environment.find(selector_); it != ctx.environment.end() && !it->second.empty()) {
        name = it->second;
        chosen_by = origin{origin_kind::env, selector_};
      } else {
        name = "development";
      }
    }
    ctx.profile = name;
    toml_file(dir_ / "base.toml").read(layers, out);
    const auto file = dir_ / (name + ".toml");
    std::error_code ec;
    if (name == "base" || name == "local" || !std::filesystem::is_regular_file(file, ec)) {
      const auto options = available();
      std::string hint = fmt::format("available in '{}': {}", dir_.string(), detail::quoted_list(options));
      if (auto best = detail::closest(name, options); !best.empty()) hint += fmt::format("; did you mean '{}'?", best);
      out.push_back({severity::error, {}, fmt::format("unknown profile '{}'", name), chosen_by, std::move(hint)});
    } else {
      toml_file(file).read(layers, out);
    }
    toml_file(dir_ / "local.toml", optional).read(layers, out);
  }

 private:
  std::filesystem::path dir_;
  std::string name_;
  std::string selector_;
};

}  // namespace strata
