// strata/declare/annotations.hpp: the constraint and metadata tags that go in
// `annotated<T, A...>`. They are empty types; their meaning lives in the
// validate/ and schema/ layers, so this header stays cheap.
#pragma once

#include <cstddef>

#include <strata/declare/fixed_string.hpp>

namespace strata {
namespace detail {
struct annotation {};
}  // namespace detail

/// Pinned constant: the field is always `V`, whatever the sources say.
template <detail::constant V>
struct value : detail::annotation {
  static constexpr auto constant = V.get();
};

/// Inclusive numeric bounds; for durations, in the duration's own unit.
template <auto Lo, auto Hi>
struct range : detail::annotation {
  static constexpr auto lo = Lo;
  static constexpr auto hi = Hi;
};
/// Inclusive lower bound.
template <auto V>
struct min : detail::annotation {
  static constexpr auto bound = V;
};
/// Inclusive upper bound.
template <auto V>
struct max : detail::annotation {
  static constexpr auto bound = V;
};
/// Exclusive lower bound.
template <auto V>
struct gt : detail::annotation {
  static constexpr auto bound = V;
};
/// Exclusive upper bound.
template <auto V>
struct lt : detail::annotation {
  static constexpr auto bound = V;
};

/// Size of a string or container, at least `N`.
template <std::size_t N>
struct min_length : detail::annotation {
  static constexpr std::size_t lo = N;
};
/// Size of a string or container, at most `N`.
template <std::size_t N>
struct max_length : detail::annotation {
  static constexpr std::size_t hi = N;
};
/// Size of a string or container within `[Lo, Hi]`.
template <std::size_t Lo, std::size_t Hi>
struct length : detail::annotation {
  static_assert(Lo <= Hi, "strata::length<Lo, Hi>: Lo must not exceed Hi");
  static constexpr std::size_t lo = Lo;
  static constexpr std::size_t hi = Hi;
};
/// A string or container that is not empty.
struct non_empty : detail::annotation {};

/// The value must equal one of `Vs` (numbers, enumerators or string literals).
template <detail::constant... Vs>
struct one_of : detail::annotation {};

/// Full match against an ECMAScript regular expression.
template <fixed_string Regex>
struct pattern : detail::annotation {
  static constexpr std::string_view regex = Regex.view();
};

/// Custom predicate: `F` is a captureless constexpr-callable `bool(const T&)`.
template <auto F, fixed_string Message>
struct check : detail::annotation {
  static constexpr auto predicate = F;
  static constexpr std::string_view message = Message.view();
};

/// Some source must set the field; the C++ default does not count.
struct required : detail::annotation {};

/// Never printed: redacted everywhere; also read from `NAME_FILE` in env.
struct secret : detail::annotation {};

/// Description for schema, env reference, sample file and CLI help.
template <fixed_string Text>
struct doc : detail::annotation {
  static constexpr std::string_view text = Text.view();
};

/// Extra, unprefixed environment names for the field (`DATABASE_URL`).
template <fixed_string... Names>
struct env_alias : detail::annotation {
  using strata_env_alias_tag = void;
  template <class F>
  static constexpr void each_name(F&& f) {
    (f(Names.view()), ...);
  }
};

/// On a `std::variant` of structs: the key whose value selects the alternative.
template <fixed_string Key>
struct discriminator : detail::annotation {
  static constexpr std::string_view key = Key.view();
};

/// The field's key in files, arguments, overrides, dumps, the schema and
/// diagnostic paths (`key<"rust-version">`, `key<"$schema">`); beats the
/// struct's naming policy. Environment names still derive from the C++ name.
template <fixed_string Name>
struct key : detail::annotation {
  static constexpr std::string_view spelling = Name.view();
};

/// On a string field: `${...}` in its value is text, not interpolation.
struct literal : detail::annotation {};

/// On a duration field: a bare number counts units of `Unit`
/// (`duration_unit<std::chrono::seconds>`: `timeout = 1800` is 30 minutes).
/// Duration strings ("30m") are still accepted.
template <class Unit>
struct duration_unit : detail::annotation {
  using unit = Unit;
};

}  // namespace strata
