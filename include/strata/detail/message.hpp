// strata/detail/message.hpp: the text of the engine's diagnostics.
// fmt::format compiles its argument handling for every list of argument
// types it is called with, counting each reference kind apart
// (std::string&, const std::string&, std::string&&, ...): dozens of lists
// for the engine's messages. These take views, one function per number of
// arguments; numbers come as std::to_string, which writes an integer as
// "{}" does. Format strings are still checked at compile time.
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

#include <strata/detail/cold.hpp>
#include <strata/detail/capped.hpp>

namespace strata::detail {

STRATA_COLD inline std::string format_message(fmt::format_string<std::string_view> f, std::string_view a) {
  return fmt::vformat(f, fmt::make_format_args(a));
}

STRATA_COLD inline std::string format_message(fmt::format_string<std::string_view, std::string_view> f,
                                              std::string_view a, std::string_view b) {
  return fmt::vformat(f, fmt::make_format_args(a, b));
}

STRATA_COLD inline std::string format_message(
    fmt::format_string<std::string_view, std::string_view, std::string_view> f, std::string_view a,
    std::string_view b, std::string_view c) {
  return fmt::vformat(f, fmt::make_format_args(a, b, c));
}

STRATA_COLD inline std::string format_message(
    fmt::format_string<std::string_view, std::string_view, std::string_view, std::string_view> f, std::string_view a,
    std::string_view b, std::string_view c, std::string_view d) {
  return fmt::vformat(f, fmt::make_format_args(a, b, c, d));
}

/// A `path=value` setting named by its path alone (`db.password=…`): for
/// a setting strata cannot tie to a field that is known not to be secret
/// (an unknown key, a malformed path), whose value may be a secret.
STRATA_COLD inline std::string setting_without_value(std::string_view setting) {
  const auto eq = setting.find('=');
  std::string_view path = setting.substr(0, eq);
  while (!path.empty() && (path.back() == ' ' || path.back() == '\t')) path.remove_suffix(1);
  while (!path.empty() && (path.front() == ' ' || path.front() == '\t')) path.remove_prefix(1);
  return capped(path) + (eq == std::string_view::npos ? "" : "=…");
}

}  // namespace strata::detail
