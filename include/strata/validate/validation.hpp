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
  /// Whether the value at `path` (relative to this struct, like error()'s)
  /// or anything in it could not be loaded (a wrong type, an unset
  /// `required`, ...): it then holds its C++ default, which a cross-field
  /// rule should not judge: `if (!v.failed("hard_limit") && soft > hard) ...`.
  bool failed(std::string_view path) const { return failed_ && failed_(query_, path); }

 private:
  friend struct detail::validation_access;
  // Problems are appended through a function pointer the loader supplies: a
  // call to diagnostics::push_back here would instantiate it (~8 ms) in every
  // translation unit that declares a configuration, loading or not.
  using sink = void (*)(diagnostics& out, diagnostic&& d);
  using failed_query = bool (*)(const void* query, std::string_view path);
  validation(std::string_view profile, diagnostics& out, sink append, const void* query, failed_query is_failed)
      : profile_(profile), out_(&out), append_(append), query_(query), failed_(is_failed) {}

  void add(severity s, std::string_view path, std::string message) {
    append_(*out_, {s, std::string(path), std::move(message), {}, {}});
  }

  std::string_view profile_;
  diagnostics* out_;
  sink append_;
  const void* query_;
  failed_query failed_;
};

namespace detail {
struct validation_access {
  // A template, and `Diagnostics` in the lambda keeps push_back dependent:
  // it is instantiated only where a loader calls this.
  /// `failed(query, path)` answers validation::failed.
  template <class Diagnostics>
  static validation make(std::string_view profile, Diagnostics& out, const void* query = nullptr,
                         validation::failed_query failed = nullptr) {
    return validation(
        profile, out, [](Diagnostics& to, diagnostic&& d) { to.push_back(std::move(d)); }, query, failed);
  }
};
}  // namespace detail
}  // namespace strata
