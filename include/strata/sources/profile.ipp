// strata/sources/profile.ipp: reading a profile's files.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <strata/decode/layer.hpp>
#include <strata/detail/add_diagnostic.hpp>
#include <strata/detail/cold.hpp>
#include <strata/detail/did_you_mean.hpp>
#include <strata/detail/message.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/sources/compose.ipp>
#include <strata/sources/env.hpp>
#include <strata/sources/profile.hpp>
#include <strata/sources/source.ipp>

namespace strata {
namespace detail {

/// A profile name with no file of its own (or one of the reserved names,
/// or not a name at all), with the profiles that are there.
STRATA_COLD inline void report_unknown_profile(const profile& p, const std::string& name, const origin& chosen_by,
                                               diagnostics& out) {
  const auto options = p.available();
  std::string hint = format_message("available in '{}': {}", p.directory().string(), quoted_list(options));
  if (auto best = closest(name, options); !best.empty()) hint += format_message("; did you mean '{}'?", best);
  add_diagnostic(out, severity::error, {}, format_message("unknown profile '{}'", capped(name)), chosen_by,
                 hint);
}

/// A profile name is a plain name, nothing more: letters, digits, `-`, `_`
/// and `.` (not first), no reserved name. So no path (`../outside`,
/// `/etc/x`, `C:x`), no hidden file, nothing the file system interprets.
inline bool is_profile_name(std::string_view name) {
  if (name.empty() || name.size() > 128 || name.front() == '.' || name == "base" || name == "local") return false;
  for (const char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '_' || c == '.';
    if (!plain) return false;
  }
  return true;
}

/// One file of a profile (`dir/base`, ...), in whichever registered format
/// it exists. False when it is not there.
inline bool read_profile_file(load_state& s, const std::filesystem::path& stem, bool required) {
  const config_file found = find_config_file(stem);
  if (found.what == config_file::status::found) {
    (void)add_file(s, found.path, *found.format);
    return true;
  }
  for (const std::filesystem::path& p : found.candidates) s.note_file(p);  // watched until it appears
  if (found.what == config_file::status::ambiguous) {
    add_diagnostic(s.found, severity::error, {},
                   format_message("{} exists in more than one format; keep one", stem.string()), origin_kind::file,
                   stem.string());
    return true;
  }
  if (required) report_missing_file(s, found.candidates.empty() ? stem : found.candidates.front());
  return false;
}

}  // namespace detail

void profile::read(source_context& ctx) const {
  detail::load_state& s = detail::context_access::state(ctx);
  origin chosen_by{};
  std::string name = name_;
  if (name.empty()) {
    if (auto chosen = s.environment.find(selector_); chosen && !chosen->empty()) {
      name = std::string(*chosen);
      chosen_by = origin{origin_kind::env, selector_};
      if (const origin* at = s.environment.contributed_at(selector_)) {  // from a dotenv file
        chosen_by.line = at->line;
        chosen_by.column = at->column;
        chosen_by.via = at->name;
      }
    } else {
      name = "development";
    }
  }
  s.profile = name;
  (void)detail::read_profile_file(s, dir_ / "base", true);
  if (!detail::is_profile_name(name) || !detail::read_profile_file(s, dir_ / name, false))
    detail::report_unknown_profile(*this, name, chosen_by, s.found);
  (void)detail::read_profile_file(s, dir_ / "local", false);
}

}  // namespace strata
