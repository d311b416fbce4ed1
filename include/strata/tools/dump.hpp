// strata/tools/dump.hpp: `to_toml(cfg)` and `to_json(cfg)`, a configuration
// written back out. Secrets are redacted unless `strata::reveal_secrets` is
// passed; durations are written in the text syntax ("30s"), enums by name,
// numbers as numbers. `load(to_toml(x, reveal_secrets)) == x`.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include <fmt/format.h>

#include <strata/declare/configured.hpp>
#include <strata/declare/tags.hpp>
#include <strata/schema/paths.hpp>
#include <strata/detail/json.hpp>
#include <strata/report/format.hpp>
#include <strata/schema/enums.hpp>
#include <strata/schema/traits.hpp>
#include <strata/tools/leaves.hpp>

namespace strata {

/// Passed as the second argument of to_toml / to_json: write secrets as they are.
struct reveal_secrets_t {
  explicit constexpr reveal_secrets_t() = default;
};
inline constexpr reveal_secrets_t reveal_secrets{};

namespace detail {

/// What a redacted secret is written as.
inline constexpr std::string_view redacted_text = "<redacted>";

/// An origin as text, for a value that may be secret: an argument or
/// override names its whole `path=value` setting, so a secret's value is
/// cut from it.
inline std::string origin_text(const origin& o, bool secret) {
  if (secret && (o.kind == origin_kind::args || o.kind == origin_kind::overrides)) {
    origin safe = o;
    if (const auto eq = safe.name.find('='); eq != std::string::npos)
      safe.name = safe.name.substr(0, eq + 1) + std::string(redacted_text);
    return to_string(safe);
  }
  return to_string(o);
}

/// Whether V may be written as a TOML table of its own (`[a.b]` / `[[a.b]]`)
/// rather than as `key = inline value` (a shape-selected variant: when its
/// alternative is).
template <class V>
inline constexpr bool is_table_like = is_described_struct<V> || is_variant<V> || is_map<V> || is_any_table<V>;

template <class V>
inline constexpr bool is_table_array = false;
template <class V, class A>
inline constexpr bool is_table_array<std::vector<V, A>> = is_described_struct<V> || is_struct_variant<V>;

template <class V>
struct unoptional {
  using type = V;
};
template <class V>
struct unoptional<std::optional<V>> {
  using type = V;
};
/// A field's type without `annotated` and `optional`.
template <class F>
using bare_type = typename unoptional<value_type_of<F>>::type;

template <class F>
constexpr std::string_view discriminator_key() {
  using D = typename find_discriminator<annotations_of<F>>::type;
  if constexpr (std::is_void_v<D>) return {};
  else return D::key;
}

/// The discriminator of an annotated value itself (a list or map element
/// `annotated<std::variant<...>, discriminator<"kind">>`), else `outer`'s.
template <class V>
constexpr std::string_view own_discriminator(std::string_view outer) {
  if constexpr (is_annotated<V>) {
    const std::string_view own = discriminator_key<V>();
    return own.empty() ? outer : own;
  } else {
    return outer;
  }
}

template <class V>
bool is_empty_table(const V& v) {
  if constexpr (is_any_table<V>) return v.empty();
  else return false;
}

/// A TOML key: bare when it can be, quoted otherwise.
inline std::string toml_key(std::string_view key) {
  if (is_bare_key(key)) return std::string(key);
  std::string out;
  append_toml_string(out, key);
  return out;
}

/// Writes a configuration as a TOML document. Hooks add comments for the
/// sample file (`comment`) and the origin of each value (`origin_of`).
class toml_writer {
 public:
  bool reveal = false;
  /// Called before each `key = value` line with (diagnostic path, out); the
  /// sample file writes its documentation there. Set by reference.hpp.
  std::function<void(std::string_view, std::string&)> before;
  /// The trailing comment of a `key = value` line (an origin), or "";
  /// receives the path and whether the value is secret.
  std::function<std::string(std::string_view, bool)> after;
  /// The sample file: secrets and unset optionals become comments.
  bool comment_secrets = false;
  std::string out;

  template <class T>
  void document(const T& value) {
    std::string section(options_of<T>().section);
    path_ = section;
    header_ = section;
    if (!section.empty()) out += fmt::format("[{}]\n", section);
    body(value, {}, false);
  }

  /// The inline TOML form of any value (`{ a = 1 }`, `[1, 2]`, `"30s"`).
  template <class V>
  std::string inline_value(const V& v, bool secret, std::string_view disc = {}) const {
    if constexpr (is_annotated<V>) {
      using unit = typename unit_of<V>::type;
      secret = secret || has_annotation<V, strata::secret>;
      if constexpr (!std::is_void_v<unit>)
        if (!secret || reveal) return counted_literal<unit>(v.value());
      if constexpr (has_annotation<V, strata::literal>)  // read verbatim: no `$${` escape
        if (!secret || reveal) return toml_literal(v.value());
      return inline_value(v.value(), secret, own_discriminator<V>(disc));
    } else if constexpr (is_optional<V>) {
      return v ? inline_value(*v, secret, disc) : std::string{};
    } else if (is_any_table<V> && is_empty_table(v)) {
      return {};  // nothing to write, as for an unset optional
    } else if (secret && !reveal) {
      return fmt::format("\"{}\"", redacted_text);
    } else if constexpr (is_described_struct<V>) {
      std::string s = "{";
      bool first = true;
      for_each_field<V>([&](auto d, std::string_view key) {
        using F = std::remove_cvref_t<decltype(v.*decltype(d)::pointer)>;
        std::string item = inline_value(v.*decltype(d)::pointer, false, discriminator_key<F>());
        if (item.empty()) return;
        s += fmt::format("{} {} = {}", first ? "" : ",", toml_key(key), item);
        first = false;
      });
      return s + (first ? "}" : " }");
    } else if constexpr (is_any_table<V>) {
      return inline_table_toml(v);
    } else if constexpr (is_variant<V>) {
      if (disc.empty())  // chosen by shape: the alternative as it is
        return std::visit([&](const auto& alt) { return inline_value(alt, false); }, v);
      std::string tag;
      append_json_string(tag, variant_tags<V>::value[v.index()]);
      std::string inner = std::visit([&](const auto& alt) { return inline_value(alt, false); }, v);
      // "{ a = 1 }" -> "{ kind = "x", a = 1 }"
      if (inner == "{}") return fmt::format("{{ {} = {} }}", toml_key(disc), tag);
      return fmt::format("{{ {} = {},{}", toml_key(disc), tag, inner.substr(1));
    } else if constexpr (is_vector<V>) {
      std::string s = "[";
      for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + inline_value(v[i], false, disc);
      return s + "]";
    } else if constexpr (is_map<V>) {
      std::string s = "{";
      bool first = true;
      for (const auto& key : sorted_keys(v)) {
        s += fmt::format("{} {} = {}", first ? "" : ",", toml_key(key), inline_value(v.at(key), false, disc));
        first = false;
      }
      return s + (first ? "}" : " }");
    } else if constexpr (std::is_same_v<V, std::string> || std::is_same_v<V, std::filesystem::path> ||
                         has_codec<V>) {
      return escape_interpolation(toml_literal(v));
    } else {
      return toml_literal(v);
    }
  }

  /// Strings from files are interpolated: a literal "${" is written "$${".
  static std::string escape_interpolation(std::string literal) {
    for (std::size_t at = literal.find("${"); at != std::string::npos; at = literal.find("${", at + 3))
      literal.insert(at, 1, '$');
    return literal;
  }

 private:
  std::string path_;    // diagnostic path ("a.b[2].c")
  std::string header_;  // table header path ("a.b.c")

  template <class M>
  static std::vector<std::string> sorted_keys(const M& m) {
    std::vector<std::string> keys;
    for (const auto& [k, item] : m) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    return keys;
  }

  struct scope {
    toml_writer& w;
    std::size_t path_size, header_size;
    scope(toml_writer& writer, std::string_view key) : w(writer), path_size(w.path_.size()), header_size(w.header_.size()) {
      append_key(w.path_, key);
      if (!w.header_.empty()) w.header_ += '.';
      w.header_ += toml_key(key);
    }
    ~scope() {
      w.path_.resize(path_size);
      w.header_.resize(header_size);
    }
    scope(const scope&) = delete;
    scope& operator=(const scope&) = delete;
  };

  void line(std::string_view key, const std::string& value, bool secret = false) {
    {
      std::string p = path_;
      append_key(p, key);
      if (before) before(p, out);
      if (value.empty()) {  // an unset optional
        if (comment_secrets) out += fmt::format("# {} is not set by default\n", toml_key(key));
        return;
      }
      if (secret && comment_secrets) {
        out += fmt::format("# {} = \"...\"  (secret: set it from the environment)\n", toml_key(key));
        return;
      }
      out += fmt::format("{} = {}", toml_key(key), value);
      if (after)
        if (std::string note = after(p, secret); !note.empty()) out += "  # " + note;
    }
    out += '\n';
  }

  /// Whether a field is written as its own table (`[a.b]`, `[[a.b]]`):
  /// structs, variants and maps, and non-empty lists of structs, unless redacted.
  template <class F>
  bool as_table(const F& field, bool secret, std::string_view disc = {}) const {
    if constexpr (is_annotated<F>) {
      return as_table(field.value(), secret || has_annotation<F, strata::secret>, own_discriminator<F>(disc));
    } else if constexpr (is_optional<F>) {
      return field && as_table(*field, secret, disc);
    } else if constexpr (is_variant<F>) {
      if (!disc.empty()) return !secret || reveal;
      return std::visit([&](const auto& alt) { return as_table(alt, secret); }, field);
    } else if constexpr (is_any_table<F>) {
      return (!secret || reveal) && !field.empty();
    } else if constexpr (is_table_like<F>) {
      return !secret || reveal;
    } else if constexpr (is_table_array<F>) {
      return (!secret || reveal) && !field.empty();
    } else {
      return false;
    }
  }

  /// The body of the table at header_: simple keys first, then sub-tables.
  template <class V>
  void body(const V& v, std::string_view disc, bool secret) {
    if constexpr (is_annotated<V>) {  // a list or map element
      body(v.value(), own_discriminator<V>(disc), secret || has_annotation<V, strata::secret>);
    } else if constexpr (is_described_struct<V>) {
      for_each_field<V>([&](auto d, std::string_view key) {
        using F = std::remove_cvref_t<decltype(v.*decltype(d)::pointer)>;
        const bool s = secret || has_annotation<F, strata::secret>;
        if (as_table(v.*decltype(d)::pointer, s, discriminator_key<F>())) return;
        line(key, inline_value(v.*decltype(d)::pointer, s, discriminator_key<F>()), s);
      });
      for_each_field<V>([&](auto d, std::string_view key) {
        using F = std::remove_cvref_t<decltype(v.*decltype(d)::pointer)>;
        using B = bare_type<F>;
        const bool s = secret || has_annotation<F, strata::secret>;
        if constexpr (is_table_like<B> || is_table_array<B>) {
          if (!as_table(v.*decltype(d)::pointer, s, discriminator_key<F>())) return;
          const value_type_of<F>& field = v.*decltype(d)::pointer;
          const B* inner = nullptr;
          if constexpr (is_optional<value_type_of<F>>) inner = &*field;
          else inner = &field;
          scope sc(*this, key);
          sub(*inner, discriminator_key<F>(), s);
        }
      });
    } else if constexpr (is_any_table<V>) {
      append_table_toml(out, v, header_);
    } else if constexpr (is_variant<V>) {
      if (disc.empty()) {  // chosen by shape: a table alternative's body
        std::visit([&](const auto& alt) { body(alt, {}, secret); }, v);
        return;
      }
      std::string tag;
      append_json_string(tag, variant_tags<V>::value[v.index()]);
      line(disc, tag);
      std::visit([&](const auto& alt) { body(alt, {}, secret); }, v);
    } else if constexpr (is_map<V>) {
      using X = typename V::mapped_type;
      const auto keys = sorted_keys(v);
      if constexpr (is_table_like<X> || is_table_array<X>) {
        // entries that are not tables (a shape-selected variant's string) first, as lines
        for (const auto& key : keys)
          if (!as_table(v.at(key), secret, disc)) line(key, inline_value(v.at(key), secret, disc), secret);
        for (const auto& key : keys) {
          if (!as_table(v.at(key), secret, disc)) continue;
          scope sc(*this, key);
          sub(v.at(key), disc, secret);
        }
      } else {
        for (const auto& key : keys) line(key, inline_value(v.at(key), secret, disc), secret);
      }
    }
  }

  template <class V>
  void sub(const V& v, std::string_view disc, bool secret) {
    if constexpr (is_annotated<V>) {  // a list or map element
      return sub(v.value(), own_discriminator<V>(disc), secret || has_annotation<V, strata::secret>);
    } else if constexpr (is_variant<V>) {
      if (disc.empty())  // chosen by shape: the alternative is the table (or list of tables)
        return std::visit([&](const auto& alt) { sub(alt, {}, secret); }, v);
    }
    if constexpr (is_table_array<V>) {
      const std::size_t path_size = path_.size();
      for (std::size_t i = 0; i < v.size(); ++i) {
        path_ += fmt::format("[{}]", i);
        out += fmt::format("\n[[{}]]\n", header_);
        body(v[i], disc, secret);
        path_.resize(path_size);
      }
    } else {
      out += fmt::format("\n[{}]\n", header_);
      body(v, disc, secret);
    }
  }
};

/// JSON for any value; secrets redacted unless `reveal`.
template <class V>
void append_json_value(std::string& out, const V& v, bool secret, bool reveal, std::string_view disc, int indent);

/// A struct, or a discriminated variant (its tag first), as a JSON object.
template <class V>
void append_json_object(std::string& out, const V& v, bool reveal, std::string_view disc, int indent) {
  const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
  out += "{";
  bool first = true;
  auto member = [&](std::string_view key, auto&& write) {
    out += first ? "\n" : ",\n";
    first = false;
    out += pad;
    append_json_string(out, key);
    out += ": ";
    write();
  };
  auto members = [&](const auto& obj) {
    using S = std::remove_cvref_t<decltype(obj)>;
    for_each_field<S>([&](auto d, std::string_view key) {
      using F = std::remove_cvref_t<decltype(obj.*decltype(d)::pointer)>;
      const auto& field = obj.*decltype(d)::pointer;
      if constexpr (is_optional<value_type_of<F>>) {
        if (!static_cast<const value_type_of<F>&>(field)) return;  // unset: left out, as in TOML
      }
      member(key, [&] { append_json_value(out, field, false, reveal, discriminator_key<F>(), indent + 2); });
    });
  };
  if constexpr (is_variant<V>) {
    member(disc, [&] { append_json_string(out, variant_tags<V>::value[v.index()]); });
    std::visit([&](const auto& alt) {
      if constexpr (is_described_struct<std::remove_cvref_t<decltype(alt)>>) members(alt);
    }, v);
  } else {
    members(v);
  }
  out += first ? "}" : "\n" + std::string(static_cast<std::size_t>(indent), ' ') + "}";
}

template <class V>
void append_json_value(std::string& out, const V& v, bool secret, bool reveal, std::string_view disc, int indent) {
  const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
  const std::string close_pad(static_cast<std::size_t>(indent), ' ');
  if constexpr (is_annotated<V>) {
    using unit = typename unit_of<V>::type;
    secret = secret || has_annotation<V, strata::secret>;
    if constexpr (!std::is_void_v<unit>)
      if (!secret || reveal) return void(out += counted_literal<unit>(v.value()));
    append_json_value(out, v.value(), secret, reveal, own_discriminator<V>(disc), indent);
  } else if constexpr (is_optional<V>) {
    if (v) append_json_value(out, *v, secret, reveal, disc, indent);
    else out += "null";
  } else if (secret && !reveal) {
    append_json_string(out, redacted_text);
  } else if constexpr (is_any_table<V>) {
    append_table_json(out, v, indent);
  } else if constexpr (is_variant<V>) {
    if (disc.empty())  // chosen by shape: the alternative as it is
      return std::visit([&](const auto& alt) { append_json_value(out, alt, false, reveal, {}, indent); }, v);
    append_json_object(out, v, reveal, disc, indent);
  } else if constexpr (is_described_struct<V>) {
    append_json_object(out, v, reveal, disc, indent);
  } else if constexpr (is_vector<V>) {
    if (v.empty()) {
      out += "[]";
      return;
    }
    out += "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
      out += i ? ",\n" : "\n";
      out += pad;
      append_json_value(out, v[i], false, reveal, disc, indent + 2);
    }
    out += "\n" + close_pad + "]";
  } else if constexpr (is_map<V>) {
    std::vector<std::string> keys;
    for (const auto& [k, item] : v) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    if (keys.empty()) {
      out += "{}";
      return;
    }
    out += "{";
    for (std::size_t i = 0; i < keys.size(); ++i) {
      out += i ? ",\n" : "\n";
      out += pad;
      append_json_string(out, keys[i]);
      out += ": ";
      append_json_value(out, v.at(keys[i]), false, reveal, disc, indent + 2);
    }
    out += "\n" + close_pad + "}";
  } else if constexpr (std::is_same_v<V, bool>) {
    out += v ? "true" : "false";
  } else if constexpr (std::is_floating_point_v<V>) {
    if (std::isfinite(v)) {
      std::string n = fmt::format("{}", v);
      if (n.find_first_of(".eE") == std::string::npos) n += ".0";
      out += n;
    } else {
      out += "null";  // JSON has no infinity or NaN
    }
  } else if constexpr (is_integer<V>) {
    out += fmt::format("{}", v);
  } else if constexpr (is_date_time<V>) {
    append_json_string(out, format_date_time(v));
  } else {
    out += toml_literal(v);  // strings, paths, enums, durations, codec types: JSON strings
  }
}

}  // namespace detail

/// The configuration as a TOML document (under T's section, if it has one).
template <class T>
  requires detail::is_described_struct<T>
std::string to_toml(const T& cfg) {
  detail::toml_writer w;
  w.document(cfg);
  return std::move(w.out);
}
template <class T>
  requires detail::is_described_struct<T>
std::string to_toml(const T& cfg, reveal_secrets_t) {
  detail::toml_writer w;
  w.reveal = true;
  w.document(cfg);
  return std::move(w.out);
}

/// The configuration as a JSON object (T's own fields, without its section).
template <class T>
  requires detail::is_described_struct<T>
std::string to_json(const T& cfg) {
  std::string out;
  detail::append_json_value(out, cfg, false, false, {}, 0);
  return out + "\n";
}
template <class T>
  requires detail::is_described_struct<T>
std::string to_json(const T& cfg, reveal_secrets_t) {
  std::string out;
  detail::append_json_value(out, cfg, false, true, {}, 0);
  return out + "\n";
}

}  // namespace strata
