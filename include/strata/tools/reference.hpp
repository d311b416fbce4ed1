// strata/tools/reference.hpp: documentation generated from the schema:
// `env_reference<T>()`, a Markdown table of every environment variable, and
// `sample_toml<T>()`, a commented example file that loads back.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include <strata/declare/annotations.hpp>
#include <strata/declare/configured.hpp>
#include <strata/declare/tags.hpp>
#include <strata/schema/enums.hpp>
#include <strata/schema/env_names.hpp>
#include <strata/schema/traits.hpp>
#include <strata/tools/dump.hpp>
#include <strata/validate/constraints.hpp>

namespace strata::detail {

/// One documented setting: a field, a variant tag, or the elements of a
/// list or map.
struct reference_row {
  std::string path;         ///< full dotted path in files ("db.port", "items[<n>].name")
  std::string env;          ///< the variable ("APP_DB__PORT", "APP_ITEMS__<n>__NAME")
  std::vector<std::string> aliases;
  std::string type;         ///< "int32_t", "list of string", "one of a | b"
  std::string default_;     ///< TOML literal; empty for secrets and unset optionals
  std::string constraints;  ///< "must be in [1, 65535]; required"
  std::string description;  ///< doc<>, and "when kind = pg" inside variant alternatives
  bool secret = false;
  bool file_variable = false;  ///< env() also reads `<env>_FILE` (reads_file_variable)
};

/// The text of one annotation; on a secret, without the values it names
/// (a pinned value, one_of's list).
template <class A>
void constraint_text(std::string& out, bool secret) {
  std::string piece;
  if constexpr (std::is_same_v<A, required>) piece = "required";
  else if constexpr (requires { A::constant; }) piece = secret ? "pinned (secret)" : "always " + show(A::constant);
  else if constexpr (requires { constraint<A>::secret_message(); })
    piece = secret ? constraint<A>::secret_message() : constraint<A>::message();
  else if constexpr (constraint<A>::checks) piece = constraint<A>::message();
  if (!piece.empty()) out += (out.empty() ? "" : "; ") + piece;
}

template <class L>
struct reference_annotations;
template <template <class...> class L, class... A>
struct reference_annotations<L<A...>> {
  static std::string constraints([[maybe_unused]] bool secret) {
    std::string out;
    (constraint_text<A>(out, secret), ...);
    return out;
  }
  static std::string doc() {
    std::string out;
    (
        [&] {
          if constexpr (requires { A::text; }) out += (out.empty() ? "" : " ") + std::string(A::text);
        }(),
        ...);
    return out;
  }
  static std::vector<std::string> aliases() {
    std::vector<std::string> out;
    (
        [&] {
          if constexpr (requires { typename A::strata_env_alias_tag; })
            A::each_name([&](std::string_view n) { out.emplace_back(n); });
        }(),
        ...);
    return out;
  }
};

template <class V>
std::string type_text() {
  if constexpr (is_annotated<V>) {
    return type_text<value_type_of<V>>();
  } else if constexpr (is_optional<V>) {
    return type_text<typename V::value_type>() + " (optional)";
  } else if constexpr (is_described_enum<V>) {
    std::string out = "one of ";
    bool first = true;
    for (std::string_view n : enum_names<V>()) out += (first ? "" : " | ") + std::string(n), first = false;
    return out;
  } else if constexpr (is_duration<V>) {
    return "duration";
  } else if constexpr (is_any_table<V>) {
    return "table (any keys, kept as given)";
  } else if constexpr (is_variant<V>) {  // shape-selected (a discriminated one has rows of its own)
    std::string out;
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<std::variant_size_v<V>>>([&](auto i) {
      out += (i == 0 ? "" : " or ") + type_text<std::variant_alternative_t<i, V>>();
    });
    return out;
  } else if constexpr (is_vector<V>) {
    return "list of " + type_text<typename V::value_type>();
  } else if constexpr (is_map<V>) {
    return "table of " + type_text<typename V::mapped_type>();
  } else if constexpr (is_integer<V>) {
    return std::string(type_label<V>()) == "integer" ? "integer" : "integer (" + std::string(type_label<V>()) + ")";
  } else {
    return std::string(type_label<V>());
  }
}

template <class V> inline constexpr bool is_optional_annotated = false;
template <class V> inline constexpr bool is_optional_annotated<std::optional<V>> = is_annotated<V>;

/// Walks the schema of T, one row per setting, in declaration order.
template <class T>
class reference_walk {
 public:
  std::vector<reference_row> rows;

  reference_walk() {
    path_ = std::string(options_of<T>().section);
    env_ = std::string(options_of<T>().prefix);
    sep_ = std::string(env_separator<T>());
    const T def{};
    members(def, false, {});
  }

 private:
  std::string path_, env_, sep_, condition_;
  bool first_ = true;  // the next env segment needs no separator

  struct scope {
    reference_walk& w;
    std::size_t path_size, env_size;
    bool first;
    scope(reference_walk& walk, std::string_view path_piece, std::string_view env_piece, bool key = true)
        : w(walk), path_size(w.path_.size()), env_size(w.env_.size()), first(w.first_) {
      if (key) append_key(w.path_, path_piece);
      else w.path_ += path_piece;
      if (!w.first_) w.env_ += w.sep_;
      w.env_ += env_piece;
      w.first_ = false;
    }
    ~scope() {
      w.path_.resize(path_size);
      w.env_.resize(env_size);
      w.first_ = first;
    }
    scope(const scope&) = delete;
    scope& operator=(const scope&) = delete;
  };

  static std::string upper(std::string_view key) {
    std::string s(key);
    for (char& c : s) c = to_upper(c);
    return s;
  }

  template <class S>
  void members(const S& def, bool secret, std::string_view skip) {
    for_each_field<S>([&](auto d, std::string_view key) {
      if (!skip.empty() && key == skip) return;
      using F = std::remove_cvref_t<decltype(def.*decltype(d)::pointer)>;
      scope sc(*this, key, upper(key_of(d.name)));  // the file's key; the variable from the C++ name
      field<F>(def.*decltype(d)::pointer, secret || has_annotation<F, strata::secret>);
    });
  }

  template <class F>
  void field(const F& def, bool secret) {
    using V = value_type_of<F>;
    if constexpr (is_optional_annotated<V>) {
      // optional<annotated<X, ...>>: the annotations inside (secret, doc, constraints) are the field's
      using Inner = typename V::value_type;
      const V& value = def;
      const std::size_t at = rows.size();
      field<Inner>(value ? *value : Inner{}, secret || has_annotation<Inner, strata::secret>);
      if (at < rows.size()) {
        rows[at].type += " (optional)";
        if (!value) rows[at].default_.clear();
      }
      return;
    }
    using B = typename unoptional<V>::type;
    using L = reference_annotations<annotations_of<F>>;
    reference_row row;
    row.path = path_;
    row.env = env_;
    row.aliases = L::aliases();
    row.type = type_text<V>();
    row.constraints = L::constraints(secret);
    row.description = L::doc();
    if (!condition_.empty())
      row.description += (row.description.empty() ? "" : " ") + fmt::format("(when {})", condition_);
    row.secret = secret;
    row.file_variable = reads_file_variable(*shape_of<F>, secret);
    if (!secret) {
      toml_writer w;
      row.default_ = w.inline_value(def, false, discriminator_key<F>());
    }
    const V& value = def;
    // a discriminated variant has rows of its own; one chosen by shape is one setting
    if constexpr (is_described_struct<B> || is_struct_variant<B>) {
      row.type = is_optional<V> ? "table, whole (optional)" : "table, whole";
      row.default_.clear();
      row.description += (row.description.empty() ? "" : " ") + std::string("(a TOML inline table)");
    }
    if constexpr (is_described_struct<B>) {
      rows.push_back(std::move(row));
      if constexpr (is_optional<V>) members(value ? *value : B{}, secret, {});
      else members(value, secret, {});
    } else if constexpr (is_struct_variant<B>) {
      const std::string_view disc = discriminator_key<F>();
      const B& v = [&]() -> const B& {
        if constexpr (is_optional<V>) {
          static const B fallback{};
          return value ? *value : fallback;
        } else {
          return value;
        }
      }();
      variant_rows(v, disc, secret, std::move(row));
    } else {
      rows.push_back(std::move(row));
      if constexpr (is_vector<B> || is_map<B>) elements<B>(secret);
    }
  }

  template <class V>
  void variant_rows(const V& v, std::string_view disc, bool secret, reference_row parent) {
    if (!parent.env.empty()) rows.push_back(parent);
    {
      scope sc(*this, disc, upper(disc));
      reference_row tag;
      tag.path = path_;
      tag.env = env_;
      tag.type = "one of ";
      for (std::size_t i = 0; i < std::variant_size_v<V>; ++i)
        tag.type += (i ? " | " : "") + std::string(variant_tags<V>::value[i]);
      tag.default_ = fmt::format("\"{}\"", variant_tags<V>::value[v.index()]);
      tag.description = "selects the alternative";
      rows.push_back(std::move(tag));
    }
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<std::variant_size_v<V>>>([&](auto i) {
      using A = std::variant_alternative_t<i, V>;
      const std::string saved = condition_;
      condition_ = fmt::format("{} = {}", disc, variant_tags<V>::value[i]);
      if (v.index() == i) members(std::get<i>(v), secret, disc);
      else members(A{}, secret, disc);
      condition_ = saved;
    });
  }

  /// Rows for the elements of a list or map of structs (`items[<n>].name`).
  template <class C>
  void elements(bool secret) {
    using E = typename unoptional<value_type_of<typename element_of<C>::type>>::type;
    if constexpr (is_described_struct<E> || is_struct_variant<E>) {
      using F = typename element_of<C>::type;
      if constexpr (is_vector<C>) {
        scope sc(*this, "[<n>]", "<n>", false);
        element<F>(secret);
      } else {
        scope sc(*this, ".<key>", "<key>", false);
        element<F>(secret);
      }
    }
  }
  template <class F>
  void element(bool secret) {
    using V = typename unoptional<value_type_of<F>>::type;
    if constexpr (is_described_struct<V>) {
      members(V{}, secret || has_annotation<F, strata::secret>, {});
    } else {
      variant_rows(V{}, discriminator_key<F>(), secret || has_annotation<F, strata::secret>, {});
    }
  }
};

inline std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

}  // namespace strata::detail

namespace strata {

/// A Markdown table of every environment variable T reads: name, TOML key,
/// type, default, constraints and description. Secrets show no default.
template <class T>
  requires detail::is_described_struct<T>
std::string env_reference() {
  const detail::reference_walk<T> walk;
  std::string out = fmt::format("| Variable | Key | Type | Default | Constraints | Description |\n");
  out += "|---|---|---|---|---|---|\n";
  for (const detail::reference_row& r : walk.rows) {
    std::string name = fmt::format("`{}`", r.env);
    for (const std::string& a : r.aliases) name += fmt::format(", `{}`", a);
    if (r.file_variable) name += fmt::format(", `{}_FILE`", r.env);
    std::string description = r.description;
    if (r.secret) description = "secret" + std::string(description.empty() ? "" : ": ") + description;
    out += fmt::format("| {} | `{}` | {} | {} | {} | {} |\n", detail::markdown_cell(name),
                       detail::markdown_cell(r.path), detail::markdown_cell(r.type),
                       r.default_.empty() ? "" : "`" + detail::markdown_cell(r.default_) + "`",
                       detail::markdown_cell(r.constraints), detail::markdown_cell(description));
  }
  return out;
}

/// A commented example TOML file of T with its defaults: each setting with
/// its description, type, constraints and environment variable. Secrets are
/// commented out (set them from the environment). It loads back.
template <class T>
  requires detail::is_described_struct<T>
std::string sample_toml() {
  const detail::reference_walk<T> walk;
  std::unordered_map<std::string, const detail::reference_row*> by_path;
  for (const auto& r : walk.rows) by_path.emplace(r.path, &r);
  detail::toml_writer w;
  w.comment_secrets = true;
  w.before = [&](std::string_view path, std::string& out) {
    auto it = by_path.find(std::string(path));
    if (it == by_path.end()) return;
    const detail::reference_row& r = *it->second;
    if (out.size() > 1 && !out.ends_with("\n\n") && !out.ends_with("]\n")) out += '\n';
    if (!r.description.empty()) out += fmt::format("# {}\n", r.description);
    std::string facts = r.type;
    if (!r.constraints.empty()) facts += "; " + r.constraints;
    facts += "; env " + r.env;
    if (r.file_variable) facts += " or " + r.env + "_FILE";
    out += fmt::format("# {}\n", facts);
  };
  const T def{};
  std::string out = fmt::format("# Sample configuration for {} (generated by strata::sample_toml).\n",
                                detail::type_name<T>());
  w.document(def);
  return out + w.out;
}

}  // namespace strata
