// strata/tools/schema.hpp: `json_schema<T>()`, a JSON Schema (draft 2020-12)
// of T's TOML files, for editors (taplo / Even Better TOML) and validators
// (ajv): types, bounds (with the implicit bounds of narrow integer types),
// lengths, enums, patterns, constants, defaults, descriptions, variants as
// `oneOf` with the tag as `const`, and `additionalProperties: false` (unless
// the struct's `.unknown_keys` accepts other keys).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include <fmt/format.h>

#include <strata/declare/annotations.hpp>
#include <strata/declare/configured.hpp>
#include <strata/declare/tags.hpp>
#include <strata/detail/json.hpp>
#include <strata/schema/enums.hpp>
#include <strata/schema/traits.hpp>
#include <strata/tools/dump.hpp>
#include <strata/validate/constraints.hpp>

namespace strata {

namespace detail {

/// A JSON number for a bound or a constant (integers exactly).
template <class N>
std::string json_number(N n) {
  if constexpr (std::is_same_v<N, bool>) return n ? "true" : "false";
  else if constexpr (std::is_floating_point_v<N>) {
    std::string s = fmt::format("{}", n);
    return s;
  } else return fmt::format("{}", n);
}

/// The JSON form of a `one_of` / `value` constant.
template <class C>
std::string json_constant(const C& c) {
  std::string out;
  if constexpr (std::is_same_v<C, std::string_view>) append_json_string(out, c);
  else if constexpr (std::is_enum_v<C>) append_json_string(out, enum_name(c));
  else out = json_number(c);
  return out;
}

/// Collects the keywords of one schema object, in order.
struct schema_object {
  std::string body;
  void add(std::string_view key, const std::string& json) {
    if (!body.empty()) body += ',';
    append_json_string(body, key);
    body += ':';
    body += json;
  }
  void add_string(std::string_view key, std::string_view text) {
    std::string s;
    append_json_string(s, text);
    add(key, s);
  }
  std::string str() const { return "{" + body + "}"; }
};

/// Numeric bounds, starting from the type's own and tightened by annotations.
struct bounds {
  bool has_min = false, has_max = false, has_xmin = false, has_xmax = false;
  long double min = 0, max = 0, xmin = 0, xmax = 0;
  std::string min_text, max_text, xmin_text, xmax_text;

  template <class N>
  void lower(N v) {
    if (!has_min || static_cast<long double>(v) > min) has_min = true, min = static_cast<long double>(v), min_text = json_number(v);
  }
  template <class N>
  void upper(N v) {
    if (!has_max || static_cast<long double>(v) < max) has_max = true, max = static_cast<long double>(v), max_text = json_number(v);
  }
  template <class N>
  void lower_exclusive(N v) {
    has_xmin = true, xmin = static_cast<long double>(v), xmin_text = json_number(v);
  }
  template <class N>
  void upper_exclusive(N v) {
    has_xmax = true, xmax = static_cast<long double>(v), xmax_text = json_number(v);
  }
  void write(schema_object& o) const {
    if (has_min) o.add("minimum", min_text);
    if (has_max) o.add("maximum", max_text);
    if (has_xmin) o.add("exclusiveMinimum", xmin_text);
    if (has_xmax) o.add("exclusiveMaximum", xmax_text);
  }
};

/// Numeric, length and value annotations of one field, gathered.
template <class A>
struct gather {
  static void numbers(bounds&) {}
  static void sizes(std::size_t&, std::size_t&, bool&) {}
  /// Adds what the annotation allows; `secret`: none of the values it names.
  static void extra(schema_object&, bool) {}
  /// On a secret field, what stands in the description for the values left out.
  static void secret_note(std::string&) {}
};
template <auto Lo, auto Hi>
struct gather<range<Lo, Hi>> : gather<void> {
  static void numbers(bounds& b) { b.lower(Lo), b.upper(Hi); }
};
template <auto B>
struct gather<min<B>> : gather<void> {
  static void numbers(bounds& b) { b.lower(B); }
};
template <auto B>
struct gather<max<B>> : gather<void> {
  static void numbers(bounds& b) { b.upper(B); }
};
template <auto B>
struct gather<gt<B>> : gather<void> {
  static void numbers(bounds& b) { b.lower_exclusive(B); }
};
template <auto B>
struct gather<lt<B>> : gather<void> {
  static void numbers(bounds& b) { b.upper_exclusive(B); }
};
template <std::size_t N>
struct gather<min_length<N>> : gather<void> {
  static void sizes(std::size_t& lo, std::size_t&, bool&) { lo = std::max(lo, N); }
};
template <std::size_t N>
struct gather<max_length<N>> : gather<void> {
  static void sizes(std::size_t&, std::size_t& hi, bool& has_hi) {
    hi = has_hi ? std::min(hi, N) : N;
    has_hi = true;
  }
};
template <std::size_t Lo, std::size_t Hi>
struct gather<length<Lo, Hi>> : gather<void> {
  static void sizes(std::size_t& lo, std::size_t& hi, bool& has_hi) {
    lo = std::max(lo, Lo);
    hi = has_hi ? std::min(hi, Hi) : Hi;
    has_hi = true;
  }
};
template <>
struct gather<non_empty> : gather<void> {
  static void sizes(std::size_t& lo, std::size_t&, bool&) { lo = std::max<std::size_t>(lo, 1); }
};
template <constant... Cs>
struct gather<one_of<Cs...>> : gather<void> {
  static void extra(schema_object& o, bool secret) {
    if (secret) return;  // the allowed values of a secret are secrets
    std::string list;
    ((list += (list.empty() ? "" : ",") + json_constant(Cs.get())), ...);
    o.add("enum", "[" + list + "]");
  }
  static void secret_note(std::string& d) {
    d += (d.empty() ? "" : "; ") + fmt::format("one of {} secret values", sizeof...(Cs));
  }
};
template <fixed_string Regex>
struct gather<pattern<Regex>> : gather<void> {
  static void extra(schema_object& o, bool) {
    // strata matches the whole value; JSON Schema patterns search
    o.add_string("pattern", fmt::format("^(?:{})$", Regex.view()));
  }
};
template <constant V>
struct gather<value<V>> : gather<void> {
  static void extra(schema_object& o, bool secret) {
    if constexpr (requires { json_constant(V.get()); })
      if (!secret) o.add("const", json_constant(V.get()));
  }
  static void secret_note(std::string& d) { d += (d.empty() ? "" : "; ") + std::string("pinned to a secret value"); }
};

/// Descriptions gathered from doc<> and check<>.
template <class A>
struct describe_annotation {
  static void add(std::string&) {}
};
template <fixed_string Text>
struct describe_annotation<doc<Text>> {
  static void add(std::string& d) { d += (d.empty() ? "" : " ") + std::string(Text.view()); }
};
template <auto F, fixed_string Message>
struct describe_annotation<check<F, Message>> {
  static void add(std::string& d) { d += (d.empty() ? "" : "; ") + std::string("must satisfy: ") + std::string(Message.view()); }
};

template <class L>
struct annotation_list;
template <template <class...> class L, class... A>
struct annotation_list<L<A...>> {
  static void numbers(bounds& b) { (gather<A>::numbers(b), ...); }
  static void sizes(std::size_t& lo, std::size_t& hi, bool& has_hi) { (gather<A>::sizes(lo, hi, has_hi), ...); }
  static void extra(schema_object& o, [[maybe_unused]] bool secret) { (gather<A>::extra(o, secret), ...); }
  static std::string description(bool secret) {
    std::string d;
    (describe_annotation<A>::add(d), ...);
    if (secret) (gather<A>::secret_note(d), ...);
    return d;
  }
};

/// A string that a file may hold instead of the typed value: `"${PORT:8000}"`.
inline constexpr std::string_view interpolation_schema = R"({"type":"string","pattern":"\\$\\{"})";

/// The duration syntax parse_text reads: a sign, then each unit at most once, the largest first.
inline constexpr std::string_view duration_pattern =
    "^-?(?=[0-9])([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?([0-9]+us)?([0-9]+ns)?$";

/// The JSON Schema `format` of a TOML date or date-time (editors such as
/// taplo check TOML dates against it): an offset date-time is RFC 3339's
/// `date-time`, a local one `partial-date-time`, a local date `date`.
template <class B>
constexpr std::string_view date_time_format() {
  if constexpr (is_sys_time<B>) return "date-time";
  else if constexpr (is_local_time<B>) return "partial-date-time";
  else return "date";
}

template <class V>
std::string schema_of(const V& def, bool secret, std::string_view disc);

/// The schema of a field (annotations seen), with its default and description.
template <class F>
std::string field_schema(const F& def, bool secret, std::string_view disc, bool with_default = true) {
  using V = value_type_of<F>;
  using L = annotation_list<annotations_of<F>>;
  secret = secret || has_annotation<F, strata::secret>;
  const V& value = def;
  using B = std::conditional_t<is_optional<V>, typename unoptional<V>::type, V>;

  schema_object typed;  // the type and its constraints
  if constexpr (is_integer<B> || std::is_floating_point_v<B>) {
    typed.add_string("type", is_integer<B> ? "integer" : "number");
    bounds b;
    if constexpr (is_integer<B>) {
      b.lower(std::numeric_limits<B>::min());
      b.upper(std::numeric_limits<B>::max());
    }
    L::numbers(b);
    b.write(typed);
    L::extra(typed, secret);
  } else if constexpr (std::is_same_v<B, std::string> || std::is_same_v<B, std::filesystem::path> || has_codec<B>) {
    typed.add_string("type", "string");
    std::size_t lo = 0, hi = 0;
    bool has_hi = false;
    L::sizes(lo, hi, has_hi);
    if (lo) typed.add("minLength", fmt::format("{}", lo));
    if (has_hi) typed.add("maxLength", fmt::format("{}", hi));
    L::extra(typed, secret);
  } else if constexpr (std::is_same_v<B, bool>) {
    typed.add_string("type", "boolean");
    L::extra(typed, secret);
  } else if constexpr (is_described_enum<B>) {
    typed.add_string("type", "string");
    std::string list;
    for (std::string_view name : enum_names<B>()) {
      if (!list.empty()) list += ',';
      append_json_string(list, name);
    }
    schema_object names;
    L::extra(names, secret);
    if (names.body.empty()) typed.add("enum", "[" + list + "]");  // one_of / value narrow it further
    else typed.body += "," + names.body;
  } else if constexpr (is_duration<B>) {
    if constexpr (!std::is_void_v<typename unit_of<F>::type>) {  // a bare number counts units
      std::string text;
      append_json_string(text, duration_pattern);
      typed.add("anyOf", fmt::format(R"([{{"type":"integer"}},{{"type":"string","pattern":{}}}])", text));
    } else {
      typed.add_string("type", "string");
      typed.add_string("pattern", duration_pattern);
    }
  } else if constexpr (is_date_time<B>) {
    typed.add_string("type", "string");
    typed.add_string("format", date_time_format<B>());
  } else if constexpr (is_any_table<B>) {
    typed.add_string("type", "object");  // any keys, any values: kept as given
  } else if constexpr (is_vector<B> || is_map<B>) {
    std::size_t lo = 0, hi = 0;
    bool has_hi = false;
    L::sizes(lo, hi, has_hi);
    using E = typename element_of<B>::type;
    // the element's own default stands for a missing key inside it
    const std::string element = schema_of(E{}, secret, disc);  // a secret list's elements are secret
    if constexpr (is_vector<B>) {
      typed.add_string("type", "array");
      typed.add("items", element);
      if (lo) typed.add("minItems", fmt::format("{}", lo));
      if (has_hi) typed.add("maxItems", fmt::format("{}", hi));
    } else {
      typed.add_string("type", "object");
      typed.add("additionalProperties", element);
      if (lo) typed.add("minProperties", fmt::format("{}", lo));
      if (has_hi) typed.add("maxProperties", fmt::format("{}", hi));
    }
  } else {
    // structs and variants: their own schema
    using D = typename find_discriminator<annotations_of<F>>::type;
    std::string_view key = disc;
    if constexpr (!std::is_void_v<D>) key = D::key;
    if constexpr (is_optional<V>) return schema_of(value ? *value : B{}, secret, key);
    else return schema_of(value, secret, key);
  }

  std::string description = L::description(secret);
  if constexpr (is_any_table<B>) description += description.empty() ? "any table, kept as given" : " (any table)";
  if constexpr (is_duration<B>) {
    bounds b;
    L::numbers(b);
    std::string range;
    if (b.has_min) range += fmt::format(" at least {}", b.min_text);
    if (b.has_xmin) range += fmt::format(" greater than {}", b.xmin_text);
    if (b.has_max) range += fmt::format("{} at most {}", range.empty() ? "" : ",", b.max_text);
    if (b.has_xmax) range += fmt::format("{} less than {}", range.empty() ? "" : ",", b.xmax_text);
    description += fmt::format("{}a duration (250ms, 30s, 5m, 1h30m, 2d){}", description.empty() ? "" : "; ",
                               range.empty() ? "" : fmt::format(";{} {}", range, period_name<typename B::period>()));
    if constexpr (!std::is_void_v<typename unit_of<F>::type>)
      description += fmt::format(", or a number of {}", period_name<typename unit_of<F>::type::unit::period>());
  }
  if constexpr (is_optional<V>) description += description.empty() ? "optional" : " (optional)";

  schema_object out;
  // Scalars other than plain strings may also be an interpolated string in a file.
  const bool plain_string = typed.body == R"("type":"string")";
  if constexpr (is_scalar<B>) {
    if (plain_string) out.body = typed.body;
    else out.add("anyOf", fmt::format("[{},{}]", typed.str(), interpolation_schema));
  } else {
    out.body = typed.body;
  }
  if (!description.empty()) out.add_string("description", description);
  if (secret) {
    out.add("writeOnly", "true");
  } else if (with_default) {
    bool has_default = true;
    if constexpr (is_optional<V>) has_default = value.has_value();
    if constexpr (std::is_floating_point_v<B>) {
      if constexpr (is_optional<V>) has_default = has_default && std::isfinite(*value);
      else has_default = std::isfinite(value);
    }
    if (has_default) {
      std::string json;
      append_json_value(json, def, false, false, disc, 0);  // secrets inside stay redacted
      // one line: defaults of lists and maps come back indented
      std::string compact;
      bool in_string = false;
      for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (in_string) {
          compact += c;
          if (c == '\\') compact += json[++i];
          else if (c == '"') in_string = false;
        } else if (c == '"') {
          in_string = true;
          compact += c;
        } else if (c != '\n' && c != ' ') {
          compact += c;
        }
      }
      out.add("default", compact);
    }
  }
  return out.str();
}

template <class S>
std::string struct_schema(const S& def, bool secret, std::string_view skip = {}, std::string_view tag = {}) {
  schema_object o;
  o.add_string("type", "object");
  std::string properties;
  auto add_property = [&](std::string_view key, const std::string& schema) {
    if (!properties.empty()) properties += ',';
    append_json_string(properties, key);
    properties += ':' + schema;
  };
  if (!skip.empty()) {
    std::string tag_json;
    append_json_string(tag_json, tag);
    add_property(skip, fmt::format(R"({{"const":{},"description":"selects this alternative"}})", tag_json));
  }
  for_each_field<S>([&](auto d, std::string_view key) {
    if (!skip.empty() && key == skip) return;  // receives the tag
    using F = std::remove_cvref_t<decltype(def.*decltype(d)::pointer)>;
    add_property(key, field_schema<F>(def.*decltype(d)::pointer, secret, discriminator_key<F>()));
  });
  o.add("properties", "{" + properties + "}");
  if (!skip.empty()) o.add("required", fmt::format("[{}]", [&] {
                             std::string k;
                             append_json_string(k, skip);
                             return k;
                           }()));
  // A struct that warns about or ignores unknown keys loads files with
  // other programs' keys: its schema accepts them too.
  if (options_of<S>().unknown_keys == strata::unknown_keys::error) o.add("additionalProperties", "false");
  return o.str();
}

/// A discriminated variant: one of its structs, with the tag as `const`.
template <class V>
std::string discriminated_schema(const V& def, bool secret, std::string_view disc) {
  std::string alternatives;
  boost::mp11::mp_for_each<boost::mp11::mp_iota_c<std::variant_size_v<V>>>([&](auto i) {
    using A = std::variant_alternative_t<i, V>;
    if (!alternatives.empty()) alternatives += ',';
    // the default alternative keeps its defaults; the others show their own
    if (def.index() == i) alternatives += struct_schema(std::get<i>(def), secret, disc, variant_tags<V>::value[i]);
    else alternatives += struct_schema(A{}, secret, disc, variant_tags<V>::value[i]);
  });
  schema_object o;
  o.add_string("type", "object");
  o.add("oneOf", "[" + alternatives + "]");
  o.add_string("description", fmt::format("one of {} alternatives, chosen by '{}'", std::variant_size_v<V>, disc));
  return o.str();
}

template <class V>
std::string schema_of(const V& def, bool secret, std::string_view disc) {
  if constexpr (is_described_struct<V>) {
    return struct_schema(def, secret);
  } else if constexpr (is_variant<V>) {
    if (!is_struct_variant<V> || disc.empty()) {  // chosen by shape: any of the alternatives (their shapes differ)
      std::string alternatives;
      boost::mp11::mp_for_each<boost::mp11::mp_iota_c<std::variant_size_v<V>>>([&](auto i) {
        using A = std::variant_alternative_t<i, V>;
        if (!alternatives.empty()) alternatives += ',';
        alternatives += def.index() == i ? schema_of(std::get<i>(def), secret, {}) : schema_of(A{}, secret, {});
      });
      schema_object o;
      o.add("anyOf", "[" + alternatives + "]");
      return o.str();
    }
    if constexpr (is_struct_variant<V>) return discriminated_schema(def, secret, disc);
    else return {};
  } else {
    // elements of lists and maps: a field without a default of its own
    return field_schema<V>(def, secret, disc, false);
  }
}

/// Indents compact JSON (strings kept intact).
inline std::string pretty_json(std::string_view compact) {
  std::string out;
  int depth = 0;
  bool in_string = false;
  auto newline = [&] {
    out += '\n';
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
  };
  for (std::size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    if (in_string) {
      out += c;
      if (c == '\\') out += compact[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    switch (c) {
      case '"': in_string = true; out += c; break;
      case '{':
      case '[':
        out += c;
        if (i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']')) {
          out += compact[++i];
        } else {
          ++depth;
          newline();
        }
        break;
      case '}':
      case ']':
        --depth;
        newline();
        out += c;
        break;
      case ',': out += c; newline(); break;
      case ':': out += ": "; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace detail

/// JSON Schema (draft 2020-12) of the files that configure T. Under a
/// `.section`, the schema nests T's object at that path and leaves the rest
/// of the file open. Files may start with a `defaults = [...]` list.
template <class T>
  requires detail::is_described_struct<T>
std::string json_schema() {
  const T def{};
  std::string body = detail::struct_schema(def, false);
  constexpr std::string_view section = detail::options_of<T>().section;
  constexpr std::string_view defaults_schema =
      R"({"type":"array","items":{"type":"string"},"description":"files to load before this one, relative to it, without extension"})";
  bool has_defaults_member = false;
  detail::for_each_field<T>([&](auto, std::string_view key) { has_defaults_member |= key == "defaults"; });
  if (section.empty()) {
    if (!has_defaults_member) {
      // add "defaults" to the root's properties
      const std::string marker = R"("properties":{)";
      const auto at = body.find(marker) + marker.size();
      const bool empty = body[at] == '}';
      body.insert(at, std::string(R"("defaults":)") + std::string(defaults_schema) + (empty ? "" : ","));
    }
  } else {
    std::vector<std::string_view> keys;
    for (std::string_view s = section; !s.empty();) {
      const auto dot = s.find('.');
      keys.push_back(s.substr(0, dot));
      s = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    }
    for (auto it = keys.rbegin(); it != keys.rend(); ++it) {
      std::string key;
      detail::append_json_string(key, *it);
      const bool root = it + 1 == keys.rend();
      body = fmt::format(R"({{"type":"object","properties":{{{}{}:{}}}}})",
                         root ? std::string(R"("defaults":)") + std::string(defaults_schema) + "," : "", key, body);
    }
  }
  std::string title;
  detail::append_json_string(title, detail::type_name<T>());
  std::string out = fmt::format(R"({{"$schema":"https://json-schema.org/draft/2020-12/schema","title":{},{})", title,
                                body.substr(1));
  return detail::pretty_json(out) + "\n";
}

}  // namespace strata
