// strata/sources/profile.ipp: reading a profile's files.
#pragma once

#include <deque>
#include <optional>
#include <filesystem>
#include <string>

#include <strata/decode/layer.hpp>
#include <strata/detail/add_diagnostic.hpp>
#include <strata/detail/cold.hpp>
#include <strata/detail/did_you_mean.hpp>
#include <strata/detail/message.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/sources/env.hpp>
#include <strata/sources/profile.hpp>
#include <strata/sources/toml.ipp>

namespace strata::detail {

/// What sources share while one configuration loads.
struct load_context {
  load_environment environment;
  std::string profile;  ///< set by a profile source; "" without one
};

/// A profile name with no file of its own (or one of the reserved names),
/// with the profiles that are there.
STRATA_COLD inline void report_unknown_profile(const profile& p, const std::string& name, const origin& chosen_by,
                                               diagnostics& out) {
  const auto options = p.available();
  std::string hint = format_message("available in '{}': {}", p.directory().string(), quoted_list(options));
  if (auto best = closest(name, options); !best.empty()) hint += format_message("; did you mean '{}'?", best);
  add_diagnostic(out, severity::error, {}, format_message("unknown profile '{}'", name), chosen_by, hint);
}

inline void read_source(const profile& p, std::deque<layer>& layers, diagnostics& out, load_context& ctx) {
  origin chosen_by{};
  std::string name = p.name();
  if (name.empty()) {
    const env_view& vars = ctx.environment.get();
    if (auto it = vars.find(p.selector()); it != vars.end() && !it->second.empty()) {
      name = it->second;
      chosen_by = origin{origin_kind::env, p.selector()};
    } else {
      name = "development";
    }
  }
  ctx.profile = name;
  const std::filesystem::path& dir = p.directory();
  read_source(toml_file(dir / "base.toml"), layers, out);
  const auto file = dir / (name + ".toml");
  std::error_code ec;
  if (name == "base" || name == "local" || !std::filesystem::is_regular_file(file, ec))
    report_unknown_profile(p, name, chosen_by, out);
  else
    read_source(toml_file(file), layers, out);
  read_source(toml_file(dir / "local.toml", optional), layers, out);
}

}  // namespace strata::detail
