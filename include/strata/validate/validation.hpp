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
  // Problems are appended through a function pointer the loader supplies: a
  // call to diagnostics::push_back here would instantiate it (~8 ms) in every
  // translation unit that declares a configuration, loading or not.
  using sink = void (*)(diagnostics& out, diagnostic&& d);
  validation(std::string_view profile, diagnostics& out, sink append)
      : profile_(profile), out_(&out), append_(append) {}

  void add(severity s, std::string_view path, std::string message) {
    append_(*out_, {s, std::string(path), std::move(message), {}, {}});
  }

  std::string_view profile_;
  diagnostics* out_;
  sink append_;
};

namespace detail {
struct validation_access {
  // A template, and `Diagnostics` in the lambda keeps push_back dependent:
  // it is instantiated only where a loader calls this.
  template <class Diagnostics>
  static validation make(std::string_view profile, Diagnostics& out) {
    return validation(profile, out, [](Diagnostics& to, diagnostic&& d) { to.push_back(std::move(d)); });
  }
};
}  // namespace detail
}  // namespace strata
