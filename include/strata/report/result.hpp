// strata/report/result.hpp: `result<T>`, what `load<T>` returns, and
// `config_error`, what `get<T>` and `result<T>::value()` throw.
#pragma once

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <strata/report/diagnostic.hpp>
#include <strata/report/format.hpp>

namespace strata {

namespace detail {
struct result_access;
}

/// Thrown when a configuration is invalid; `what()` is the formatted report.
class config_error : public std::runtime_error {
 public:
  explicit config_error(strata::diagnostics list)
      : std::runtime_error(strata::format(list)), diagnostics_(std::move(list)) {}
  const strata::diagnostics& diagnostics() const noexcept { return diagnostics_; }

 private:
  strata::diagnostics diagnostics_;
};

/// The loaded configuration (C++ defaults where nothing applied) with every
/// problem found. Owns all of it; outlives the configuration it came from.
template <class T>
class result {
 public:
  using origin_table = std::vector<std::pair<std::string, origin>>;

  result(T value, strata::diagnostics list, origin_table origins, bool (*has_path)(std::string_view),
         std::string section)
      : value_(std::move(value)),
        diagnostics_(std::move(list)),
        origins_(std::move(origins)),
        has_path_(has_path),
        section_(std::move(section)) {}

  /// True when there is no error (warnings allowed).
  bool ok() const noexcept {
    return std::none_of(diagnostics_.begin(), diagnostics_.end(),
                        [](const diagnostic& d) { return d.severity == severity::error; });
  }
  explicit operator bool() const noexcept { return ok(); }

  /// The configuration; throws config_error when there are errors.
  const T& value() const& {
    throw_if_invalid();
    return value_;
  }
  T&& value() && {
    throw_if_invalid();
    return std::move(value_);
  }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  std::vector<diagnostic> errors() const { return only(severity::error); }
  std::vector<diagnostic> warnings() const { return only(severity::warning); }
  const std::vector<diagnostic>& diagnostics() const noexcept { return diagnostics_; }

  /// Where the value at `path` came from (full dotted path, as in
  /// diagnostics); kind `defaults` when no source set it. Throws
  /// std::out_of_range for a path that is not in T's schema.
  origin origin_of(std::string_view path) const {
    for (auto it = origins_.rbegin(); it != origins_.rend(); ++it)
      if (it->first == path) return it->second;
    std::string_view relative = path;
    if (!section_.empty()) {
      if (relative.substr(0, section_.size()) != section_ ||
          (relative.size() > section_.size() && relative[section_.size()] != '.'))
        throw std::out_of_range("strata: '" + std::string(path) + "' is not a path of this configuration");
      relative.remove_prefix(std::min(relative.size(), section_.size() + 1));
    }
    if (!has_path_(relative))
      throw std::out_of_range("strata: '" + std::string(path) + "' is not a path of this configuration");
    return {};
  }

  /// Every recorded (path, origin) pair, in load order (later entries win).
  const origin_table& origins() const noexcept { return origins_; }

 private:
  friend struct detail::result_access;

  void throw_if_invalid() const {
    if (!ok()) throw config_error(diagnostics_);
  }
  std::vector<diagnostic> only(severity s) const {
    std::vector<diagnostic> out;
    std::copy_if(diagnostics_.begin(), diagnostics_.end(), std::back_inserter(out),
                 [s](const diagnostic& d) { return d.severity == s; });
    return out;
  }

  T value_;
  strata::diagnostics diagnostics_;
  origin_table origins_;
  bool (*has_path_)(std::string_view);
  std::string section_;
};

namespace detail {
/// For strata's tools: the value, whether or not the load had errors.
struct result_access {
  template <class T>
  static const T& value(const result<T>& r) noexcept {
    return r.value_;
  }
};
}  // namespace detail

}  // namespace strata
