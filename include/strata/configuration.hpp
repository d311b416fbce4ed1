// strata/configuration.hpp: `configuration(sources...)`, the one entry
// point: it reads every source, merges by precedence and loads typed,
// validated configurations.
#pragma once

#include <algorithm>
#include <cstddef>
#include <deque>
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

#include <strata/decode/decoder.hpp>
#include <strata/declare/configured.hpp>
#include <strata/report/result.hpp>
#include <strata/schema/check.hpp>
#include <strata/schema/paths.hpp>
#include <strata/sources/env.hpp>
#include <strata/sources/overrides.hpp>
#include <strata/sources/profile.hpp>
#include <strata/sources/toml.hpp>

namespace strata {

namespace detail {

using source = std::variant<toml_file, toml_text, profile, env, args>;

/// The node at T's section in one layer, if the layer has it.
inline const toml::node* at_section(const layer& l, std::string_view section, diagnostics& out) {
  const toml::node* n = &l.root;
  std::string path;
  while (!section.empty()) {
    const auto dot = section.find('.');
    const std::string_view key = section.substr(0, dot);
    section = dot == std::string_view::npos ? std::string_view{} : section.substr(dot + 1);
    append_key(path, key);
    const toml::table* t = n->as_table();
    n = t ? t->get(key) : nullptr;
    if (!n) return nullptr;
    if (!n->is_table()) {
      out.push_back({severity::error, path,
                     fmt::format("expected a table, got {}", toml_type_label(n->type())), l.origin_of(*n), {}});
      return nullptr;
    }
  }
  return n;
}

/// Decodes T from the layers (lowest precedence first) and runs every check.
template <class T>
result<T> decode_layers(const std::deque<layer>& layers, diagnostics found, std::string_view profile,
                        const env_map& environment) {
  constexpr options opts = options_of<T>();
  const std::string section(opts.section);
  slot_list roots;
  for (const layer& l : layers)
    if (const toml::node* n = at_section(l, section, found)) roots.push_back({n, &l});
  T value{};
  std::vector<std::pair<std::string, origin>> origins;
  decoder d(found, origins, profile, section, environment);
  d.object(value, std::span<const slot>(roots.data(), roots.size()));
  return result<T>(std::move(value), std::move(found), std::move(origins), &schema_has_path<T>, section);
}

/// The files one file source (toml_file, profile) depended on while it read:
/// see configuration::load(files).
inline void note_files(const source& s, const std::string& profile_name, const std::deque<layer>& layers,
                       std::size_t first_layer, const diagnostics& found, std::size_t first_found,
                       std::vector<std::filesystem::path>& files) {
  if (const auto* f = std::get_if<toml_file>(&s)) {
    files.push_back(f->path());
  } else if (const auto* p = std::get_if<profile>(&s)) {
    for (const std::string& name : {std::string("base"), profile_name, std::string("local")})
      files.push_back(p->directory() / (name + ".toml"));
  } else {
    return;
  }
  for (std::size_t i = first_layer; i < layers.size(); ++i)
    if (layers[i].kind == origin_kind::file) files.emplace_back(layers[i].name);
  for (std::size_t i = first_found; i < found.size(); ++i)
    if (found[i].origin.kind == origin_kind::file && !found[i].origin.name.empty())
      files.emplace_back(found[i].origin.name);
}

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
    diagnostics found;
    std::deque<detail::layer> layers;
    detail::load_context ctx{environment(), {}};
    if (files) files->clear();
    for (const detail::source& s : sources_) {
      const std::size_t first_layer = layers.size(), first_found = found.size();
      std::visit(
          [&](const auto& src) {
            if constexpr (requires { src.template read<T>(layers, found); }) src.template read<T>(layers, found);
            else if constexpr (requires { src.read(layers, found, ctx); }) src.read(layers, found, ctx);
            else src.read(layers, found);
          },
          s);
      if (files) detail::note_files(s, ctx.profile, layers, first_layer, found, first_found, *files);
    }
    if (files) {
      std::sort(files->begin(), files->end());
      files->erase(std::unique(files->begin(), files->end()), files->end());
    }
    if (!overrides_.empty()) {
      detail::layer& l = layers.emplace_back();
      l.kind = origin_kind::overrides;
      l.name = "overrides";
      for (const std::string& s : overrides_) detail::add_setting(l, s, found);
    }
    return detail::decode_layers<T>(layers, std::move(found), ctx.profile, ctx.environment);
  }

  /// The environment interpolation and profile selectors read: the variables
  /// of this configuration's env(...) source, else the process environment.
  detail::env_map environment() const {
    for (const detail::source& s : sources_)
      if (const auto* e = std::get_if<env>(&s)) return e->variables();
    return detail::process_environment();
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
