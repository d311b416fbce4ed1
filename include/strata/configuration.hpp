// strata/configuration.hpp: `configuration(sources...)`, the one entry
// point: it reads every source, merges by precedence and loads typed,
// validated configurations. The engine behind load<T> is configuration.ipp.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <typeindex>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include <strata/declare/configured.hpp>
#include <strata/report/result.hpp>
#include <strata/schema/check.hpp>
#include <strata/schema/env_names.hpp>
#include <strata/schema/shape.hpp>
#include <strata/sources/env.hpp>
#include <strata/sources/overrides.hpp>
#include <strata/sources/profile.hpp>
#include <strata/sources/toml.hpp>

namespace strata {

namespace detail {

using source = std::variant<toml_file, toml_text, toml_table, profile, env, args>;

/// The env(...) source interpolation and profile selectors read: the first
/// one, if any (else they read the process environment).
inline const env* first_env(const std::vector<source>& sources) {
  for (const source& s : sources)
    if (const auto* e = std::get_if<env>(&s)) return e;
  return nullptr;
}

/// What the engine needs to know about the type being loaded.
struct load_request {
  const shape* root;
  std::string_view prefix;     ///< env prefix
  std::string_view separator;  ///< env separator of its mapping
  std::string_view section;    ///< where it sits in files
};

struct load_outcome {
  diagnostics found;
  std::shared_ptr<const load_trace> trace;
};

/// Reads every source, merges and decodes into `value` (a default-constructed
/// object of the requested type) and validates it (configuration.ipp).
load_outcome load_sources(const std::vector<source>& sources, const std::vector<std::string>& overrides,
                          const load_request& request, void* value, std::vector<std::filesystem::path>* files);

/// Defined by <strata/src.hpp>, which compiles the engine. A link error
/// naming it means that no source file of the program includes
/// <strata/src.hpp> ("undefined reference"), or that several do ("multiple
/// definition"): include it in exactly one.
extern const char include_strata_src_hpp_in_exactly_one_source_file;
#if defined(__GNUC__) || defined(__clang__)
// Every object file that can load refers to it, so the linker's first
// complaint about a missing engine names the fix rather than an engine function.
[[gnu::used]] static const char* const engine_anchor = &include_strata_src_hpp_in_exactly_one_source_file;
#endif

}  // namespace detail

/// The sources of a configuration, in precedence order (later wins), plus
/// overrides above them all. Cheap to copy; `get<T>()` caches per type.
class configuration {
 public:
  template <class... Sources>
  explicit configuration(Sources... sources) : sources_{detail::source(std::move(sources))...} {}

  /// `dotted.path=value` settings above every source (below pinned `value<>`).
  configuration& overrides(std::initializer_list<std::string_view> settings) & {
    for (std::string_view s : settings) overrides_.emplace_back(s);
    cache_ = std::make_shared<cache>();
    return *this;
  }
  configuration overrides(std::initializer_list<std::string_view> settings) && {
    overrides(settings);
    return std::move(*this);
  }
  configuration& overrides(const std::vector<std::string>& settings) & {
    overrides_.insert(overrides_.end(), settings.begin(), settings.end());
    cache_ = std::make_shared<cache>();
    return *this;
  }
  configuration overrides(const std::vector<std::string>& settings) && {
    overrides(settings);
    return std::move(*this);
  }

  /// Reads every source and loads T. Never throws for bad configuration:
  /// every problem is in the result.
  ///
  /// With `files`, it also receives (sorted, without duplicates) every file
  /// the load depends on, which is what live<T>::watch polls: each
  /// toml_file's path and each profile's base, selected and local file,
  /// whether or not they exist, the files their `defaults` lists pulled in,
  /// and every file a diagnostic of theirs names. toml_text, env and args
  /// read no file.
  template <class T>
  result<T> load(std::vector<std::filesystem::path>* files = nullptr) const {
    static_assert(check_schema<T>());
    constexpr options opts = detail::options_of<T>();
    using access = detail::result_access;
    result<T> loaded = access::to_fill<T>(std::string(opts.section));
    detail::load_outcome out = detail::load_sources(
        sources_, overrides_, {detail::shape_of<T>, opts.prefix, detail::env_separator<T>(), opts.section},
        &access::value(loaded), files);
    access::finish(loaded, std::move(out.found), std::move(out.trace));
    return loaded;
  }

  /// The environment interpolation and profile selectors read: the variables
  /// of this configuration's env(...) source, else the process environment.
  detail::env_map environment() const {
    const env* e = detail::first_env(sources_);
    return e ? e->variables() : detail::process_environment();
  }

  /// The loaded T, loaded once per configuration and type; throws
  /// config_error when it is invalid.
  template <class T>
  const T& get() const {
    std::lock_guard lock(cache_->mutex);
    auto& slot = cache_->loaded[std::type_index(typeid(T))];
    if (!slot) slot = std::make_shared<const T>(load<T>().value());
    return *static_cast<const T*>(slot.get());
  }

 private:
  struct cache {
    std::mutex mutex;
    std::unordered_map<std::type_index, std::shared_ptr<const void>> loaded;
  };

  std::vector<detail::source> sources_;
  std::vector<std::string> overrides_;
  std::shared_ptr<cache> cache_ = std::make_shared<cache>();
};

}  // namespace strata
