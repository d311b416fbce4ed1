// strata/validate/show.hpp: values as they appear in messages and dumps.
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

#include <strata/decode/text.hpp>
#include <strata/declare/fixed_string.hpp>

namespace strata::detail {

template <class V>
std::string show(const V& v) {
  if constexpr (std::is_same_v<V, bool>) return v ? "true" : "false";
  else if constexpr (std::is_arithmetic_v<V>) return fmt::format("{}", v);
  else if constexpr (std::is_same_v<V, std::string> || std::is_same_v<V, std::string_view>)
    return fmt::format("'{}'", v);
  else if constexpr (std::is_same_v<V, std::filesystem::path>) return fmt::format("'{}'", v.string());
  else if constexpr (is_described_enum<V>) return fmt::format("'{}'", enum_name(v));
  else if constexpr (is_duration<V>) return format_duration(v);
  else if constexpr (has_codec<V>) return fmt::format("'{}'", std::string(codec<V>::format(v)));
  else if constexpr (requires { v.view(); }) return fmt::format("'{}'", v.view());
  else return "value";
}

}  // namespace strata::detail
