// strata/sources/secrets_dir.hpp: `secrets_dir(path [, strata::optional])`,
// Docker and Kubernetes secret mounts: one file per value, named by the
// field's environment variable name (`/run/secrets/APP_DB__PASSWORD`), one
// trailing newline stripped. Reading is in secrets_dir.ipp.
#pragma once

#include <filesystem>
#include <utility>

#include <strata/sources/source.hpp>

namespace strata {

/// A directory of secret files. Missing is an error unless
/// `strata::optional` is given.
class secrets_dir {
 public:
  explicit secrets_dir(std::filesystem::path path) : path_(std::move(path)) {}
  secrets_dir(std::filesystem::path path, optional_t) : path_(std::move(path)), optional_(true) {}

  const std::filesystem::path& path() const noexcept { return path_; }
  bool is_optional() const noexcept { return optional_; }

  void read(source_context& ctx) const;

 private:
  std::filesystem::path path_;
  bool optional_ = false;
};

}  // namespace strata
