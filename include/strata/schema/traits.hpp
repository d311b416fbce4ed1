// strata/schema/traits.hpp: how strata classifies a field type. Every layer
// (decode, validate, schema check, tools) dispatches on these.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <variant>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/describe/bases.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <strata/declare/annotated.hpp>
#include <strata/declare/any_table.hpp>
#include <strata/declare/codec.hpp>
#include <strata/detail/has_codec.hpp>

namespace strata::detail {

template <class T> inline constexpr bool is_optional = false;
template <class T> inline constexpr bool is_optional<std::optional<T>> = true;

template <class T> inline constexpr bool is_vector = false;
template <class T, class A> inline constexpr bool is_vector<std::vector<T, A>> = true;

template <class T> inline constexpr bool is_map = false;
template <class T, class C, class A>
inline constexpr bool is_map<std::map<std::string, T, C, A>> = true;
template <class T, class H, class E, class A>
inline constexpr bool is_map<std::unordered_map<std::string, T, H, E, A>> = true;

template <class T> inline constexpr bool is_duration = false;
template <class R, class P> inline constexpr bool is_duration<std::chrono::duration<R, P>> = true;

template <class T> inline constexpr bool is_variant = false;
template <class... T> inline constexpr bool is_variant<std::variant<T...>> = true;

/// `std::chrono::sys_time<D>` (an offset date-time, held as UTC) and
/// `std::chrono::local_time<D>` (a local date-time).
template <class T> inline constexpr bool is_sys_time = false;
template <class D> inline constexpr bool is_sys_time<std::chrono::time_point<std::chrono::system_clock, D>> = true;
template <class T> inline constexpr bool is_local_time = false;
template <class D> inline constexpr bool is_local_time<std::chrono::time_point<std::chrono::local_t, D>> = true;
/// The TOML date and time types strata reads: offset and local date-times, local dates.
template <class T>
inline constexpr bool is_date_time = is_sys_time<T> || is_local_time<T> || std::is_same_v<T, std::chrono::year_month_day>;

/// A free-form table, kept as given.
template <class T> inline constexpr bool is_any_table = std::is_same_v<T, any_table>;

template <class T>
inline constexpr bool is_integer = std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                   !std::is_same_v<T, char> && !std::is_same_v<T, wchar_t> &&
                                   !std::is_same_v<T, char8_t> && !std::is_same_v<T, char16_t> &&
                                   !std::is_same_v<T, char32_t>;

template <class T>
inline constexpr bool is_described_struct =
    std::is_class_v<T> && boost::describe::has_describe_members<T>::value;

template <class T>
inline constexpr bool is_described_enum =
    std::is_enum_v<T> && boost::describe::has_describe_enumerators<T>::value;

/// A variant of described structs: what a discriminator chooses among.
template <class V>
inline constexpr bool is_struct_variant = false;
template <class... A>
inline constexpr bool is_struct_variant<std::variant<A...>> = (is_described_struct<A> && ...);

/// Scalars are what a single env variable or TOML value holds.
template <class T>
inline constexpr bool is_scalar = std::is_same_v<T, bool> || is_integer<T> ||
                                  std::is_floating_point_v<T> || std::is_same_v<T, std::string> ||
                                  is_described_enum<T> || is_duration<T> || is_date_time<T> ||
                                  std::is_same_v<T, std::filesystem::path> || has_codec<T>;

/// The discriminator annotation of a field (a type with `key`), or void.
template <class L>
struct find_discriminator {
  using type = void;
};
template <template <class...> class L, class A, class... R>
struct find_discriminator<L<A, R...>> {
  using type = std::conditional_t<requires { A::key; }, A, typename find_discriminator<L<R...>>::type>;
};

/// The element type of a list, or the value type of a map.
template <class C>
struct element_of {
  using type = typename C::value_type;
};
template <class C>
  requires is_map<C>
struct element_of<C> {
  using type = typename C::mapped_type;
};

/// `annotated<T, A...>` seen through: the value type and its annotations.
template <class F>
struct field_traits {
  using type = F;
  using annotations = boost::mp11::mp_list<>;
};
template <class T, class... A>
struct field_traits<annotated<T, A...>> {
  using type = T;
  using annotations = boost::mp11::mp_list<A...>;
};
template <class F> using value_type_of = typename field_traits<F>::type;
template <class F> using annotations_of = typename field_traits<F>::annotations;

template <class F, class A>
inline constexpr bool has_annotation = boost::mp11::mp_contains<annotations_of<F>, A>::value;


/// A member's name with one trailing '_' dropped (`default_` -> `default`):
/// its key under naming::as_declared, and what its env name derives from.
constexpr std::string_view key_of(std::string_view name) {
  return !name.empty() && name.back() == '_' ? name.substr(0, name.size() - 1) : name;
}

/// Every described member of T, those of its described base classes first
/// (Boost.Describe describes at most 52 members per struct; bases lift the limit).
template <class T>
using members_of =
    boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;
/// The members T's own BOOST_DESCRIBE_STRUCT lists.
template <class T>
using own_members_of = boost::describe::describe_members<T, boost::describe::mod_public>;
/// T's described public base classes.
template <class T>
using bases_of = boost::describe::describe_bases<T, boost::describe::mod_public>;

/// Calls `f(descriptor)` for each described member of T.
template <class T, class F>
constexpr void for_each_member(F&& f) {
  boost::mp11::mp_for_each<members_of<T>>(f);
}

/// Human-readable name of a type for messages ("integer", "uint16_t", "list").
template <class T>
constexpr std::string_view type_label() {
  if constexpr (std::is_same_v<T, bool>) return "boolean";
  else if constexpr (std::is_same_v<T, std::int8_t> || std::is_same_v<T, signed char>) return "int8_t";
  else if constexpr (std::is_same_v<T, std::uint8_t> || std::is_same_v<T, unsigned char>) return "uint8_t";
  else if constexpr (std::is_same_v<T, std::int16_t>) return "int16_t";
  else if constexpr (std::is_same_v<T, std::uint16_t>) return "uint16_t";
  else if constexpr (std::is_same_v<T, std::int32_t>) return "int32_t";
  else if constexpr (std::is_same_v<T, std::uint32_t>) return "uint32_t";
  else if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, long long>) return "int64_t";
  else if constexpr (std::is_same_v<T, std::uint64_t> || std::is_same_v<T, unsigned long long>) return "uint64_t";
  else if constexpr (is_integer<T>) return "integer";
  else if constexpr (std::is_floating_point_v<T>) return "number";
  else if constexpr (std::is_same_v<T, std::string>) return "string";
  else if constexpr (std::is_same_v<T, std::filesystem::path>) return "path";
  else if constexpr (is_described_enum<T>) return "enum";
  else if constexpr (is_duration<T>) return "duration";
  else if constexpr (is_sys_time<T>) return "date-time";
  else if constexpr (is_local_time<T>) return "local date-time";
  else if constexpr (is_date_time<T>) return "date";
  else if constexpr (is_any_table<T>) return "table";
  else if constexpr (is_vector<T>) return "list";
  else if constexpr (is_map<T>) return "table";
  else if constexpr (is_described_struct<T>) return "table";
  else if constexpr (is_optional<T>) return type_label<typename T::value_type>();
  else if constexpr (is_variant<T>) return "table";
  else if constexpr (has_codec<T>) return "string";
  else return "value";
}

}  // namespace strata::detail
