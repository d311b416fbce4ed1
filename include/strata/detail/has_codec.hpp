// strata/detail/has_codec.hpp: `has_codec<T>`, whether `strata::codec<T>` is
// specialized with the shape the loaders and tools rely on. Kept apart from
// <strata/declare/codec.hpp> so that declaring a configuration does not
// include <optional>.
#pragma once

#include <concepts>
#include <optional>
#include <string>
#include <string_view>

#include <strata/declare/codec.hpp>

namespace strata::detail {

template <class T>
concept has_codec = requires(std::string_view text, std::string& error, const T& value) {
  { codec<T>::parse(text, error) } -> std::same_as<std::optional<T>>;
  { codec<T>::format(value) } -> std::convertible_to<std::string>;
};

}  // namespace strata::detail
