// strata/sources/dotenv.hpp: `dotenv(path [, strata::optional])`, a `.env`
// file in Docker Compose's syntax. Its variables join the load's
// environment below the real one: the env(...) source maps them to
// settings, `${VAR}` in files and the profile selector read them, and a
// variable the process environment (or the env(map) given) has wins over
// the file. Parsing is in dotenv.ipp; docs/sources.md has the rules.
#pragma once

#include <filesystem>
#include <string>
#include <utility>

#include <strata/sources/source.hpp>

namespace strata {

/// A `.env` file. Missing is an error unless `strata::optional` is given.
class dotenv {
 public:
  explicit dotenv(std::filesystem::path path) : path_(std::move(path)) {}
  dotenv(std::filesystem::path path, optional_t) : path_(std::move(path)), optional_(true) {}

  const std::filesystem::path& path() const noexcept { return path_; }
  bool is_optional() const noexcept { return optional_; }

  /// Parses the file into the load's environment.
  void add_variables(variables_context& ctx) const;
  /// Adds no layer (env(...) maps the variables); warns when variables
  /// look like the loaded type's but no env(...) source maps them.
  void read(source_context& ctx) const;

 private:
  std::filesystem::path path_;
  bool optional_ = false;
};

}  // namespace strata
