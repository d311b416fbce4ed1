// strata/validate/validation.hpp: the handle a struct's
// `void validate(strata::validation&) const` reports cross-field problems to.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <strata/report/diagnostic.hpp>

namespace strata {

namespace detail {
struct validation_access;
}

/// Collects the problems a `validate()` rule finds. Paths are relative to the
/// struct being validated; strata prefixes them with the struct's own path.
class validation {
 public:
  void error(std::string_view path, std::string message) { add(severity::error, path, std::move(message)); }
  void warning(std::string_view path, std::string message) { add(severity::warning, path, std::move(message)); }
  /// The selected profile name ("production"), or "" when no profile source is used.
  std::string_view profile() const noexcept { return profile_; }

 private:
  friend struct detail::validation_access;
  validation(std::string_view profile, diagnostics& out) : profile_(profile), out_(&out) {}

  void add(severity s, std::string_view path, std::string message) {
    out_->push_back({s, std::string(path), std::move(message), {}, {}});
  }

  std::string_view profile_;
  diagnostics* out_;
};

namespace detail {
struct validation_access {
  static validation make(std::string_view profile, diagnostics& out) {
    return validation(profile, out);
  }
};
}  // namespace detail
}  // namespace strata
