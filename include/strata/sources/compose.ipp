// strata/sources/compose.ipp: reading a file source, and composition
// through `defaults` lists (Hydra's defaults list), the same for every file
// format: a list is read from the layer the format built, so TOML, YAML and
// user formats compose alike and name each other's files.
//
//   defaults = ["base", "../model/musicgen_small", {model = "musicgen_small"},
//               {"override /infrastructure" = "kubernetes"}, "_self_"]
//
// An entry is a file (a path relative to the including file, without
// extension), `_self_` (where the file's own values go; last by default), or
// a group choice `{group = choice}`: the file `choice` in the folder `group`
// next to the including file, or, for `/group`, in the nearest folder above
// it that has one. `override group` replaces the group's choice wherever the
// files below make one; an override no file below uses is loaded where it
// stands. A file entry in another folder is that folder's group choice too.
// Each file loads once per source.
#pragma once

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <strata/decode/layer.hpp>
#include <strata/detail/add_diagnostic.hpp>
#include <strata/detail/cold.hpp>
#include <strata/detail/did_you_mean.hpp>
#include <strata/detail/message.hpp>
#include <strata/detail/toml.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/sources/source.hpp>
#include <strata/sources/source.ipp>

namespace strata {
namespace detail {

/// How deep `defaults` lists may nest before strata calls it runaway.
inline constexpr std::size_t max_composition_depth = 32;

/// The configuration files of a folder, by name without extension.
std::vector<std::string> config_files_in(const std::filesystem::path& dir) {
  const std::vector<std::string_view> extensions = formats().extensions();
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec)) {
    const std::string extension = it->path().extension().string();
    if (std::find(extensions.begin(), extensions.end(), extension) != extensions.end())
      names.push_back(it->path().stem().string());
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

/// A configuration file named with or without its extension.
struct config_file {
  enum class status { found, missing, ambiguous, no_format };
  status what = status::missing;
  std::filesystem::path path;  ///< found: the file
  const file_format* format = nullptr;
  std::vector<std::filesystem::path> candidates;  ///< every path looked at (watched until one appears)
};

/// `name` itself when its extension is a registered format's, else `name`
/// with each registered extension: exactly one of those must exist.
inline config_file find_config_file(const std::filesystem::path& name) {
  config_file out;
  std::error_code ec;
  if (const file_format* f = formats().by_extension(name.extension().string())) {
    out.candidates.push_back(name);
    if (std::filesystem::is_regular_file(name, ec)) {
      out.what = config_file::status::found;
      out.path = name;
      out.format = f;
    }
    return out;
  }
  for (std::string_view extension : formats().extensions()) {
    std::filesystem::path candidate = name;
    candidate += std::string(extension);
    out.candidates.push_back(candidate);
    if (!std::filesystem::is_regular_file(candidate, ec)) continue;
    if (out.what == config_file::status::found) {
      out.what = config_file::status::ambiguous;
      return out;
    }
    out.what = config_file::status::found;
    out.path = candidate;
    out.format = formats().by_extension(extension);
  }
  if (out.what == config_file::status::missing && name.has_extension() &&
      std::filesystem::is_regular_file(name, ec)) {
    out.what = config_file::status::no_format;  // there, but no registered format reads it
    out.path = name;
  }
  return out;
}

/// One entry of a `defaults` list.
struct default_entry {
  enum class kind : unsigned char { file, group, self };
  kind what = kind::file;
  std::string group;  ///< group entries: the folder as written ("model", "/model")
  std::string name;   ///< a file entry's path; a group entry's choice
  bool is_override = false, is_optional = false;
  origin where;
};

/// Reads `{"override /model" = "large"}`'s key: keywords, then the group.
inline bool read_group_key(std::string_view key, default_entry& e) {
  for (;;) {
    key = trim(key);
    const std::size_t space = key.find_first_of(" \t");
    if (space == std::string_view::npos) break;
    const std::string_view word = key.substr(0, space);
    if (word == "override") e.is_override = true;
    else if (word == "optional") e.is_optional = true;
    else return false;
    key = key.substr(space);
  }
  if (key.empty() || key == "/") return false;
  e.group = std::string(key);
  return true;
}

/// The entries of a `defaults` list; malformed ones are reported and skipped.
inline std::vector<default_entry> read_defaults_list(const toml::node& defaults, const layer& l, diagnostics& out) {
  std::vector<default_entry> entries;
  const toml::array* list = defaults.as_array();
  if (!list) {
    add_diagnostic(out, severity::error, "defaults",
                   "expected a list of file names such as [\"base\", \"model/large\"]", l.origin_of(defaults));
    return entries;
  }
  for (const toml::node& node : *list) {
    default_entry e;
    e.where = l.origin_of(node);
    if (const auto* text = node.as_string()) {
      e.name = text->get();
      if (e.name == "_self_") e.what = default_entry::kind::self;
      if (!e.name.empty()) {
        entries.push_back(std::move(e));
        continue;
      }
    } else if (const auto* table = node.as_table(); table && table->size() == 1) {
      const auto first = table->begin();  // its value is a proxy the iterator holds: keep the iterator
      const auto& [key, choice] = *first;
      e.what = default_entry::kind::group;
      if (!read_group_key(key.str(), e)) {
        add_diagnostic(out, severity::error, "defaults",
                       format_message("'{}' is not a config group", capped(key.str())), e.where,
                       "write {group = \"choice\"}, {\"override group\" = \"choice\"} or {\"optional group\" = \"choice\"}");
        continue;
      }
      if (const auto* chosen = choice.as_string(); chosen && !chosen->get().empty()) {
        e.name = chosen->get();
        entries.push_back(std::move(e));
      } else {
        add_diagnostic(out, severity::error, "defaults",
                       format_message("the choice for group '{}' must be a file name (a string)",
                                      capped(e.group)),
                       l.origin_of(choice));
      }
      continue;
    }
    add_diagnostic(out, severity::error, "defaults",
                   "expected a file name (a string) or a group choice such as {model = \"large\"}", e.where);
  }
  return entries;
}

/// Every node of a subtree, to forget their origins when it is erased.
inline void collect_nodes(const toml::node& n, std::vector<const toml::node*>& out) {
  out.push_back(&n);
  if (auto t = n.as_table())
    for (auto&& [k, child] : *t) collect_nodes(child, out);
  else if (auto a = n.as_array())
    for (const toml::node& child : *a) collect_nodes(child, out);
}

/// Whether a file's root-level `defaults` composes: not when it is a field
/// of the type being loaded (a type with a section reads no root-level key).
inline bool composes(const load_request& r) {
  if (!r.section.empty()) return true;
  return std::none_of(r.root->members.begin(), r.root->members.end(),
                      [](const member_shape& m) { return m.key == "defaults"; });
}

STRATA_COLD inline void report_cycle(const std::vector<std::filesystem::path>& chain,
                                     const std::filesystem::path& canonical, const origin& where, diagnostics& out) {
  std::string cycle;
  for (auto it = std::find(chain.begin(), chain.end(), canonical); it != chain.end(); ++it)
    cycle += it->filename().string() + " -> ";
  add_diagnostic(out, severity::error, "defaults",
                 format_message("composition cycle: {}{}", cycle, canonical.filename().string()), where);
}

/// An entry that names no file, with the files that are there.
STRATA_COLD inline void report_missing(const default_entry& entry, const std::filesystem::path& target,
                                       const config_file& found, diagnostics& out) {
  const std::filesystem::path folder = target.parent_path();
  const std::string shown = entry.what == default_entry::kind::group ? entry.group + ": " + entry.name : entry.name;
  if (found.what == config_file::status::ambiguous) {
    add_diagnostic(out, severity::error, "defaults",
                   format_message("'{}' is ambiguous: {} exists in more than one format", capped(shown),
                                  target.string()),
                   entry.where, "name the file with its extension");
    return;
  }
  if (found.what == config_file::status::no_format) {
    add_diagnostic(out, severity::error, "defaults",
                   format_message("'{}': no registered format reads {} files", capped(shown),
                                  target.extension().string()),
                   entry.where, "register the format (strata::register_file_format) or include its header");
    return;
  }
  const auto options = config_files_in(folder);
  std::string hint = options.empty() ? format_message("'{}' has no configuration files", folder.string())
                                     : format_message("available in '{}': {}", folder.string(), quoted_list(options));
  if (auto best = closest(target.stem().string(), options); !best.empty())
    hint += format_message("; did you mean '{}'?", best);
  add_diagnostic(out, severity::error, "defaults",
                 format_message("'{}' names no file ({} not found)", capped(shown),
                                found.candidates.empty() ? target.string() : found.candidates.front().string()),
                 entry.where, hint);
}

/// Reads one file source and what its `defaults` list composes, into layers
/// kept aside until the whole composition is known (an override further
/// down may replace a group chosen above it).
class composer {
 public:
  composer(load_state& s, bool interpolate)
      : s_(s), forced_(s.forced_groups ? *s.forced_groups : group_choices{}), interpolate_(interpolate) {}

  /// The file `path` read with `format` and composed; its layers go to `out`.
  file_status compose(const std::filesystem::path& path, const file_format& format, std::vector<layer>& out) {
    s_.note_file(path);
    const std::string name = path.string();
    std::string text;
    if (const file_status r = read_text_file(path, origin{origin_kind::file, name}, s_.found, text);
        r != file_status::ok)
      return r;
    layer self;
    self.kind = origin_kind::file;
    self.name = name;
    self.interpolate = interpolate_;
    source_context ctx = context_access::make_context(s_);
    format.parse(text, name, context_access::node(&s_, &self, &self.root), ctx);
    const toml::node* defaults = composes(s_.request) ? self.root.get("defaults") : nullptr;
    if (!defaults) {
      out.push_back(std::move(self));
      return file_status::ok;
    }
    const std::vector<default_entry> entries = read_defaults_list(*defaults, self, s_.found);
    std::vector<const toml::node*> gone;
    collect_nodes(*defaults, gone);
    std::sort(gone.begin(), gone.end());
    self.origins.forget_if([&](const toml::node* n) { return std::binary_search(gone.begin(), gone.end(), n); });
    self.root.erase("defaults");
    chain_.push_back(std::filesystem::weakly_canonical(path));
    compose_entries(path.parent_path(), entries, std::move(self), out);
    chain_.pop_back();
    return file_status::ok;
  }

 private:
  /// Where the layers of an entry go once the list is read: `_self_` and the
  /// overrides nothing below used.
  struct insertion {
    std::size_t at;    ///< index in `out`
    std::size_t order; ///< entry order, for insertions at the same index
    std::vector<layer> layers;
  };

  void compose_entries(const std::filesystem::path& dir, const std::vector<default_entry>& entries, layer self,
                       std::vector<layer>& out) {
    // This file's overrides apply to everything it composes; those from
    // above win over them.
    std::vector<std::string> added;
    std::vector<std::pair<const default_entry*, std::string>> overrides;  // entry, group key
    for (const default_entry& e : entries) {
      if (e.what != default_entry::kind::group || !e.is_override) continue;
      std::optional<std::string> key = group_key(dir, e);
      if (!key) continue;
      if (forced_.emplace(*key, group_choice{e.name, e.where, false}).second) added.push_back(*key);
      overrides.emplace_back(&e, std::move(*key));
    }
    std::vector<insertion> insertions;
    bool self_placed = false;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const default_entry& e = entries[i];
      if (e.what == default_entry::kind::self) {
        if (self_placed) {
          add_diagnostic(s_.found, severity::error, "defaults", "'_self_' is listed twice", e.where);
          continue;
        }
        self_placed = true;
        insertions.push_back({out.size(), i, {}});
        insertions.back().layers.push_back(std::move(self));
      } else if (e.what == default_entry::kind::file) {
        file_entry(dir, e, out);
      } else if (!e.is_override) {
        group_entry(dir, e, out);
      } else {
        insertions.push_back({out.size(), i, {}});  // filled below if nothing used the override
      }
    }
    // Overrides no entry below used load where they stand.
    for (insertion& in : insertions) {
      if (!in.layers.empty()) continue;  // _self_
      const auto it = std::find_if(overrides.begin(), overrides.end(),
                                   [&](const auto& o) { return o.first == &entries[in.order]; });
      if (it == overrides.end()) continue;  // its group was not found: reported
      const auto& [entry, key] = *it;
      group_choice& chosen = forced_.at(key);
      if (chosen.used) continue;
      chosen.used = true;
      group_choice* made = command_line_choice(key);
      load_choice(as_chosen(*entry, made ? *made : chosen), std::filesystem::path(key) / (made ? *made : chosen).choice,
                  in.layers, key);
    }
    std::sort(insertions.begin(), insertions.end(), [](const insertion& a, const insertion& b) {
      return a.at != b.at ? a.at > b.at : a.order > b.order;  // last first: indices stay valid
    });
    for (insertion& in : insertions)
      out.insert(out.begin() + static_cast<std::ptrdiff_t>(in.at), std::make_move_iterator(in.layers.begin()),
                 std::make_move_iterator(in.layers.end()));
    if (!self_placed) out.push_back(std::move(self));
    for (const std::string& key : added) forced_.erase(key);
  }

  /// The canonical folder of a group entry, or nothing (reported).
  std::optional<std::string> group_key(const std::filesystem::path& dir, const default_entry& e) {
    std::error_code ec;
    std::string_view group = e.group;
    if (group.front() != '/') {
      const std::filesystem::path folder = (dir / std::string(group)).lexically_normal();
      if (std::filesystem::is_directory(folder, ec)) return std::filesystem::weakly_canonical(folder).string();
      report_no_group(e, format_message("no folder '{}' next to the including file ({})",
                                        capped(group), folder.string()));
      return std::nullopt;
    }
    group.remove_prefix(1);
    for (std::filesystem::path at = std::filesystem::absolute(dir, ec).lexically_normal();;) {
      const std::filesystem::path folder = at / std::string(group);
      if (std::filesystem::is_directory(folder, ec)) return std::filesystem::weakly_canonical(folder).string();
      if (at == at.parent_path() || at.empty()) break;
      at = at.parent_path();
    }
    report_no_group(e, format_message("no folder '{}' in {} or any folder above it", capped(group),
                                      dir.string()));
    return std::nullopt;
  }

  STRATA_COLD void report_no_group(const default_entry& e, std::string message) {
    add_diagnostic(s_.found, severity::error, "defaults", message, e.where,
                   "a group is a folder of configuration files; /group is looked for in the folders above");
  }

  /// The entry a choice from above makes of `e`: its problems are reported
  /// where that choice was made.
  static default_entry as_chosen(const default_entry& e, const group_choice& chosen) {
    default_entry out = e;
    out.what = default_entry::kind::group;
    if (out.group.empty()) out.group = std::filesystem::path(e.name).parent_path().filename().string();
    out.name = chosen.choice;
    out.where = chosen.where;
    return out;
  }

  /// The overrides' choice for the group in folder `key` (canonical), if any.
  group_choice* command_line_choice(const std::string& key) {
    if (!s_.named_groups) return nullptr;
    const auto it = s_.named_groups->find(std::filesystem::path(key).filename().string());
    if (it == s_.named_groups->end()) return nullptr;
    it->second.used = true;
    return &it->second;
  }

  void group_entry(const std::filesystem::path& dir, const default_entry& e, std::vector<layer>& out) {
    const std::optional<std::string> key = group_key(dir, e);
    if (!key) return;
    if (group_choice* made = command_line_choice(*key))
      return load_choice(as_chosen(e, *made), std::filesystem::path(*key) / made->choice, out, *key);
    if (auto it = forced_.find(*key); it != forced_.end()) {
      it->second.used = true;
      return load_choice(as_chosen(e, it->second), std::filesystem::path(*key) / it->second.choice, out, *key);
    }
    load_choice(e, std::filesystem::path(*key) / e.name, out, *key);
  }

  void file_entry(const std::filesystem::path& dir, const default_entry& e, std::vector<layer>& out) {
    const std::filesystem::path target = (dir / e.name).lexically_normal();
    if (e.name.find('/') != std::string::npos) {  // a file of another folder: that group's choice
      std::error_code ec;
      const std::string key = std::filesystem::weakly_canonical(target.parent_path(), ec).string();
      if (group_choice* made = ec ? nullptr : command_line_choice(key))
        return load_choice(as_chosen(e, *made), std::filesystem::path(key) / made->choice, out, key);
      if (auto it = forced_.find(key); !ec && it != forced_.end()) {
        it->second.used = true;
        return load_choice(as_chosen(e, it->second), std::filesystem::path(key) / it->second.choice, out, key);
      }
      if (!ec) return load_choice(e, target, out, key);
    }
    load_choice(e, target, out);
  }

  /// Loads the file an entry resolved to (and what it composes).
  void load_choice(const default_entry& e, const std::filesystem::path& target, std::vector<layer>& out,
                   const std::string& group = {}) {
    if (!group.empty() && s_.chosen_groups) (*s_.chosen_groups)[group] = target.filename().string();
    const config_file found = find_config_file(target);
    if (found.what != config_file::status::found) {
      for (const std::filesystem::path& p : found.candidates) s_.note_file(p);  // watched until it appears
      if (found.what == config_file::status::missing && e.is_optional) return;
      return report_missing(e, target, found, s_.found);
    }
    const std::filesystem::path canonical = std::filesystem::weakly_canonical(found.path);
    if (std::find(chain_.begin(), chain_.end(), canonical) != chain_.end())
      return report_cycle(chain_, canonical, e.where, s_.found);
    if (chain_.size() >= max_composition_depth) {
      add_diagnostic(s_.found, severity::error, "defaults",
                     format_message("composition nested deeper than {} files", std::to_string(max_composition_depth)),
                     e.where);
      return;
    }
    if (s_.already_composed(canonical)) return;  // a file loads once per source
    s_.composed.push_back(canonical);
    if (compose(found.path, *found.format, out) == file_status::missing)  // removed since it was found
      add_diagnostic(s_.found, severity::error, "defaults", "cannot read the file", e.where);
  }

  load_state& s_;
  group_choices forced_;
  std::vector<std::filesystem::path> chain_;  ///< the files being composed, to report cycles by name
  bool interpolate_;                          ///< toml_file(path, strata::no_interpolation): false
};

/// A file source: `path` read with `format` and composed, its layers added.
inline file_status add_file(load_state& s, const std::filesystem::path& path, const file_format& format,
                            bool interpolate = true) {
  // Made canonical only if a composition asks (system calls cost more than
  // parsing a small file).
  if (std::find(s.added.begin(), s.added.end(), path) != s.added.end()) return file_status::ok;
  if (!s.composed.empty()) {
    std::error_code ec;
    if (s.already_composed(std::filesystem::weakly_canonical(path, ec))) return file_status::ok;
  }
  s.added.push_back(path);
  composer c(s, interpolate);
  std::vector<layer> out;
  const file_status r = c.compose(path, format, out);
  for (layer& l : out) s.layers().push_back(std::move(l));
  return r;
}

STRATA_COLD inline void report_missing_file(load_state& s, const std::filesystem::path& path) {
  add_diagnostic(s.found, severity::error, {}, "required configuration file not found", origin_kind::file,
                 path.string(), "pass strata::optional if the file may be absent");
}

}  // namespace detail

void source_context::add_file(const std::filesystem::path& path, const file_format& format) {
  if (detail::add_file(state_, path, format) == file_status::missing) detail::report_missing_file(state_, path);
}

void source_context::add_file(const std::filesystem::path& path, const file_format& format, optional_t) {
  (void)detail::add_file(state_, path, format);
}

void source_context::add_file(const std::filesystem::path& path, const file_format& format,
                              const file_options& options) {
  if (detail::add_file(state_, path, format, options.interpolate) == file_status::missing && !options.skip_if_missing)
    detail::report_missing_file(state_, path);
}

}  // namespace strata
