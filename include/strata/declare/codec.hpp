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
//
// Only the template is declared here, with no includes: the declaration
// header does not pay for <optional>. The specialization includes what it
// names; the check of its shape, `detail::has_codec`, is in
// <strata/detail/has_codec.hpp>, on the loading side.
#pragma once

namespace strata {

/// Specialize for a field type strata does not know; see above.
template <class T>
struct codec {};

}  // namespace strata
