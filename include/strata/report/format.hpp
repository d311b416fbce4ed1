// strata/report/format.hpp: diagnostics rendered for people (`format`) and
// for machines (`to_json`).
#pragma once

#include <string>
#include <string_view>

#include <strata/detail/capped.hpp>
#include <strata/detail/json.hpp>
#include <strata/report/diagnostic.hpp>

namespace strata {

namespace detail {
/// "name", or "name:line:column" when the origin has a place.
inline std::string place(std::string_view name, const origin& o) {
  std::string at(name);
  if (o.line > 0) {
    at += ':';
    at += std::to_string(o.line);
    at += ':';
    at += std::to_string(o.column);
  }
  return at;
}
}  // namespace detail

/// "configs/base.toml:3:8", "env APP_DB__PORT", "env APP_PORT (.env:3:1)",
/// "argument 'db.port=8'", "vault:secret/app#db.password", ... An origin
/// holds names as given (a variable's name is the environment's bytes);
/// shown here, control characters and bytes that are not UTF-8 are `\xNN`.
inline std::string to_string(const origin& o) {
  const std::string name = detail::inert(o.name), via = detail::inert(o.via);
  switch (o.kind) {
    case origin_kind::file: {
      std::string at = detail::place(name, o);
      if (!via.empty()) at += " via ${" + via + "}";
      return at;
    }
    case origin_kind::source: return detail::place(name, o);
    case origin_kind::env: return via.empty() ? "env " + name : "env " + name + " (" + detail::place(via, o) + ")";
    case origin_kind::args: return "argument '" + name + "'";
    case origin_kind::overrides: return "override '" + name + "'";
    case origin_kind::value: return "pinned value";
    case origin_kind::defaults: break;
  }
  return "default";
}

/// The report for people, one block per diagnostic, then a count:
///
///     error: db.port: must be in [1, 65535], got 70000
///       --> configs/base.toml:3:8
///     error: db.prot: unknown key 'prot'
///       --> configs/base.toml:4:1
///       = hint: did you mean 'port'?
///     2 errors
inline std::string format(const diagnostics& list) {
  std::string out;
  std::size_t errors = 0, warnings = 0;
  for (const diagnostic& d : list) {
    (d.severity == severity::error ? errors : warnings) += 1;
    out += to_string(d.severity);
    out += ": ";
    // Messages quote their input already shown inert; what a parser or a
    // user source wrote is made inert here.
    const auto shown = [](std::string_view text) {
      return detail::inert(text, std::string_view::npos, detail::newlines::kept);
    };
    if (!d.path.empty()) {
      out += shown(d.path);
      out += ": ";
    }
    out += shown(d.message);
    out += '\n';
    if (d.origin.kind != origin_kind::defaults) out += "  --> " + to_string(d.origin) + "\n";
    if (!d.hint.empty()) out += "  = hint: " + shown(d.hint) + "\n";
  }
  auto count = [](std::size_t n, std::string_view word) {
    return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
  };
  if (errors && warnings) out += count(errors, "error") + ", " + count(warnings, "warning") + "\n";
  else if (errors) out += count(errors, "error") + "\n";
  else if (warnings) out += count(warnings, "warning") + "\n";
  return out;
}

/// The report for machines: a JSON array of
/// `{"severity", "path", "message", "origin": {"kind", "name", "line", "column", "via"}, "hint"}`.
inline std::string to_json(const diagnostics& list) {
  std::string out = "[";
  for (const diagnostic& d : list) {
    if (out.size() > 1) out += ',';
    out += "{\"severity\":";
    detail::append_json_string(out, to_string(d.severity));
    out += ",\"path\":";
    detail::append_json_string(out, d.path);
    out += ",\"message\":";
    detail::append_json_string(out, d.message);
    out += ",\"origin\":{\"kind\":";
    detail::append_json_string(out, to_string(d.origin.kind));
    out += ",\"name\":";
    detail::append_json_string(out, d.origin.name);
    out += ",\"line\":" + std::to_string(d.origin.line) + ",\"column\":" + std::to_string(d.origin.column);
    out += ",\"via\":";
    detail::append_json_string(out, d.origin.via);
    out += '}';
    out += ",\"hint\":";
    detail::append_json_string(out, d.hint);
    out += '}';
  }
  out += ']';
  return out;
}

}  // namespace strata
