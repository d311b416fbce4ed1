// strata/sources/env.hpp: the environment source. Names are generated from
// the schema and looked up (pull), never produced by splitting variable
// names on '_': `APP_DB__HOST`, `APP_ORIGINS__0`, `APP_LABELS__team`.
// Reading is in env.ipp.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <strata/detail/cold.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/sources/source.hpp>

extern "C" char** environ;  // C linkage, as <unistd.h> declares it: either may come first

namespace strata {

namespace detail {

/// Environment variables by name (the process's, or a map injected for tests).
using env_map = std::map<std::string, std::string, std::less<>>;

inline env_map process_environment();

}  // namespace detail

/// The environment: the process environment read at load time, or a map
/// injected for tests (`env({{"APP_PORT", "80"}})`).
class env {
 public:
  env() = default;
  explicit env(std::map<std::string, std::string> vars) : injected_(detail::env_map(vars.begin(), vars.end())) {}

  /// The variables this source sees now.
  detail::env_map variables() const { return injected_ ? *injected_ : detail::process_environment(); }
  /// The injected variables; null for the process environment.
  const detail::env_map* injected() const noexcept { return injected_ ? &*injected_ : nullptr; }

  /// Builds the env layer from the names the loaded type derives.
  void read(source_context& ctx) const;

 private:
  std::optional<detail::env_map> injected_;
};

namespace detail {

/// Environment variables sorted by name, as views: into the process
/// environment (taken without copying a string) or into an injected map.
class env_view {
 public:
  using entry = std::pair<std::string_view, std::string_view>;
  using iterator = std::vector<entry>::const_iterator;

  static env_view of_process() {
    env_view v;
    std::size_t count = 0;
    for (char** e = environ; e && *e; ++e) ++count;
    v.entries_.reserve(count);
    for (char** e = environ; e && *e; ++e) {
      const std::string_view text(*e);
      const auto eq = text.find('=');
      if (eq != std::string_view::npos) v.entries_.emplace_back(text.substr(0, eq), text.substr(eq + 1));
    }
    // Every load takes this snapshot: an unstable sort needs no buffer.
    // Only when a name repeats (rare) does the order among equals matter:
    // the first wins, as with getenv.
    const auto by_name = [](const entry& a, const entry& b) { return a.first < b.first; };
    const auto same_name = [](const entry& a, const entry& b) { return a.first == b.first; };
    std::sort(v.entries_.begin(), v.entries_.end(), by_name);
    if (std::adjacent_find(v.entries_.begin(), v.entries_.end(), same_name) != v.entries_.end())
      keep_first_of_each_name(v.entries_);
    return v;
  }
  static env_view of(const env_map& vars) {
    env_view v;
    v.entries_.assign(vars.begin(), vars.end());
    return v;
  }
  /// Views into names and values kept elsewhere, each name once.
  static env_view of(std::vector<entry> entries) {
    env_view v;
    v.entries_ = std::move(entries);
    std::sort(v.entries_.begin(), v.entries_.end(), [](const entry& a, const entry& b) { return a.first < b.first; });
    return v;
  }

  iterator begin() const { return entries_.begin(); }
  iterator end() const { return entries_.end(); }
  /// The variable `name`, or end().
  iterator find(std::string_view name) const;

  /// Adds the variables of `extra` this view does not have (views into it).
  template <class Contributed>
  void add_missing(const Contributed& extra) {
    const std::size_t had = entries_.size();
    const auto by_name = [](const entry& e, std::string_view name) { return e.first < name; };
    for (const auto& v : extra.all()) {
      const auto base_end = entries_.begin() + static_cast<std::ptrdiff_t>(had);
      const auto it = std::lower_bound(entries_.begin(), base_end, std::string_view(v.name), by_name);
      if (it == base_end || it->first != v.name) entries_.emplace_back(v.name, v.value);
    }
    if (entries_.size() != had)
      std::sort(entries_.begin(), entries_.end(), [](const entry& a, const entry& b) { return a.first < b.first; });
  }

 private:
  using position = std::vector<entry>::iterator;

  /// Of each run of one name, keeps the entry environ lists first. Not a
  /// second, stable sort: std::stable_sort compiles to several times the
  /// code of std::sort, and calls std::get_temporary_buffer, deprecated
  /// since C++17 (clang warns in every translation unit with the engine).
  STRATA_COLD static void keep_first_of_each_name(std::vector<entry>& entries) {
    position kept = entries.begin();
    for (position run = entries.begin(); run != entries.end();) {
      position run_end = run + 1;
      while (run_end != entries.end() && run_end->first == run->first) ++run_end;
      *kept++ = *first_in_environ(run, run_end);
      run = run_end;
    }
    entries.erase(kept, entries.end());
  }
  /// Of entries with one name, the one environ lists first: each name's
  /// text is where its environ entry points.
  static position first_in_environ(position first, position last) {
    if (last - first == 1) return first;
    for (char** e = environ; e && *e; ++e)
      for (position it = first; it != last; ++it)
        if (it->first.data() == *e) return it;
    return first;
  }

  std::vector<entry> entries_;
};

/// A run of an env_view's variables (sorted by name): those sharing a prefix.
class env_range {
 public:
  using iterator = env_view::iterator;
  explicit env_range(const env_view& all) : begin_(all.begin()), end_(all.end()) {}
  env_range(iterator begin, iterator end) : begin_(begin), end_(end) {}

  iterator begin() const { return begin_; }
  iterator end() const { return end_; }
  bool empty() const { return begin_ == end_; }
  std::size_t size() const { return static_cast<std::size_t>(end_ - begin_); }

  /// The variables whose names start with `prefix`.
  env_range starting_with(std::string_view prefix) const {
    const iterator first = std::lower_bound(begin_, end_, prefix, name_less);
    iterator last = first;
    while (last != end_ && last->first.starts_with(prefix)) ++last;
    return {first, last};
  }
  /// The variable `name`, or end().
  iterator find(std::string_view name) const {
    const iterator it = std::lower_bound(begin_, end_, name, name_less);
    return it != end_ && it->first == name ? it : end_;
  }

 private:
  static bool name_less(const env_view::entry& e, std::string_view name) { return e.first < name; }
  iterator begin_, end_;
};

inline env_view::iterator env_view::find(std::string_view name) const { return env_range(*this).find(name); }

/// Variables that sources contributed to a load (dotenv files), sorted by
/// name, each once, with the place that set it.
class contributed_variables {
 public:
  struct variable {
    std::string name, value;
    origin where;
  };

  /// Sets `name` (a later contribution replaces an earlier one).
  void set(std::string_view name, std::string_view value, const origin& where) {
    const auto it = lower(name);
    if (it != entries_.end() && it->name == name) {
      it->value.assign(value);
      it->where = where;
      return;
    }
    entries_.insert(it, variable{std::string(name), std::string(value), where});
  }
  const variable* find(std::string_view name) const {
    const auto it = std::lower_bound(entries_.begin(), entries_.end(), name,
                                     [](const variable& v, std::string_view n) { return v.name < n; });
    return it != entries_.end() && it->name == name ? &*it : nullptr;
  }
  bool empty() const noexcept { return entries_.empty(); }
  const std::vector<variable>& all() const noexcept { return entries_; }

 private:
  std::vector<variable>::iterator lower(std::string_view name) {
    return std::lower_bound(entries_.begin(), entries_.end(), name,
                            [](const variable& v, std::string_view n) { return v.name < n; });
  }
  std::vector<variable> entries_;
};

/// The environment one load sees: the env(...) source's variables, else the
/// process's, taken once and only if something reads it; below them, the
/// variables sources contributed (dotenv files).
class load_environment {
 public:
  /// `extra` may still grow until the view is taken (get()).
  explicit load_environment(const env* source, const contributed_variables* extra = nullptr)
      : source_(source), extra_(extra) {}

  /// One variable: a lookup, without taking the whole environment.
  std::optional<std::string_view> find(std::string_view name) const {
    if (view_) {
      const auto it = view_->find(name);
      return it == view_->end() ? std::nullopt : std::optional<std::string_view>(it->second);
    }
    if (auto v = find_base(name)) return v;
    if (extra_ && !extra_->empty())
      if (const auto* v = extra_->find(name)) return std::string_view(v->value);
    return std::nullopt;
  }

  /// Every variable, sorted by name.
  const env_view& get() const {
    if (!view_) {
      view_ = source_ && source_->injected() ? env_view::of(*source_->injected()) : env_view::of_process();
      if (extra_ && !extra_->empty()) view_->add_missing(*extra_);
    }
    return *view_;
  }

  /// Where a contributed variable was set; null for the base environment's.
  const origin* contributed_at(std::string_view name) const {
    if (!extra_ || extra_->empty()) return nullptr;
    const auto* v = extra_->find(name);
    if (!v || find_base(name)) return nullptr;
    return &v->where;
  }

  /// The env(...) source's (or the process's) variable, without contributions.
  std::optional<std::string_view> find_base(std::string_view name) const {
    if (source_ && source_->injected()) {
      const auto it = source_->injected()->find(name);
      return it == source_->injected()->end() ? std::nullopt : std::optional<std::string_view>(it->second);
    }
    const char* value = std::getenv(std::string(name).c_str());
    return value ? std::optional<std::string_view>(value) : std::nullopt;
  }

 private:
  const env* source_;
  const contributed_variables* extra_;
  mutable std::optional<env_view> view_;
};

/// The process environment, copied.
inline env_map process_environment() {
  const env_view view = env_view::of_process();
  return env_map(view.begin(), view.end());
}

}  // namespace detail

}  // namespace strata
