// strata/declare/configured.hpp: `STRATA_CONFIGURED(T, {options})`, the
// C++ counterpart of the `@configured` decorator.
#pragma once

#include <string_view>

#include <strata/declare/naming.hpp>

namespace strata {

/// How environment-variable names are derived from field paths.
enum class mapping {
  automatic,  ///< flat when every field is a scalar, tree otherwise
  flat,       ///< segments joined by `_`:  APP_DB_HOST
  tree,       ///< segments joined by `__`: APP_DB__HOST
};

/// What a key in a file that names no field of the struct is.
enum class unknown_keys {
  error,   ///< an error with a did-you-mean (the default)
  warn,    ///< a warning with a did-you-mean: for files other programs also read
  ignore,  ///< nothing: the struct reads only the keys it knows
};

/// Per-type options given to `STRATA_CONFIGURED`. `.keys` and
/// `.unknown_keys` apply to the struct they are given for, nested or not
/// (they are not inherited by its members); `.prefix`, `.mapping` and
/// `.section` to a type that is loaded.
struct options {
  std::string_view prefix = "";          ///< env prefix, e.g. "APP_"
  strata::mapping mapping = mapping::automatic;
  std::string_view section = "";         ///< dotted table path holding T in files
  strata::naming keys = naming::as_declared;  ///< how the fields' names are spelled in files
  strata::unknown_keys unknown_keys = unknown_keys::error;  ///< keys that name no field
};

namespace detail {
constexpr options make_options(options o = {}) { return o; }

/// Found by argument-dependent lookup; types without STRATA_CONFIGURED get the defaults.
constexpr options strata_configured_options(const void*) { return {}; }

template <class T>
constexpr options options_of() {
  return strata_configured_options(static_cast<const T*>(nullptr));
}
}  // namespace detail
}  // namespace strata

/// Declares T as a configuration with the given options; place it beside
/// BOOST_DESCRIBE_STRUCT in T's namespace.
///   STRATA_CONFIGURED(Http, {.prefix = "APP_", .mapping = strata::mapping::tree})
///   STRATA_CONFIGURED(Package, {.keys = strata::naming::kebab_case})
#define STRATA_CONFIGURED(T, ...)                                                  \
  [[maybe_unused]] constexpr ::strata::options strata_configured_options(const T*) { \
    return ::strata::detail::make_options(__VA_ARGS__);                              \
  }
