// strata/configuration.ipp: the engine behind configuration::load<T>: let
// sources contribute environment variables, read every source into layers,
// add the overrides, decode the merged view.
#pragma once

#include <algorithm>
#include <deque>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <strata/configuration.hpp>
#include <strata/decode/decoder.ipp>
#include <strata/decode/layer.hpp>
#include <strata/detail/add_diagnostic.hpp>
#include <strata/detail/cold.hpp>
#include <strata/detail/message.hpp>
#include <strata/sources/compose.ipp>
#include <strata/sources/dotenv.ipp>
#include <strata/sources/env.ipp>
#include <strata/sources/overrides.ipp>
#include <strata/sources/profile.ipp>
#include <strata/sources/secrets_dir.ipp>
#include <strata/sources/source.ipp>
#include <strata/sources/toml.ipp>

namespace strata::detail {

/// The node at the configuration's section in one layer, if the layer has it.
inline const toml::node* at_section(const layer& l, std::string_view section, diagnostics& out) {
  const toml::node* n = &l.table();
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
      add_diagnostic(out, severity::error, path,
                     format_message("expected a table, got {}", toml_type_label(n->type())), l.origin_of(*n));
      return nullptr;
    }
  }
  return n;
}

/// A source that threw: reported under its name; what it added is dropped.
STRATA_COLD inline void report_failed_source(const source_base& source, std::string_view what, load_state& s,
                                             std::size_t first_layer) {
  s.layers().erase(s.layers().begin() + static_cast<std::ptrdiff_t>(first_layer), s.layers().end());
  add_diagnostic(s.found, severity::error, {}, format_message("the source {} failed: {}", source.name(), what),
                 origin{origin_kind::source, source.name()},
                 "the source threw an exception; what it read is left out of this load");
}

/// Every source's variables (dotenv files), before any source is read.
inline void gather_variables(const source_list& sources, load_state& s) {
  for (const auto& source : sources) {
    if (!source->contributes_variables) continue;
    variables_context ctx = context_access::make_variables(s);
    try {
      source->add_variables(ctx);
    } catch (const std::exception& e) {
      report_failed_source(*source, e.what(), s, s.layers().size());
    } catch (...) {
      report_failed_source(*source, "an unknown exception", s, s.layers().size());
    }
  }
}

/// One source's layers, each sealed once complete.
inline void read_source(const source_base& source, load_state& s) {
  const std::size_t first_layer = s.layers().size();
  s.added.clear();
  s.composed.clear();
  source_context ctx = context_access::make_context(s);
  try {
    source.read(ctx);
  } catch (const std::exception& e) {
    report_failed_source(source, e.what(), s, first_layer);
  } catch (...) {
    report_failed_source(source, "an unknown exception", s, first_layer);
  }
  for (std::size_t i = first_layer; i < s.layers().size(); ++i) s.layers()[i].origins.seal();
}

STRATA_COLD inline void sort_files(std::vector<std::filesystem::path>& files) {
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
}

/// Whether a file (or a file its `defaults` list names) could not be read
/// or parsed: what it would have set is unknown.
inline bool unreadable_source(const diagnostics& found) {
  return std::any_of(found.begin(), found.end(), [](const diagnostic& d) {
    return d.severity == severity::error && d.origin.kind == origin_kind::file && (d.path.empty() || d.path == "defaults");
  });
}

/// The group a setting may choose: `model=large` (a bare key) or
/// `/model=large` (only a group); empty for any other setting.
inline std::string_view group_of_setting(std::string_view setting, bool& only_group) {
  const std::size_t eq = setting.find('=');
  if (eq == std::string_view::npos) return {};
  std::string_view key = trim(setting.substr(0, eq));
  only_group = !key.empty() && key.front() == '/';
  if (only_group) key.remove_prefix(1);
  if (key.empty() || key.find_first_of(".\"[]/ \t") != std::string_view::npos) return {};
  return key;
}

STRATA_COLD inline void report_group_setting(diagnostics& out, const std::string& setting, std::string_view message,
                                             std::string_view hint) {
  add_diagnostic(out, severity::error, {}, message, origin{origin_kind::overrides, setting}, hint);
}

/// Settings that choose a group of the composition are taken out of
/// `values` (the rule: docs/experiments.md); the rest stay value settings.
inline void settle_group_settings(const group_choices& named, const load_request& request,
                                  std::vector<std::string>& values, diagnostics& out) {
  std::erase_if(values, [&](const std::string& setting) {
    bool only_group = false;
    const std::string_view key = group_of_setting(setting, only_group);
    if (key.empty()) return false;
    const auto it = named.find(key);
    const bool used = it != named.end() && it->second.used;
    if (!used) {
      if (only_group)
        report_group_setting(out, setting,
                             format_message("no group '{}' in the composition", capped(key)),
                             "a group is a folder whose file a `defaults` list chooses");
      return only_group;
    }
    if (only_group || !request.root) return true;
    // A field that holds a table cannot take `key=choice`: only one a value could set is ambiguous.
    const bool is_field = std::any_of(request.root->members.begin(), request.root->members.end(),
                                      [&](const member_shape& m) {
                                        const shape* t = m.type;
                                        while (t->kind == shape_kind::annotated || t->kind == shape_kind::optional)
                                          t = t->element;
                                        return m.key == key && t->kind != shape_kind::object;
                                      });
    if (is_field)
      report_group_setting(out, setting,
                           format_message("'{}' is both a config group and a field", capped(key)),
                           format_message("write /{0}=... to choose the group's file, \"{0}\"=... to set the field",
                                          capped(key)));
    return true;
  });
}

load_outcome load_sources(const source_list& sources, const env* first_env, const std::vector<std::string>& overrides,
                          const load_request& request, void* value, std::vector<std::filesystem::path>* files,
                          std::map<std::string, std::string>* chosen_groups) {
  auto trace = std::make_shared<load_trace>();
  diagnostics found;
  load_state s(request, *trace, found, first_env);
  if (files) {
    files->clear();
    s.files = files;
  }
  s.chosen_groups = chosen_groups;
  group_choices named;
  std::vector<std::string> refused;
  for (const std::string& setting : overrides) {
    bool only_group = false;
    const std::string_view key = group_of_setting(setting, only_group);
    if (key.empty()) continue;
    const std::string choice(trim(std::string_view(setting).substr(setting.find('=') + 1)));
    if (choice.empty() || choice.front() == '.' || choice.find_first_of("/\\") != std::string::npos) {
      if (!only_group) continue;  // no file name of a folder: a value
      report_group_setting(found, setting, "a group choice is the name of a file in the group's folder",
                           "for example /model=large");
      refused.push_back(setting);
      continue;
    }
    named.insert_or_assign(std::string(key), group_choice{choice, origin{origin_kind::overrides, setting}, false});
  }
  if (!named.empty()) s.named_groups = &named;
  gather_variables(sources, s);
  for (const auto& source : sources) read_source(*source, s);
  if (files) sort_files(*files);
  std::deque<layer>& layers = trace->layers;
  std::vector<std::string> values = overrides;
  std::erase_if(values, [&](const std::string& v) { return std::find(refused.begin(), refused.end(), v) != refused.end(); });
  if (!named.empty()) settle_group_settings(named, request, values, found);
  if (!values.empty()) {
    add_override_layer(layers, values, found);
    layers.back().origins.seal();
  }
  for (std::size_t i = 0; i < layers.size(); ++i) layers[i].position = static_cast<std::uint32_t>(i);
  slot_list roots;
  for (const layer& l : layers)
    if (const toml::node* n = at_section(l, request.section, found)) roots.push_back({n, &l});
  trace->entries.reserve(request.root->fields_within + 16);  // one entry per field set, and a few more
  decoder d(*trace, found, s.profile, std::string(request.section), s.environment, unreadable_source(found));
  d.object(*request.root, value, std::span<const slot>(roots.data(), roots.size()));
  order_by_line(found);
  return {std::move(found), std::move(trace)};
}

env_map environment_of(const source_list& sources, const env* first_env) {
  load_trace trace;
  diagnostics ignored;
  const load_request request{nullptr, {}, {}, {}};
  load_state s(request, trace, ignored, first_env);
  gather_variables(sources, s);
  const env_view& view = s.environment.get();
  return env_map(view.begin(), view.end());
}

}  // namespace strata::detail
