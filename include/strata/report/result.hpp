// strata/report/result.hpp: `result<T>`, what `load<T>` returns, and
// `config_error`, what `get<T>` and `result<T>::value()` throw.
#pragma once

#include <algorithm>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <strata/report/diagnostic.hpp>
#include <strata/report/format.hpp>
#include <strata/schema/paths.hpp>
#include <strata/schema/shape.hpp>

namespace strata {

namespace detail {
struct result_access;

/// What a load keeps to say where values came from (decode/trace.ipp).
struct load_trace;
std::optional<origin> recorded_origin(const load_trace& trace, std::string_view path);
std::vector<std::pair<std::string, origin>> recorded_origins(const load_trace& trace);
}  // namespace detail

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

  result(T value, strata::diagnostics list, std::shared_ptr<const detail::load_trace> trace, std::string section)
      : value_(std::move(value)),
        diagnostics_(std::move(list)),
        trace_(std::move(trace)),
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
    if (trace_)
      if (std::optional<origin> o = detail::recorded_origin(*trace_, path)) return *o;
    std::string_view relative = path;
    if (!section_.empty()) {
      if (relative.substr(0, section_.size()) != section_ ||
          (relative.size() > section_.size() && relative[section_.size()] != '.'))
        throw std::out_of_range("strata: '" + std::string(path) + "' is not a path of this configuration");
      relative.remove_prefix(std::min(relative.size(), section_.size() + 1));
    }
    if (!detail::shape_has_path(*detail::shape_of<T>, relative))
      throw std::out_of_range("strata: '" + std::string(path) + "' is not a path of this configuration");
    return {};
  }

  /// Every recorded (path, origin) pair, in load order (later entries win).
  origin_table origins() const { return trace_ ? detail::recorded_origins(*trace_) : origin_table{}; }

 private:
  friend struct detail::result_access;

  explicit result(std::string section) : value_(), section_(std::move(section)) {}

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
  std::shared_ptr<const detail::load_trace> trace_;  ///< null for results made without a load
  std::string section_;
};

namespace detail {
/// For strata's tools: the value, whether or not the load had errors.
struct result_access {
  template <class T>
  static const T& value(const result<T>& r) noexcept {
    return r.value_;
  }
  /// A result whose value (value-initialized) a load fills in place: a
  /// configuration is too large to build aside and move.
  template <class T>
  static result<T> to_fill(std::string section) {
    return result<T>(std::move(section));
  }
  template <class T>
  static T& value(result<T>& r) noexcept {
    return r.value_;
  }
  template <class T>
  static void finish(result<T>& r, strata::diagnostics list, std::shared_ptr<const load_trace> trace) {
    r.diagnostics_ = std::move(list);
    r.trace_ = std::move(trace);
  }
  /// Problems found after the load (a live<T> callback that threw).
  template <class T>
  static void add(result<T>& r, const diagnostics& more) {
    r.diagnostics_.insert(r.diagnostics_.end(), more.begin(), more.end());
  }
};
}  // namespace detail

}  // namespace strata
