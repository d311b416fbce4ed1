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

}  // namespace strata::detail
