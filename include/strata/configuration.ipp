// strata/configuration.ipp: the engine behind configuration::load<T>: read
// every source into layers, add the overrides, decode the merged view.
#pragma once

#include <algorithm>
#include <deque>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <strata/configuration.hpp>
#include <strata/decode/decoder.ipp>
#include <strata/decode/layer.hpp>
#include <strata/detail/add_diagnostic.hpp>
#include <strata/detail/cold.hpp>
#include <strata/detail/message.hpp>
#include <strata/sources/env.ipp>
#include <strata/sources/overrides.ipp>
#include <strata/sources/profile.ipp>
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

/// The files one file source (toml_file, profile) depended on while it read:
/// see configuration::load(files). Cold: only a load asked for its files
/// (live<T>::watch) comes here. Paths go in as rvalues only, so
/// std::vector's growth is compiled once.
STRATA_COLD inline void note_files(const source& s, const std::string& profile_name, const std::deque<layer>& layers,
                                   std::size_t first_layer, const diagnostics& found, std::size_t first_found,
                                   std::vector<std::filesystem::path>& files) {
  if (const auto* f = std::get_if<toml_file>(&s)) {
    files.push_back(std::filesystem::path(f->path()));
  } else if (const auto* p = std::get_if<profile>(&s)) {
    for (const std::string& name : {std::string("base"), profile_name, std::string("local")})
      files.push_back(p->directory() / (name + ".toml"));
  } else {
    return;
  }
  for (std::size_t i = first_layer; i < layers.size(); ++i)
    if (layers[i].kind == origin_kind::file) files.push_back(std::filesystem::path(layers[i].name));
  for (std::size_t i = first_found; i < found.size(); ++i)
    if (found[i].origin.kind == origin_kind::file && !found[i].origin.name.empty())
      files.push_back(std::filesystem::path(found[i].origin.name));
}

STRATA_COLD inline void sort_files(std::vector<std::filesystem::path>& files) {
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
}

load_outcome load_sources(const std::vector<source>& sources, const std::vector<std::string>& overrides,
                          const load_request& request, void* value, std::vector<std::filesystem::path>* files) {
  auto trace = std::make_shared<load_trace>();
  std::deque<layer>& layers = trace->layers;
  diagnostics found;
  // The env source's variables, read once: interpolation, profile selectors
  // and the env layer all see the same snapshot.
  const env* env_source = first_env(sources);
  load_context ctx{load_environment(env_source), {}};
  if (files) files->clear();
  for (const source& s : sources) {
    const std::size_t first_layer = layers.size(), first_found = found.size();
    // get_if, not std::visit: one branch per kind of source, without the
    // visitation tables and a copy of the visitor for every alternative.
    if (const auto* e = std::get_if<env>(&s)) {
      if (e == env_source) {
        read_env(ctx.environment.get(), *request.root, request.prefix, request.separator, request.section, layers,
                 found);
      } else {
        const env_map vars = e->variables();
        read_env(env_view::of(vars), *request.root, request.prefix, request.separator, request.section, layers,
                 found);
      }
    } else if (const auto* p = std::get_if<profile>(&s)) {
      read_source(*p, layers, found, ctx);
    } else if (const auto* f = std::get_if<toml_file>(&s)) {
      read_source(*f, layers, found);
    } else if (const auto* t = std::get_if<toml_text>(&s)) {
      read_source(*t, layers, found);
    } else if (const auto* tt = std::get_if<toml_table>(&s)) {
      read_source(*tt, layers, found);
    } else {
      read_source(*std::get_if<args>(&s), layers, found);
    }
    if (files) note_files(s, ctx.profile, layers, first_layer, found, first_found, *files);
  }
  if (files) sort_files(*files);
  if (!overrides.empty()) {
    layer& l = layers.emplace_back();
    l.kind = origin_kind::overrides;
    l.name = "overrides";
    for (const std::string& s : overrides) add_setting(l, s, found);
  }
  for (std::size_t i = 0; i < layers.size(); ++i) layers[i].position = static_cast<std::uint32_t>(i);
  slot_list roots;
  for (const layer& l : layers)
    if (const toml::node* n = at_section(l, request.section, found)) roots.push_back({n, &l});
  trace->entries.reserve(request.root->fields_within + 16);  // one entry per field set, and a few more
  decoder d(*trace, found, ctx.profile, std::string(request.section), ctx.environment);
  d.object(*request.root, value, std::span<const slot>(roots.data(), roots.size()));
  return {std::move(found), std::move(trace)};
}

}  // namespace strata::detail
