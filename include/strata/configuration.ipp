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

load_outcome load_sources(const source_list& sources, const env* first_env, const std::vector<std::string>& overrides,
                          const load_request& request, void* value, std::vector<std::filesystem::path>* files) {
  auto trace = std::make_shared<load_trace>();
  diagnostics found;
  load_state s(request, *trace, found, first_env);
  if (files) {
    files->clear();
    s.files = files;
  }
  gather_variables(sources, s);
  for (const auto& source : sources) read_source(*source, s);
  if (files) sort_files(*files);
  std::deque<layer>& layers = trace->layers;
  if (!overrides.empty()) {
    add_override_layer(layers, overrides, found);
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
