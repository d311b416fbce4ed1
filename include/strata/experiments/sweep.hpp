// strata/experiments/sweep.hpp: `sweep<T>(ctx, {...})`, the cartesian
// product of the axes (first axis slowest), each value checked by its
// field's own parser once per axis, every job composed and validated before
// the list is returned.
#pragma once

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <strata/configuration.hpp>
#include <strata/experiments/grammar.hpp>
#include <strata/report/result.hpp>
#include <strata/schema/paths.hpp>
#include <strata/schema/shape.hpp>
#include <strata/sources/toml.hpp>

namespace strata {

/// One job of a sweep: its overrides (above the configuration's own), the
/// configuration they make, and a stable name derived from them.
template <class T>
struct job {
  std::string name;                     ///< `lr=0.1,batch=32`, sanitized for a folder name; a secret as `_redacted_`
  std::vector<std::string> overrides;   ///< `key=value`, as given to configuration::overrides
  std::vector<std::string> shown;       ///< the overrides as outputs show them: a secret's value is `<redacted>`
  result<T> config;
};

template <class T>
std::size_t count_invalid(const std::vector<job<T>>& jobs) {
  return static_cast<std::size_t>(std::count_if(jobs.begin(), jobs.end(), [](const job<T>& j) { return !j.config.ok(); }));
}

}  // namespace strata

namespace strata::detail {

/// What a sweep key names in T: a secret, a pinned field, or neither;
/// `found`: a field of T at all.
struct swept_field {
  bool secret = false, pinned = false, found = true;
};

inline swept_field find_swept_field(const shape* s, std::string_view key) {
  swept_field f;
  const auto segments = split_path(key);
  if (!segments) return {false, false, false};
  for (const path_segment& seg : *segments) {
    while (s && (s->kind == shape_kind::annotated || s->kind == shape_kind::optional)) {
      f.secret |= s->secret;
      f.pinned |= s->pinned;
      s = s->element;
    }
    if (!s || s->kind != shape_kind::object || seg.index) return f;
    const auto m = std::find_if(s->members.begin(), s->members.end(), [&](const member_shape& x) { return x.key == seg.key; });
    if (m == s->members.end()) return {false, false, false};
    s = m->type;
  }
  if (s && s->kind == shape_kind::annotated) {
    f.secret |= s->secret;
    f.pinned |= s->pinned;
  }
  return f;
}

/// `key=value` as outputs show it.
inline std::string shown_setting(std::string_view setting, bool secret) {
  if (!secret) return std::string(setting);
  return std::string(setting.substr(0, setting.find('='))) + "=<redacted>";
}

/// A folder name from the overrides: `lr=0.1,batch=32`, other characters `_`.
inline std::string job_name(const std::vector<std::string>& shown) {
  std::string name;
  for (const std::string& s : shown) {
    if (!name.empty()) name += ',';
    for (char c : s) {
      const bool kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '=' || c == '-' || c == '+' || c == ',';
      name += kept ? c : '_';
    }
  }
  if (name.empty()) return "default";
  if (name.front() == '.') name.front() = '_';  // never `.` or `..`
  if (name.size() > 200) name = name.substr(0, 200);
  std::replace(name.begin(), name.end(), '<', '_');
  return name;
}

template <class T>
result<T> load_with(const configuration& ctx, const std::vector<std::string>& settings,
                    std::map<std::string, std::string>* groups = nullptr) {
  static_assert(check_schema<T>());
  constexpr options opts = options_of<T>();
  using access = result_access;
  std::vector<std::string> overrides = configuration_access::overrides(ctx);
  overrides.insert(overrides.end(), settings.begin(), settings.end());
  result<T> loaded = access::to_fill<T>(std::string(opts.section));
  load_outcome out = load_sources(configuration_access::sources(ctx), configuration_access::first_env(ctx), overrides,
                                  {shape_of<T>, opts.prefix, env_separator<T>(), opts.section},
                                  &access::value(loaded), nullptr, groups);
  access::finish(loaded, std::move(out.found), std::move(out.trace));
  return loaded;
}

/// The groups a configuration's composition chose: folder name -> (folder, choice).
template <class T>
std::map<std::string, std::filesystem::path> chosen_group_folders(const configuration& ctx) {
  std::map<std::string, std::string> chosen;
  (void)load_with<T>(ctx, {}, &chosen);
  std::map<std::string, std::filesystem::path> out;
  for (const auto& [folder, choice] : chosen) out.emplace(std::filesystem::path(folder).filename().string(), folder);
  return out;
}

/// Every error a setting of `point` caused, loaded alone on `ctx` (not
/// those of the configuration's own overrides: a job reports them).
template <class T>
std::string point_errors(const configuration& ctx, const std::vector<std::string>& point) {
  const result<T> r = load_with<T>(ctx, point);
  std::string out;
  // a setting is named whole, or by its path alone when it may hold a secret (an unknown key)
  const auto names_setting = [&](const std::string& name) {
    return std::any_of(point.begin(), point.end(),
                       [&](const std::string& s) { return name == s || name == setting_without_value(s); });
  };
  for (const diagnostic& d : r.errors())
    if (d.origin.kind == origin_kind::overrides && names_setting(d.origin.name))
      out += (out.empty() ? "" : "; ") + (d.path.empty() || d.path == "defaults" ? std::string() : d.path + ": ") +
             d.message + (d.hint.empty() ? "" : " (" + d.hint + ")");
  return out;
}

}  // namespace strata::detail

namespace strata {

/// Hydra's multirun, checked before anything runs: the jobs of every
/// combination of `axes` (first axis slowest), each composed and validated.
/// A sweep that cannot be planned throws sweep_error (docs/experiments.md).
template <class T>
std::vector<job<T>> sweep(const configuration& ctx, const std::vector<std::string>& axes_text,
                          const sweep_options& options = {}) {
  std::map<std::string, std::filesystem::path> groups;
  bool groups_known = false;
  const auto group_files = [&](std::string_view key) -> std::vector<std::string> {
    if (!groups_known) groups = detail::chosen_group_folders<T>(ctx), groups_known = true;
    std::string_view name = key;
    if (!name.empty() && name.front() == '/') name.remove_prefix(1);
    const auto it = groups.find(std::string(name));
    return it == groups.end() ? std::vector<std::string>{} : detail::config_files_in(it->second);
  };
  std::vector<detail::sweep_axis> axes;
  std::map<std::string, bool, std::less<>> secret_keys;
  for (const std::string& text : axes_text) {
    detail::sweep_axis axis = detail::parse_axis(text, group_files, options.max_jobs);
    for (const std::string& key : axis.keys) {
      const std::string bare = key.front() == '/' ? key.substr(1) : key;
      if (secret_keys.count(bare))
        throw sweep_error("sweep: '" + bare + "' is swept by two axes; give its values in one");
      const detail::swept_field f = detail::find_swept_field(detail::shape_of<T>, key);
      if (f.pinned)
        throw sweep_error("sweep '" + key + "=...': '" + key + "' is pinned by value<> and cannot be swept");
      // a key that names neither a field nor a config group may be a mistyped secret's: its values are not shown
      secret_keys.emplace(bare, f.secret || (!f.found && group_files(key).empty()));
    }
    axes.push_back(std::move(axis));
  }
  std::size_t total = 1;
  for (const detail::sweep_axis& a : axes) {
    if (a.points.size() > options.max_jobs / total)
      throw sweep_error("sweep: more than " + std::to_string(options.max_jobs) +
                        " jobs (the limit; raise sweep_options::max_jobs)");
    total *= a.points.size();
  }
  const auto shown_of = [&](const std::string& setting) {
    std::string key = setting.substr(0, setting.find('='));
    if (!key.empty() && key.front() == '/') key.erase(0, 1);
    const auto it = secret_keys.find(key);
    return detail::shown_setting(setting, it != secret_keys.end() && it->second);
  };
  // Each value alone, once per axis: a bad value is reported for its axis, not per job.
  std::string refused;
  for (const detail::sweep_axis& a : axes)
    for (const std::vector<std::string>& point : a.points)
      if (std::string why = detail::point_errors<T>(ctx, point); !why.empty()) {
        std::string shown;
        for (const std::string& s : point) shown += (shown.empty() ? "" : "; ") + shown_of(s);
        refused += "\n  axis '" + a.spec.substr(0, a.spec.find('=')) + "': " + shown + ": " + why;
      }
  if (!refused.empty()) throw sweep_error("sweep: values their fields refuse:" + refused);
  std::vector<job<T>> jobs;
  jobs.reserve(total);
  std::vector<std::size_t> at(axes.size(), 0);
  std::map<std::string, int> names;
  for (std::size_t n = 0; n < total; ++n) {
    std::vector<std::string> overrides, shown;
    for (std::size_t a = 0; a < axes.size(); ++a)
      for (const std::string& s : axes[a].points[at[a]]) {
        overrides.push_back(s);
        shown.push_back(shown_of(s));
      }
    std::string name = detail::job_name(shown);
    if (const int seen = names[name]++; seen > 0) name += "_" + std::to_string(seen);  // sanitizing merged two names
    result<T> config = detail::load_with<T>(ctx, overrides);
    jobs.push_back(job<T>{std::move(name), std::move(overrides), std::move(shown), std::move(config)});
    for (std::size_t a = axes.size(); a-- > 0;) {  // the last axis fastest
      if (++at[a] < axes[a].points.size()) break;
      at[a] = 0;
    }
  }
  return jobs;
}

template <class T>
std::vector<job<T>> sweep(const configuration& ctx, std::initializer_list<std::string_view> axes,
                          const sweep_options& options = {}) {
  return sweep<T>(ctx, std::vector<std::string>(axes.begin(), axes.end()), options);
}

/// The groups of the configuration's composition and the files each offers
/// (`config groups`): group name -> (chosen file, choices).
struct group_listing {
  std::string name, chosen;
  std::filesystem::path folder;
  std::vector<std::string> choices;
};
template <class T>
std::vector<group_listing> groups(const configuration& ctx) {
  std::map<std::string, std::string> chosen;
  (void)detail::load_with<T>(ctx, {}, &chosen);
  std::vector<group_listing> out;
  for (const auto& [folder, choice] : chosen)
    out.push_back({std::filesystem::path(folder).filename().string(), choice, folder, detail::config_files_in(folder)});
  return out;
}

}  // namespace strata
