// strata/sources/overrides.ipp: turning `dotted.path=value` settings into
// a layer.
#pragma once

#include <algorithm>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include <strata/decode/layer.hpp>
#include <strata/decode/text.hpp>
#include <strata/detail/add_diagnostic.hpp>
#include <strata/detail/cold.hpp>
#include <strata/detail/message.hpp>
#include <strata/detail/utf8.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/schema/paths.hpp>
#include <strata/sources/overrides.hpp>
#include <strata/sources/source.ipp>

namespace strata {
namespace detail {

/// Every node of `n`'s subtree is attributed to `name`.
inline void attribute(layer& l, const toml::node& n, std::string_view name) {
  l.origins.set(&n, name);
  if (auto t = n.as_table())
    for (auto&& [k, child] : *t) attribute(l, child, name);
  else if (auto a = n.as_array())
    for (const toml::node& child : *a) attribute(l, child, name);
}

/// Drops `n` and what it holds from the layer's bare values, before it is replaced.
inline void forget_bare(layer& l, const toml::node& n) {
  if (l.bare.empty()) return;
  l.bare.erase(std::remove(l.bare.begin(), l.bare.end(), &n), l.bare.end());
  if (auto t = n.as_table())
    for (auto&& [k, child] : *t) forget_bare(l, child);
  else if (auto a = n.as_array())
    for (const toml::node& child : *a) forget_bare(l, child);
}

/// A setting that would put a key below a value an earlier setting gave:
/// both are named by their paths only, since a well-formed setting refused
/// here may hold a secret, and so may the earlier one.
STRATA_COLD inline void report_set_below_value(const layer& l, std::string_view setting, std::string_view key,
                                               const toml::node& value, diagnostics& out) {
  const node_origins::entry* named = l.origins.find(&value);
  const std::string_view earlier = named ? l.origins.name(*named) : std::string_view{};
  const std::string by = earlier.empty() ? std::string("an earlier setting")
                                         : "'" + setting_without_value(earlier) + "'";
  add_diagnostic(out, severity::error, {}, format_message("'{}' is already set to a value by {}", capped(key), by),
                 l.kind, setting_without_value(setting));
}

/// Adds one `path=value` setting to an override layer, or explains why not.
/// `number` counts settings from 1, to name one that has no '='.
inline void add_setting(layer& l, std::string_view setting, diagnostics& out, std::size_t number = 0) {
  // named by its text, capped (one setting may be a megabyte), unless that is
  // not UTF-8: then by its path alone (the decoder reports the value)
  const std::string name = valid_utf8(setting) ? capped(setting)
                                               : capped(trim(setting.substr(0, setting.find('=')))) + "=…";
  const auto eq = setting.find('=');
  // A malformed setting is named by its path only (`db..port=…`): which
  // field it meant is unknown, so its value may be a secret. One without
  // '=' may be nothing but a secret: it is named by its number.
  auto fail = [&](std::string_view message, std::string_view hint) {
    add_diagnostic(out, severity::error, {}, message, l.kind, setting_without_value(setting), hint);
  };
  if (eq == std::string_view::npos)
    return add_diagnostic(out, severity::error, {},
                          format_message("setting #{} has no '=' (its text is not shown: it may be a secret)",
                                         std::to_string(number)),
                          l.kind, "#" + std::to_string(number), "settings look like dotted.path=value, for example api.workers=8");
  if (!valid_utf8(setting.substr(0, eq))) {  // a key no TOML file could hold; the bytes are not shown
    return add_diagnostic(out, severity::error, {}, "the path of this setting is not valid UTF-8", l.kind,
                          l.kind == origin_kind::args ? "an argument" : "an override",
                          "name settings in UTF-8 text");
  }
  const auto segments = split_path(trim(setting.substr(0, eq)));
  if (!segments) return fail("malformed path before '='", "paths look like db.port or labels.team");
  if (segments->size() > max_nesting_depth)  // each key a table: a hostile path must not build 100000 of them
    return fail(format_message("the path has {} keys; tables nest at most {} levels",
                               std::to_string(segments->size()), std::to_string(max_nesting_depth)),
                "paths look like db.port or labels.team");
  for (const path_segment& seg : *segments)  // checked before anything is inserted
    if (seg.index)
      return fail("list elements cannot be set one by one here", "give the whole list: origins=[\"a\",\"b\"]");
  toml::table* table = &l.root;
  for (std::size_t i = 0; i < segments->size(); ++i) {
    const path_segment& seg = (*segments)[i];
    if (i + 1 == segments->size()) {
      if (const toml::node* replaced = table->get(seg.key)) forget_bare(l, *replaced);  // set again
      bool bare = false;
      const toml::node& value = *put_literal(node_target{table, seg.key, nullptr}, setting.substr(eq + 1), &bare);
      if (bare) l.bare.push_back(&value);
      // A value holding tables is named without its text: a field inside
      // may be secret, which only that field knows. So is one written like
      // a table that is not valid TOML (`auth={token="...`), kept as text.
      const std::string_view path = trim(setting.substr(0, eq));
      const std::string_view text = trim(setting.substr(eq + 1));
      const bool holds_tables = value.is_table() || (value.is_array() && text.find('{') != std::string_view::npos) ||
                                (value.is_string() && text.starts_with('{'));
      attribute(l, value,
                !holds_tables ? name
                              : format_message("{}={}…{}", capped(path), text.substr(0, 1), capped(text.substr(text.size() - 1))));
      break;
    }
    toml::node* next = table->get(seg.key);
    if (!next) {
      table->insert_or_assign(std::string_view(seg.key), toml::table{});  // absent: nothing is replaced
      next = table->get(seg.key);
      l.origins.set_if_absent(next, name);
    }
    if (!next->is_table()) return report_set_below_value(l, setting, seg.key, *next, out);
    table = next->as_table();
  }
}

/// The layer of `.overrides(...)`, above every source.
inline void add_override_layer(std::deque<layer>& layers, const std::vector<std::string>& settings, diagnostics& out) {
  layer& l = layers.emplace_back();
  l.kind = origin_kind::overrides;
  l.name = "overrides";
  l.all_text = true;
  l.interpolate = false;
  for (std::size_t i = 0; i < settings.size(); ++i) add_setting(l, settings[i], out, i + 1);
}

}  // namespace detail

void args::read(source_context& ctx) const {
  if (settings_.empty()) return;
  detail::load_state& s = detail::context_access::state(ctx);
  detail::layer& l = s.layers().emplace_back();
  l.kind = origin_kind::args;
  l.name = "arguments";
  l.all_text = true;
  l.interpolate = false;
  for (std::size_t i = 0; i < settings_.size(); ++i) detail::add_setting(l, settings_[i], s.found, i + 1);
}

}  // namespace strata
