// strata/configuration.hpp: `configuration(sources...)`, the one entry
// point: it reads every source, merges by precedence and loads typed,
// validated configurations. The engine behind load<T> is configuration.ipp.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <stop_token>
#include <typeindex>
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <vector>

#include <strata/declare/configured.hpp>
#include <strata/report/result.hpp>
#include <strata/schema/check.hpp>
#include <strata/schema/env_names.hpp>
#include <strata/schema/shape.hpp>
#include <strata/sources/env.hpp>
#include <strata/sources/overrides.hpp>
#include <strata/sources/profile.hpp>
#include <strata/sources/source.hpp>
#include <strata/sources/toml.hpp>

namespace strata {

namespace detail {

/// A source of any type, behind one virtual call per load: the type erasure
/// costs nothing per value.
class source_base {
 public:
  virtual ~source_base() = default;
  virtual void read(source_context& ctx) const = 0;
  virtual void add_variables(variables_context& ctx) const = 0;
  virtual void watch(std::stop_token stop, change_notifier& notifier) const = 0;
  /// How messages name the source.
  virtual std::string name() const = 0;

  bool contributes_variables = false;
  bool watches = false;
};

/// A type's name as C++ spells it ("strata::toml_file").
std::string type_name(const std::type_info& type);

template <class S>
class source_model final : public source_base {
 public:
  explicit source_model(S s) : source_(std::move(s)) {
    contributes_variables = variables_source<S>;
    watches = watching_source<S>;
  }
  void read(source_context& ctx) const override { source_.read(ctx); }
  void add_variables([[maybe_unused]] variables_context& ctx) const override {
    if constexpr (variables_source<S>) source_.add_variables(ctx);
  }
  void watch([[maybe_unused]] std::stop_token stop, [[maybe_unused]] change_notifier& notifier) const override {
    if constexpr (watching_source<S>) source_.watch(std::move(stop), notifier);
  }
  std::string name() const override {
    if constexpr (named_source<S>) return type_name(typeid(S)) + " '" + std::string(source_.name()) + "'";
    else return type_name(typeid(S));
  }
  const S& get() const noexcept { return source_; }

 private:
  S source_;
};

using source_list = std::vector<std::shared_ptr<const source_base>>;

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
load_outcome load_sources(const source_list& sources, const env* first_env, const std::vector<std::string>& overrides,
                          const load_request& request, void* value, std::vector<std::filesystem::path>* files,
                          std::map<std::string, std::string>* chosen_groups = nullptr);

/// The environment a configuration's loads see (configuration::environment()).
env_map environment_of(const source_list& sources, const env* first_env);

struct configuration_access;

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
/// overrides above them all. Cheap to copy (copies share the sources, which
/// are read through const members, possibly from several threads at once);
/// `get<T>()` caches per type.
class configuration {
 public:
  /// Built-in sources and user sources alike (anything modelling
  /// strata::source, sources/source.hpp).
  template <source... Sources>
  explicit configuration(Sources... sources) {
    sources_.reserve(sizeof...(Sources));
    (add(std::move(sources)), ...);
  }

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
  /// the load depends on, which is what live<T>::watch polls: each file
  /// source's path and each profile's base, selected and local file, whether
  /// or not they exist, the files their `defaults` lists pulled in (or would
  /// have: an entry naming no file yet), dotenv files, secrets directories
  /// and their files, the files `NAME_FILE` variables name, and whatever a
  /// user source reads or asks to be watched. toml_text, env and args read
  /// no file.
  template <class T>
  result<T> load(std::vector<std::filesystem::path>* files = nullptr) const {
    static_assert(check_schema<T>());
    constexpr options opts = detail::options_of<T>();
    using access = detail::result_access;
    result<T> loaded = access::to_fill<T>(std::string(opts.section));
    detail::load_outcome out = detail::load_sources(
        sources_, first_env_, overrides_, {detail::shape_of<T>, opts.prefix, detail::env_separator<T>(), opts.section},
        &access::value(loaded), files);
    access::finish(loaded, std::move(out.found), std::move(out.trace));
    return loaded;
  }

  /// The environment interpolation and profile selectors read: the variables
  /// of this configuration's env(...) source, else the process environment,
  /// over those its dotenv files contribute.
  detail::env_map environment() const { return detail::environment_of(sources_, first_env_); }

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
  friend struct detail::configuration_access;
  struct cache {
    std::mutex mutex;
    std::unordered_map<std::type_index, std::shared_ptr<const void>> loaded;
  };

  template <class S>
  void add(S s) {
    auto model = std::make_shared<const detail::source_model<S>>(std::move(s));
    if constexpr (std::is_same_v<S, env>)  // the first env(...) is the load's environment
      if (!first_env_) first_env_ = &model->get();
    sources_.push_back(std::move(model));
  }

  detail::source_list sources_;
  const env* first_env_ = nullptr;  ///< in sources_, which copies share
  std::vector<std::string> overrides_;
  std::shared_ptr<cache> cache_ = std::make_shared<cache>();
};

namespace detail {
/// For live<T> and the CLI: the sources of a configuration.
struct configuration_access {
  static const source_list& sources(const configuration& c) noexcept { return c.sources_; }
  /// Appends a source (as the constructor does), for a list known at run time.
  template <source S>
  static void append(configuration& c, S s) {
    c.add(std::move(s));
  }
  static const env* first_env(const configuration& c) noexcept { return c.first_env_; }
  static const std::vector<std::string>& overrides(const configuration& c) noexcept { return c.overrides_; }
};
}  // namespace detail

}  // namespace strata
