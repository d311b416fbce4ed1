// strata/sources/env.hpp: the environment source. Names are generated from
// the schema and looked up (pull), never produced by splitting variable
// names on '_': `APP_DB__HOST`, `APP_ORIGINS__0`, `APP_LABELS__team`.
// Reading is in env.ipp.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

extern char** environ;

namespace strata {

namespace detail {

/// Environment variables by name (the process's, or a map injected for tests).
using env_map = std::map<std::string, std::string, std::less<>>;

inline env_map process_environment() {
  env_map vars;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string_view::npos) vars.emplace(entry.substr(0, eq), entry.substr(eq + 1));
  }
  return vars;
}

}  // namespace detail

/// The environment: the process environment read at load time, or a map
/// injected for tests (`env({{"APP_PORT", "80"}})`).
class env {
 public:
  env() = default;
  explicit env(std::map<std::string, std::string> vars) : injected_(detail::env_map(vars.begin(), vars.end())) {}

  /// The variables this source sees now.
  detail::env_map variables() const { return injected_ ? *injected_ : detail::process_environment(); }

 private:
  std::optional<detail::env_map> injected_;
};

namespace detail {

/// The environment one load sees: the env(...) source's variables, else the
/// process's, snapshotted once and only if something reads it.
class load_environment {
 public:
  explicit load_environment(const env* source) : source_(source) {}
  const env_map& get() const {
    if (!vars_) vars_ = source_ ? source_->variables() : process_environment();
    return *vars_;
  }

 private:
  const env* source_;
  mutable std::optional<env_map> vars_;
};

}  // namespace detail

}  // namespace strata
