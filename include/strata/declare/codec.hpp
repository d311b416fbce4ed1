// strata/declare/codec.hpp: the extension point for field types strata does
// not know. Specialize `strata::codec<T>` next to your type:
//
//   template <> struct strata::codec<Endpoint> {
//     static std::optional<Endpoint> parse(std::string_view text, std::string& error);
//     static std::string format(const Endpoint& e);
//   };
//
// In TOML a codec value is a string (numbers are accepted as their text);
// from env, args and interpolation it is the text as given.
#pragma once

#include <concepts>
#include <optional>
#include <string>
#include <string_view>

namespace strata {

template <class T>
struct codec {};

namespace detail {
template <class T>
concept has_codec = requires(std::string_view text, std::string& error, const T& value) {
  { codec<T>::parse(text, error) } -> std::same_as<std::optional<T>>;
  { codec<T>::format(value) } -> std::convertible_to<std::string>;
};
}  // namespace detail
}  // namespace strata
