// strata/schema/shape.hpp: the schema of a configuration type as constant
// data. `shape_of<T>` is a table the compiler builds once per type: each
// struct's keys and member addresses, each leaf type's parser, each
// annotated field's rules. The loading engine walks these tables at run
// time, so a new configuration type costs the compiler a few tables and
// one small function per field, not a copy of the engine.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/mp11/algorithm.hpp>

#include <strata/declare/annotated.hpp>
#include <strata/declare/configured.hpp>
#include <strata/declare/tags.hpp>
#include <strata/decode/date_time.hpp>
#include <strata/decode/text.hpp>
#include <strata/detail/capped.hpp>
#include <strata/schema/enums.hpp>
#include <strata/schema/keys.hpp>
#include <strata/schema/traits.hpp>
#include <strata/validate/constraints.hpp>
#include <strata/validate/show.hpp>
#include <strata/validate/validation.hpp>

namespace strata::detail {

enum class shape_kind : unsigned char {
  boolean, integer, floating, date_time,              // leaves read from their TOML types
  string, path, enumeration, duration, codec,         // leaves read from TOML strings
  object, list, map, optional, variant, any_table,    // composites
  annotated,                                          // annotated<T, A...>
};

/// The shapes a TOML value can have, as a shape-selected variant (a
/// std::variant without discriminator) tells its alternatives apart.
enum class value_shape : unsigned char { none, string, integer, floating, boolean, date_time, table, array };

constexpr std::string_view value_shape_name(value_shape v) {
  switch (v) {
    case value_shape::string: return "a string";
    case value_shape::integer: return "an integer";
    case value_shape::floating: return "a float";
    case value_shape::boolean: return "a boolean";
    case value_shape::date_time: return "a date-time";
    case value_shape::table: return "a table";
    case value_shape::array: return "an array";
    case value_shape::none: break;
  }
  return "a value";
}

struct shape;

/// A key's first 8 bytes as one big-endian number, zero-padded: two keys
/// whose prefixes differ compare as the numbers do, so matching a table's
/// keys against the members mostly compares integers.
constexpr std::uint64_t key_prefix(std::string_view key) {
#if defined(__GNUC__) || defined(__clang__)
  if (!std::is_constant_evaluated() && std::endian::native == std::endian::little && key.size() >= 8) {
    std::uint64_t word;
    std::memcpy(&word, key.data(), 8);
    return __builtin_bswap64(word);
  }
#endif
  std::uint64_t out = 0;
  for (std::size_t i = 0; i < 8; ++i) out = (out << 8) | (i < key.size() ? static_cast<unsigned char>(key[i]) : 0u);
  return out;
}

/// One described member of a struct.
struct member_shape {
  std::string_view key;  ///< as files spell it (key<>, else the struct's naming policy)
  const shape* type;
  std::uint64_t prefix;  ///< key_prefix(key)
};

/// What the annotations of one `annotated<T, A...>` mean to loading. What
/// every load reads comes first, in one cache line.
struct field_rules {
  bool secret = false;
  bool required = false;
  bool pinned = false;
  /// Appends the message of every constraint `value` breaks (", got ..."
  /// only when `show_value`; a secret's, !show_value, names no allowed value).
  void (*check)(const void* value, bool show_value, std::vector<std::string>& failures) = nullptr;
  std::string_view discriminator;  ///< the variant's tag key, if any (none: chosen by the value's shape)
  std::span<const std::string_view> aliases;
  void (*pin)(void* value) = nullptr;      ///< writes the pinned constant
  std::string (*pinned_text)() = nullptr;  ///< the constant as messages show it
  std::string_view pinned_tag;             ///< a pinned variant alternative
};

/// One type as loading sees it. The fields a load reads for every value
/// (kind, element, leaf conversions, annotation rules) share the first cache
/// line: a configuration's shapes are read on every load, and they compete
/// with the data being loaded for the cache.
struct shape {
  shape_kind kind{};
  /// Whether a field within this value has env aliases: names outside the
  /// prefix its own variables share.
  bool aliased = false;
  // annotated: copies of rules->secret, required, pinned and check, which
  // every load reads (the rules themselves are another cache line)
  bool secret = false;
  bool required = false;
  bool pinned = false;
  /// string leaves under `literal`: `${...}` is text
  bool verbatim = false;
  /// object: what a key that names no member is
  strata::unknown_keys unknown = strata::unknown_keys::error;
  const shape* element = nullptr;  ///< list, map, optional: the element; annotated: the value type
  // leaves
  conversion (*parse)(std::string_view text, void* out) = nullptr;
  conversion (*from_integer)(std::int64_t, void* out) = nullptr;  ///< integer, floating; a duration with a unit
  // annotated
  void* (*unwrap)(void* annotated) = nullptr;
  void (*check)(const void* value, bool show_value, std::vector<std::string>& failures) = nullptr;
  const field_rules* rules = nullptr;
  // object
  std::uint32_t fields_within = 0;  ///< members, with those of nested structs: a load's usual number of origins
  std::span<const member_shape> members;
  std::span<const std::uint16_t> by_key;  ///< member positions in key order
  std::atomic<std::uint32_t>* offsets = nullptr;  ///< member_offsets_v: the members' offsets, once known
  void (*learn_offsets)(const void* object, std::atomic<std::uint32_t>* offsets) = nullptr;
  void (*validate)(const void* object, validation& v) = nullptr;
  conversion (*from_float)(double, void* out) = nullptr;  ///< floating
  conversion (*from_date_time)(const date_time_value&, void* out) = nullptr;  ///< date_time
  /// enumerators; a variant's tags; an object's members' C++ names (env names derive from them)
  std::span<const std::string_view> names;
  std::string_view label;                                 ///< type_label: "int32_t", "list", ...
  // containers
  void (*resize)(void* list, std::size_t n) = nullptr;  ///< list: cleared, then n default elements
  void* (*at)(void* list, std::size_t i) = nullptr;
  void* (*entry)(void* map, std::string_view key) = nullptr;  ///< map[key]
  void* (*engage)(void* optional) = nullptr;                  ///< emplaced when empty
  // variant
  std::span<const shape* const> alternatives;
  void* (*select)(void* variant, std::size_t index) = nullptr;  ///< holds `index`, returns it
};

template <class T>
struct shape_for;

/// The shape of T.
template <class T>
inline constexpr const shape* shape_of = &shape_for<T>::value;

// --- leaves ----------------------------------------------------------------

template <class V>
conversion parse_into(std::string_view text, void* out) {
  return parse_text(text, *static_cast<V*>(out));
}

template <class V>
conversion integer_into(std::int64_t wide, void* out) {
  if constexpr (std::is_floating_point_v<V>) return integer_to_float(wide, *static_cast<V*>(out));
  else return narrow_integer(wide, *static_cast<V*>(out));
}

template <class V>
conversion float_into(double wide, void* out) {
  return narrow_float(wide, *static_cast<V*>(out));
}

template <class V>
conversion date_time_to(const date_time_value& value, void* out) {
  return date_time_into(value, *static_cast<V*>(out));
}

template <class D, class Unit>
conversion parse_counted_into(std::string_view text, void* out) {
  return parse_counted<Unit>(text, *static_cast<D*>(out));
}

template <class D, class Unit>
conversion count_of_unit_into(std::int64_t count, void* out) {
  return count_into<Unit>(count, *static_cast<D*>(out));
}

template <class V>
constexpr shape_kind leaf_kind() {
  if constexpr (std::is_same_v<V, bool>) return shape_kind::boolean;
  else if constexpr (is_integer<V>) return shape_kind::integer;
  else if constexpr (std::is_floating_point_v<V>) return shape_kind::floating;
  else if constexpr (std::is_same_v<V, std::string>) return shape_kind::string;
  else if constexpr (std::is_same_v<V, std::filesystem::path>) return shape_kind::path;
  else if constexpr (is_described_enum<V>) return shape_kind::enumeration;
  else if constexpr (is_duration<V>) return shape_kind::duration;
  else if constexpr (is_date_time<V>) return shape_kind::date_time;
  else return shape_kind::codec;
}

// --- structs ---------------------------------------------------------------

/// Sees through `annotated`: the value's shape and the rules, if any.
constexpr const shape& unannotated(const shape& s) {
  return s.kind == shape_kind::annotated ? *s.element : s;
}

template <class T>
constexpr auto make_members() {
  std::array<member_shape, boost::mp11::mp_size<members_of<T>>::value> out{};
  std::size_t i = 0;
  for_each_field<T>([&](auto d, std::string_view key) {
    out[i++] = member_shape{key, shape_of<member_type<T, decltype(d)>>, key_prefix(key)};
  });
  return out;
}

template <class T>
inline constexpr auto members_v = make_members<T>();

/// Where each member lies in T: 0 until the first load reaches a T, then
/// the offset + 1. A pointer to member yields no offset in a constant
/// expression, so the offsets are learned from an object, all at once.
template <class T>
inline std::atomic<std::uint32_t> member_offsets_v[std::max<std::size_t>(members_v<T>.size(), 1)]{};

/// One function per struct, not one per member: a large configuration
/// would otherwise compile thousands of tiny functions and, at run time,
/// branch to one of them per member.
template <class T, template <class...> class L, class... D>
void learn_offsets_of(const T& t, std::atomic<std::uint32_t>* offsets, L<D...>*) {
  const auto* base = reinterpret_cast<const char*>(std::addressof(t));
  std::size_t i = 0;
  ((offsets[i++].store(
       static_cast<std::uint32_t>(reinterpret_cast<const char*>(std::addressof(t.*D::pointer)) - base) + 1,
       std::memory_order_relaxed)),
   ...);
}

template <class T>
void learn_offsets(const void* object, std::atomic<std::uint32_t>* offsets) {
  learn_offsets_of(*static_cast<const T*>(object), offsets, static_cast<members_of<T>*>(nullptr));
}

/// The address of member `m` of the struct at `object` (shape `s`).
inline void* member_at(const shape& s, void* object, std::size_t m) {
  std::uint32_t offset = s.offsets[m].load(std::memory_order_relaxed);
  if (offset == 0) [[unlikely]] {
    s.learn_offsets(object, s.offsets);
    offset = s.offsets[m].load(std::memory_order_relaxed);
  }
  return static_cast<char*>(object) + offset - 1;
}

/// The members' positions in key order, for matching a (sorted) TOML table
/// against them in one pass.
template <class T>
constexpr auto sort_members() {
  std::array<std::uint16_t, members_v<T>.size()> order{};
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint16_t>(i);
  std::sort(order.begin(), order.end(),
            [](std::uint16_t a, std::uint16_t b) {
              // compare(): `x.key < y` would read as the template strata::key<...>
              return members_v<T>[a].key.compare(members_v<T>[b].key) < 0;
            });
  return order;
}

template <class T>
inline constexpr auto sorted_members_v = sort_members<T>();

template <class T>
concept has_validate = requires(const T& t, validation& v) { t.validate(v); };

template <class T>
void validate_object(const void* object, validation& v) {
  static_cast<const T*>(object)->validate(v);
}

// --- annotated fields ------------------------------------------------------

template <class A>
struct aliases_of {
  static constexpr std::array<std::string_view, 0> value{};
};
template <fixed_string... Names>
struct aliases_of<env_alias<Names...>> {
  static constexpr std::array<std::string_view, sizeof...(Names)> value{Names.view()...};
};

/// The env_alias names of an annotation list (at most one env_alias counts).
template <class... A>
constexpr std::span<const std::string_view> alias_span() {
  std::span<const std::string_view> out;
  ((out = out.empty() ? std::span<const std::string_view>(aliases_of<A>::value) : out), ...);
  return out;
}

template <class V>
std::string show_erased(const void* v) {
  return show(*static_cast<const V*>(v));
}

/// A failed constraint's message, built out of line: every value is
/// checked, few fail, and each rule would otherwise carry its own copy.
STRATA_COLD inline void add_failure(std::vector<std::string>& failures, std::string (*message)(),
                                    std::string (*show_value)(const void*), const void* value) {
  std::string text = message();
  if (show_value) {
    text += ", got " + capped(show_value(value));  // a hostile value (1 MiB from env) does not flood the report
  }
  failures.push_back(std::move(text));
}

template <class A, class V>
void check_one(const V& v, bool show_value, std::vector<std::string>& failures) {
  using rule = constraint<A>;
  if constexpr (rule::checks && rule::template applies<V>()) {
    if (!rule::holds(v)) {
      std::string (*shown)(const void*) = nullptr;
      if constexpr (is_scalar<V>)
        if (show_value) shown = &show_erased<V>;
      // a secret's rule may itself tell the value (one_of): its message then does not
      if constexpr (requires { rule::secret_message(); })
        if (!show_value) return add_failure(failures, &rule::secret_message, nullptr, &v);
      if constexpr (requires { rule::failure_message(); }) add_failure(failures, &rule::failure_message, shown, &v);
      else add_failure(failures, &rule::message, shown, &v);
    }
  }
}

template <class V, class... A>
void check_all(const void* v, bool show_value, std::vector<std::string>& failures) {
  (check_one<A>(*static_cast<const V*>(v), show_value, failures), ...);
}

template <class V, class... A>
constexpr bool any_check() {
  return ((constraint<A>::checks && constraint<A>::template applies<V>()) || ...);
}

template <class V, class Pin>
void write_pinned(void* value) {
  if constexpr (std::is_constructible_v<V, decltype(Pin::constant)>)
    *static_cast<V*>(value) = V(Pin::constant);
}

template <class Pin>
std::string pinned_text() {
  return show(Pin::constant);
}

template <class V, class... A>
constexpr field_rules make_rules() {
  using pin = typename first_pinned<A...>::type;
  using disc = typename find_discriminator<boost::mp11::mp_list<A...>>::type;
  field_rules r;
  r.secret = (std::is_same_v<A, strata::secret> || ...);
  r.required = (std::is_same_v<A, strata::required> || ...);
  if constexpr (!std::is_void_v<disc>) r.discriminator = disc::key;
  r.aliases = alias_span<A...>();
  if constexpr (!std::is_void_v<pin>) {
    r.pinned = true;
    if constexpr (is_variant<V>) {
      r.pinned_tag = std::string_view(pin::constant);
    } else {
      r.pin = &write_pinned<V, pin>;
      r.pinned_text = &pinned_text<pin>;
    }
  }
  if constexpr (any_check<V, A...>()) r.check = &check_all<V, A...>;
  return r;
}

template <class V, class... A>
inline constexpr field_rules rules_v = make_rules<V, A...>();

template <class V, class... A>
void* unwrap_annotated(void* f) {
  return &**static_cast<annotated<V, A...>*>(f);
}

// --- containers ------------------------------------------------------------

template <class L>
void resize_list(void* list, std::size_t n) {
  auto& l = *static_cast<L*>(list);
  l.clear();
  l.resize(n);
}

template <class L>
void* list_at(void* list, std::size_t i) {
  return &(*static_cast<L*>(list))[i];
}

template <class M>
void* map_entry(void* map, std::string_view key) {
  return &(*static_cast<M*>(map))[std::string(key)];
}

template <class O>
void* engage_optional(void* o) {
  auto& opt = *static_cast<O*>(o);
  if (!opt) opt.emplace();
  return &*opt;
}

template <class V>
void* select_variant(void* v, std::size_t index) {
  auto& var = *static_cast<V*>(v);
  select_alternative(var, index);
  return boost::mp11::mp_with_index<std::variant_size_v<V>>(
      index, [&](auto i) -> void* { return &std::get<i.value>(var); });
}

template <class V>
struct variant_shapes;
template <class... A>
struct variant_shapes<std::variant<A...>> {
  static constexpr std::array<const shape*, sizeof...(A)> value{shape_of<A>...};
};

/// The shape of TOML value a value of shape `s` is read from: what tells
/// the alternatives of a shape-selected variant apart.
constexpr value_shape value_shape_of(const shape& s) {
  switch (s.kind) {
    case shape_kind::annotated:
    case shape_kind::optional: return value_shape_of(*s.element);
    case shape_kind::boolean: return value_shape::boolean;
    case shape_kind::integer: return value_shape::integer;
    case shape_kind::floating: return value_shape::floating;
    case shape_kind::date_time: return value_shape::date_time;
    case shape_kind::object:
    case shape_kind::map:
    case shape_kind::any_table: return value_shape::table;
    case shape_kind::list: return value_shape::array;
    case shape_kind::variant: return value_shape::none;
    default: return value_shape::string;
  }
}

// --- pseudo types for annotations that change how a leaf reads --------------

/// A string (or path, or codec type) under `literal`: `${...}` is text.
template <class V>
struct verbatim_of {};
/// A duration under `duration_unit<Unit>`: a bare number counts units.
template <class D, class Unit>
struct counted_in {};

/// The annotation `duration_unit<U>` among A..., or void.
template <class... A>
struct find_unit {
  using type = void;
};
template <class A, class... R>
struct find_unit<A, R...> {
  using type = std::conditional_t<requires { typename A::unit; }, A, typename find_unit<R...>::type>;
};

/// What an annotated field's value is read as.
template <class V, class... A>
constexpr const shape* value_shape_for() {
  using unit = typename find_unit<A...>::type;
  if constexpr ((std::is_same_v<A, strata::literal> || ...) && is_scalar<V>) return &shape_for<verbatim_of<V>>::value;
  else if constexpr (!std::is_void_v<unit> && is_duration<V>) return &shape_for<counted_in<V, typename unit::unit>>::value;
  else return shape_of<V>;
}

// --- the shape of each kind of type ----------------------------------------

template <class T>
constexpr shape make_shape() {
  shape s;
  s.label = type_label<T>();
  if constexpr (is_described_struct<T>) {
    s.kind = shape_kind::object;
    s.unknown = options_of<T>().unknown_keys;
    s.members = members_v<T>;
    s.names = member_names_v<T>;
    s.by_key = sorted_members_v<T>;
    s.offsets = member_offsets_v<T>;
    s.learn_offsets = &learn_offsets<T>;
    if constexpr (has_validate<T>) s.validate = &validate_object<T>;
    for (const member_shape& m : s.members) {
      s.aliased = s.aliased || m.type->aliased;
      s.fields_within += 1 + unannotated(*m.type).fields_within;
    }
  } else if constexpr (is_vector<T>) {
    s.kind = shape_kind::list;
    s.element = shape_of<typename T::value_type>;
    s.aliased = s.element->aliased;
    s.resize = &resize_list<T>;
    s.at = &list_at<T>;
  } else if constexpr (is_map<T>) {
    s.kind = shape_kind::map;
    s.element = shape_of<typename T::mapped_type>;
    s.aliased = s.element->aliased;
    s.entry = &map_entry<T>;
  } else if constexpr (is_optional<T>) {
    s.kind = shape_kind::optional;
    s.element = shape_of<typename T::value_type>;
    s.aliased = s.element->aliased;
    s.engage = &engage_optional<T>;
  } else if constexpr (is_variant<T>) {
    s.kind = shape_kind::variant;
    s.names = variant_tags<T>::value;
    s.alternatives = variant_shapes<T>::value;
    s.select = &select_variant<T>;
    for (const shape* alternative : s.alternatives) s.aliased = s.aliased || alternative->aliased;
  } else if constexpr (is_any_table<T>) {
    s.kind = shape_kind::any_table;
  } else if constexpr (is_scalar<T>) {
    s.kind = leaf_kind<T>();
    s.parse = &parse_into<T>;
    if constexpr (is_integer<T> || std::is_floating_point_v<T>) s.from_integer = &integer_into<T>;
    if constexpr (std::is_floating_point_v<T>) s.from_float = &float_into<T>;
    if constexpr (is_date_time<T>) s.from_date_time = &date_time_to<T>;
    if constexpr (is_described_enum<T>) s.names = enum_names_v<T>;
  }
  return s;
}

template <class T>
struct shape_for {
  static constexpr shape value = make_shape<T>();
};

template <class V>
struct shape_for<verbatim_of<V>> {
  static constexpr shape value = [] {
    shape s = make_shape<V>();
    s.verbatim = true;
    return s;
  }();
};

template <class D, class Unit>
struct shape_for<counted_in<D, Unit>> {
  static constexpr shape value = [] {
    shape s = make_shape<D>();
    s.parse = &parse_counted_into<D, Unit>;
    s.from_integer = &count_of_unit_into<D, Unit>;
    return s;
  }();
};

template <class V, class... A>
struct shape_for<annotated<V, A...>> {
  static constexpr shape value = [] {
    shape s;
    s.kind = shape_kind::annotated;
    s.label = type_label<V>();
    s.element = value_shape_for<V, A...>();
    s.unwrap = &unwrap_annotated<V, A...>;
    s.rules = &rules_v<V, A...>;
    s.secret = s.rules->secret;
    s.required = s.rules->required;
    s.pinned = s.rules->pinned;
    s.check = s.rules->check;
    s.aliased = !s.rules->aliases.empty() || s.element->aliased;
    return s;
  }();
};

constexpr bool is_leaf(shape_kind k) { return k <= shape_kind::codec; }

}  // namespace strata::detail
