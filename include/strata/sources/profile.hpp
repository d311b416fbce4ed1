// strata/sources/profile.hpp: `profile(dir, name, selector)`, layered
// per-environment files: dir/base, dir/<name>, then dir/local if present,
// each a .toml file or one of a registered format (profile.ipp reads them).
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <strata/sources/source.hpp>
#include <strata/sources/toml.hpp>

namespace strata {

/// Per-environment files in one folder. With an empty `name` the profile
/// comes from the variable `selector` (read from the configuration's env
/// source, else the process), and is "development" when that is unset.
class profile {
 public:
  explicit profile(std::filesystem::path dir, std::string name = "", std::string selector = "APP_ENV")
      : dir_(std::move(dir)), name_(std::move(name)), selector_(std::move(selector)) {}

  const std::filesystem::path& directory() const noexcept { return dir_; }
  const std::string& name() const noexcept { return name_; }
  const std::string& selector() const noexcept { return selector_; }

  void read(source_context& ctx) const;

  /// The profiles `dir` offers: its configuration files (.toml, and those
  /// of registered formats such as .yaml) other than base and local.
  std::vector<std::string> available() const {
    std::vector<std::string> names = detail::config_files_in(dir_);
    std::erase_if(names, [](const std::string& n) { return n == "base" || n == "local"; });
    return names;
  }

 private:
  std::filesystem::path dir_;
  std::string name_;
  std::string selector_;
};

}  // namespace strata
