// strata/decode/decoder.hpp: walks the schema of T over the layers of every
// source at once. For each field it gathers the field's slot in every layer
// (lowest precedence first) and decodes only the effective value: tables
// merge key by key, everything else comes from the highest layer that sets it.
// Problems are collected, never thrown, so one load reports all of them.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/container/small_vector.hpp>
#include <fmt/format.h>

#include <strata/declare/tags.hpp>
#include <strata/decode/layer.hpp>
#include <strata/decode/text.hpp>
#include <strata/detail/did_you_mean.hpp>
#include <strata/detail/interpolate.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/schema/traits.hpp>
#include <strata/validate/constraints.hpp>
#include <strata/validate/show.hpp>
#include <strata/validate/validation.hpp>

namespace strata::detail {

using slot_list = boost::container::small_vector<slot, 6>;

/// Appends a key to a dotted path, quoting keys that are not bare TOML keys.
inline void append_key(std::string& path, std::string_view key) {
  if (!path.empty()) path += '.';
  const bool bare = !key.empty() && key.find_first_not_of(
                                        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") ==
                                        std::string_view::npos;
  if (bare) {
    path += key;
  } else {
    path += '"';
    for (char c : key) {
      if (c == '"' || c == '\\') path += '\\';
      path += c;
    }
    path += '"';
  }
}

/// Restores the path when a nested field is done.
class path_scope {
 public:
  path_scope(std::string& path, std::string_view key) : path_(path), size_(path.size()) { append_key(path, key); }
  path_scope(std::string& path, std::size_t index) : path_(path), size_(path.size()) {
    path += fmt::format("[{}]", index);
  }
  ~path_scope() { path_.resize(size_); }
  path_scope(const path_scope&) = delete;
  path_scope& operator=(const path_scope&) = delete;

 private:
  std::string& path_;
  std::size_t size_;
};

template <class T>
constexpr auto member_keys() {
  std::array<std::string_view, boost::mp11::mp_size<members_of<T>>::value> keys{};
  std::size_t i = 0;
  for_each_member<T>([&](auto d) { keys[i++] = key_of(d.name); });
  return keys;
}

template <class T>
concept has_validate = requires(const T& t, validation& v) { t.validate(v); };

/// The literal text quoted in a message, or a redaction for secrets; long
/// values are cut so one bad line does not flood the report.
inline std::string quote_value(std::string_view text, bool secret) {
  if (secret) return "the value (redacted)";
  if (text.size() > 60) return fmt::format("'{}...'", text.substr(0, 57));
  return fmt::format("'{}'", text);
}

class decoder {
 public:
  /// `environment` is what `${VAR}` in file values reads.
  decoder(diagnostics& out, std::vector<std::pair<std::string, origin>>& origins, std::string_view profile,
          std::string root_path, const env_map& environment)
      : out_(out), origins_(origins), profile_(profile), path_(std::move(root_path)), environment_(environment) {}

  /// Decodes a described struct; `tag_key` is the discriminator of the
  /// variant T is an alternative of (allowed beside T's own keys).
  template <class T>
  void object(T& obj, std::span<const slot> slots, std::string_view tag_key = {}) {
    slot_list tables;
    for (const slot& s : slots) {
      if (s.node->is_table()) tables.push_back(s);
      else mismatch("a table", s);
    }
    for_each_member<T>([&](auto d) {
      slot_list children;
      const std::string_view key = key_of(d.name);
      for (const slot& s : tables)
        if (const toml::node* child = s.node->as_table()->get(key)) children.push_back({child, s.source});
      path_scope scope(path_, key);
      field(obj.*d.pointer, std::span<const slot>(children.data(), children.size()));
    });
    static constexpr auto keys = member_keys<T>();
    for (const slot& s : tables) unknown_keys(*s.node->as_table(), *s.source, keys, tag_key);
    if constexpr (has_validate<T>) {
      diagnostics found;
      validation v = validation_access::make(path_, profile_, found);
      obj.validate(v);
      for (diagnostic& d : found) {
        d.origin = origin_of(d.path);
        out_.push_back(std::move(d));
      }
    }
  }

  template <class F>
  void field(F& f, std::span<const slot> slots) {
    using V = value_type_of<F>;
    using pin = typename boost::mp11::mp_apply<first_pinned, annotations_of<F>>::type;
    using disc = typename find_discriminator<annotations_of<F>>::type;
    constexpr bool secret = has_annotation<F, strata::secret>;
    V& v = value_ref(f);
    if constexpr (!std::is_void_v<pin> && !is_variant<V>) {
      for (const slot& s : slots)
        report(severity::warning,
               secret ? std::string("is pinned; the value set here is ignored")
                      : fmt::format("is pinned to {}; the value set here is ignored", show(pin::constant)),
               where(s, secret));
      if constexpr (std::is_constructible_v<V, decltype(pin::constant)>) v = V(pin::constant);  // above initializers
      origins_.emplace_back(path_, origin{origin_kind::value, {}, 0, 0});
      return;
    } else {
      if (slots.empty()) {
        if constexpr (has_annotation<F, strata::required>)
          report(severity::error, "is required but no source sets it", origin{});
        if constexpr (is_described_struct<V>)  // its defaults, required fields and validate() still count
          object(v, slots);
        if constexpr (is_variant<V> && !std::is_void_v<pin>)  // value<"sqlite"> pins the alternative
          select_alternative(v, index_of_tag<V>(pin::constant));
      } else if constexpr (is_variant<V>) {
        alternative<V, secret, disc, pin>(v, slots);
      } else {
        value<V, secret, disc>(v, slots);
      }
      constrain<V, secret>(v, slots, annotations_of<F>{});
    }
  }

 private:
  template <class F>
  static auto& value_ref(F& f) {
    if constexpr (is_annotated<F>) return *f;
    else return f;
  }

  template <class V, bool Secret, class... A>
  void constrain(const V& v, [[maybe_unused]] std::span<const slot> slots, boost::mp11::mp_list<A...>) {
    (constrain_one<A, V, Secret>(v, slots), ...);
  }

  template <class A, class V, bool Secret>
  void constrain_one(const V& v, std::span<const slot> slots) {
    using rule = constraint<A>;
    if constexpr (rule::checks && rule::template applies<V>()) {
      if (!rule::holds(v)) {
        std::string message = rule::message();
        if constexpr (is_scalar<V>) {
          if (!Secret) message += ", got " + show(v);
        }
        report(severity::error, std::move(message), slots.empty() ? origin{} : origin_of(path_));
      }
    }
  }

  template <class V, bool Secret, class Disc>
  void value(V& v, std::span<const slot> slots) {
    if constexpr (is_annotated<V>) {  // an annotated list element or map value
      field(v, slots);
    } else if constexpr (is_described_struct<V>) {
      object(v, slots);
    } else if constexpr (is_variant<V>) {
      alternative<V, Secret, Disc, void>(v, slots);
    } else if constexpr (is_optional<V>) {
      if (!v) v.emplace();
      value<typename V::value_type, Secret, Disc>(*v, slots);
    } else if constexpr (is_map<V>) {
      map<V, Secret, Disc>(v, slots);
    } else if constexpr (is_vector<V>) {
      list<V, Secret, Disc>(v, slots.back());
    } else if constexpr (is_scalar<V>) {
      scalar<V, Secret>(v, slots.back());
    } else {
      static_assert(is_scalar<V>, "strata: unsupported field type (see check_schema)");
    }
  }

  /// A discriminated variant: the highest layer that sets the tag chooses
  /// the alternative; lower layers count only down to the first one that
  /// names another alternative (a switch resets the subtree).
  template <class V, bool Secret, class Disc, class Pin>
  void alternative(V& v, std::span<const slot> slots) {
    constexpr std::string_view key = Disc::key;
    const auto& tags = variant_tags<V>::value;
    slot_list tables;
    for (const slot& s : slots) {
      if (s.node->is_table()) tables.push_back(s);
      else mismatch("a table", s);
    }
    // The tag each table sets, if any.
    std::vector<const toml::node*> tag_nodes(tables.size(), nullptr);
    for (std::size_t i = 0; i < tables.size(); ++i) tag_nodes[i] = tables[i].node->as_table()->get(key);
    auto tag_text = [&](std::size_t i) -> std::optional<std::string_view> {
      if (!tag_nodes[i]) return std::nullopt;
      if (auto str = tag_nodes[i]->as_string()) return std::string_view(str->get());
      return std::nullopt;
    };
    std::string tag_path = path_;
    append_key(tag_path, key);
    std::optional<std::size_t> chooser;  // table whose tag decides
    for (std::size_t i = tables.size(); i-- > 0;) {
      if (!tag_nodes[i]) continue;
      if (!tag_text(i)) {
        report_at(tag_path, severity::error,
                  fmt::format("expected a string naming one of {}, got {}", quoted_list(tags),
                              toml_type_label(tag_nodes[i]->type())),
                  tables[i].source->origin_of(*tag_nodes[i]));
        return;
      }
      if constexpr (std::is_void_v<Pin>) {
        chooser = i;
        break;
      } else if (*tag_text(i) != std::string_view(Pin::constant)) {
        report_at(tag_path, severity::warning,
                  fmt::format("is pinned to '{}'; the alternative '{}' set here is ignored",
                              std::string_view(Pin::constant), *tag_text(i)),
                  tables[i].source->origin_of(*tag_nodes[i]));
      }
    }
    std::string_view tag;
    if constexpr (std::is_void_v<Pin>) {
      if (!chooser) {
        if (tables.empty()) return;
        // the table may come from a setting of a secret field inside it: its value cut
        report_at(tag_path, severity::error, fmt::format("is missing; it selects one of {}", quoted_list(tags)),
                  where(tables.back(), true));
        return;
      }
      tag = *tag_text(*chooser);
    } else {
      tag = Pin::constant;
    }
    const std::size_t index = index_of_tag<V>(tag);
    if (index == tags.size()) {
      report_at(tag_path, severity::error, fmt::format("unknown alternative '{}'; valid: {}", tag, quoted_list(tags)),
                tables[*chooser].source->origin_of(*tag_nodes[*chooser]), did_you_mean(tag, {tags.begin(), tags.end()}));
      return;
    }
    origins_.emplace_back(tag_path, chooser ? tables[*chooser].source->origin_of(*tag_nodes[*chooser])
                                            : origin{origin_kind::value, {}, 0, 0});
    if (!tables.empty()) record(tables.back());
    // Tables from the top down while they name the same alternative or none.
    slot_list chosen;
    for (std::size_t i = tables.size(); i-- > 0;) {
      if (tag_text(i) && *tag_text(i) != tag) {
        if constexpr (std::is_void_v<Pin>) break;
        else continue;  // reported above: pinned
      }
      chosen.insert(chosen.begin(), tables[i]);
    }
    select_alternative(v, index);
    std::visit(
        [&](auto& alt) {
          using A = std::remove_cvref_t<decltype(alt)>;
          object(alt, std::span<const slot>(chosen.data(), chosen.size()), key);
          for_each_member<A>([&](auto d) {  // a field named like the discriminator receives the tag
            if constexpr (std::is_assignable_v<decltype(alt.*decltype(d)::pointer)&, std::string_view>)
              if (key_of(d.name) == key) alt.*decltype(d)::pointer = tag;
          });
        },
        v);
  }

  template <class V, bool Secret, class Disc>
  void map(V& m, std::span<const slot> slots) {
    slot_list tables;
    for (const slot& s : slots) {
      if (s.node->is_table()) tables.push_back(s);
      else mismatch("a table", s, Secret);
    }
    if (!tables.empty()) record(tables.back(), Secret);
    std::vector<std::string_view> keys;
    for (const slot& s : tables)
      for (auto&& [k, node] : *s.node->as_table())
        if (std::find(keys.begin(), keys.end(), k.str()) == keys.end()) keys.push_back(k.str());
    for (std::string_view key : keys) {
      slot_list children;
      for (const slot& s : tables)
        if (const toml::node* child = s.node->as_table()->get(key)) children.push_back({child, s.source});
      path_scope scope(path_, key);
      value<typename V::mapped_type, Secret, Disc>(m[std::string(key)],
                                                   std::span<const slot>(children.data(), children.size()));
    }
  }

  template <class V, bool Secret, class Disc>
  void list(V& items, const slot& s) {
    const toml::array* array = s.node->as_array();
    if (!array) return mismatch("a list", s, Secret);
    record(s, Secret);
    items.clear();
    items.resize(array->size());
    for (std::size_t i = 0; i < array->size(); ++i) {
      path_scope scope(path_, i);
      const slot element{array->get(i), s.source};
      value<typename V::value_type, Secret, Disc>(items[i], std::span<const slot>(&element, 1));
    }
  }

  template <class V, bool Secret>
  void scalar(V& v, const slot& s) {
    const toml::node& n = *s.node;
    if (n.is_string() && !s.source->text(n) && has_references(n.as_string()->get()))
      return interpolated<V, Secret>(v, s);
    record(s, Secret);
    if (n.is_string() && s.source->text(n)) {
      const std::string& text = n.as_string()->get();
      if (conversion c = parse_text(text, v); !c)
        report(severity::error, fmt::format("{} is {}", quote_value(text, Secret), c.error),
               where(s, Secret), Secret ? std::string{} : c.hint);
      return;
    }
    if constexpr (std::is_same_v<V, bool>) {
      if (auto b = n.as_boolean()) v = b->get();
      else mismatch("a boolean", s, Secret);
    } else if constexpr (is_integer<V>) {
      if (auto i = n.as_integer()) {
        if (conversion c = narrow_integer(i->get(), v); !c)
          report(severity::error, fmt::format("{} is {}", quote_value(fmt::format("{}", i->get()), Secret), c.error),
                 where(s, Secret));
      } else {
        mismatch("an integer", s, Secret);
      }
    } else if constexpr (std::is_floating_point_v<V>) {
      double wide;
      if (auto f = n.as_floating_point()) wide = f->get();
      else if (auto i = n.as_integer()) wide = static_cast<double>(i->get());
      else return mismatch("a number", s, Secret);
      if (conversion c = narrow_float(wide, v); !c)
        report(severity::error, fmt::format("{} is {}", quote_value(fmt::format("{}", wide), Secret), c.error),
               where(s, Secret));
    } else if constexpr (has_codec<V>) {
      // a codec reads strings; numbers are accepted as their text (size = 1024)
      std::string text;
      if (auto str = n.as_string()) text = str->get();
      else if (auto i = n.as_integer()) text = fmt::format("{}", i->get());
      else if (auto f = n.as_floating_point()) text = fmt::format("{}", f->get());
      else return mismatch("a string", s, Secret);
      if (conversion c = parse_text(text, v); !c)
        report(severity::error, fmt::format("{} is {}", quote_value(text, Secret), c.error), where(s, Secret),
               Secret ? std::string{} : c.hint);
    } else {
      // strings, paths, enums and durations are TOML strings, parsed by type
      auto str = n.as_string();
      if (!str) {
        if constexpr (is_described_enum<V>)
          return mismatch("a string naming one of " + quoted_list(enum_names<V>()), s, Secret);
        else if constexpr (is_duration<V>) return mismatch("a duration string such as \"30s\"", s, Secret);
        else return mismatch("a string", s, Secret);
      }
      if (conversion c = parse_text(str->get(), v); !c)
        report(severity::error, fmt::format("{} is {}", quote_value(str->get(), Secret), c.error),
               where(s, Secret), Secret ? std::string{} : c.hint);
    }
  }

  /// A file string with `${...}`: resolved now that it is the effective
  /// value, then parsed as text by the field's type (`port = "${PORT:8000}"`).
  template <class V, bool Secret>
  void interpolated(V& v, const slot& s) {
    const interpolation x = interpolate(s.node->as_string()->get(), environment_);
    origin o = where(s, Secret);
    for (const std::string& variable : x.variables) o.via += (o.via.empty() ? "" : ", ") + variable;
    origins_.emplace_back(path_, o);
    for (const std::string& problem : x.errors) report(severity::error, problem, o);
    if (!x.errors.empty()) return;
    if (conversion c = parse_text(x.text, v); !c)
      report(severity::error, fmt::format("{} is {}", quote_value(x.text, Secret), c.error), o,
             Secret ? std::string{} : c.hint);
  }

  void mismatch(std::string_view expected, const slot& s, bool secret = false) {
    report(severity::error, fmt::format("expected {}, got {}", expected, toml_type_label(s.node->type())),
           where(s, secret));
  }

  /// Where a slot's value came from. For a secret set by an argument or an
  /// override, the text after '=' (the secret itself) is left out.
  static origin where(const slot& s, bool secret) {
    origin o = s.source->origin_of(*s.node);
    const bool argument = o.kind == origin_kind::args || o.kind == origin_kind::overrides;
    if (const auto eq = o.name.find('='); secret && argument && eq != std::string::npos)
      o.name.replace(eq + 1, std::string::npos, "<redacted>");
    return o;
  }

  template <std::size_t N>
  void unknown_keys(const toml::table& table, const layer& source, const std::array<std::string_view, N>& keys,
                    std::string_view tag_key) {
    for (auto&& [k, node] : table) {
      if (std::find(keys.begin(), keys.end(), k.str()) != keys.end() || (!tag_key.empty() && k.str() == tag_key))
        continue;
      std::string path = path_;
      append_key(path, k.str());
      std::vector<std::string_view> candidates(keys.begin(), keys.end());
      out_.push_back({severity::error, std::move(path), fmt::format("unknown key '{}'", k.str()),
                      source.origin_of_key(k, node), did_you_mean(k.str(), candidates)});
    }
  }

  void record(const slot& s, bool secret = false) { origins_.emplace_back(path_, where(s, secret)); }

  origin origin_of(std::string_view path) const {
    for (auto it = origins_.rbegin(); it != origins_.rend(); ++it)
      if (it->first == path) return it->second;
    return {};
  }

  void report(severity sev, std::string message, origin o, std::string hint = {}) {
    report_at(path_, sev, std::move(message), std::move(o), std::move(hint));
  }
  void report_at(std::string path, severity sev, std::string message, origin o, std::string hint = {}) {
    out_.push_back({sev, std::move(path), std::move(message), std::move(o), std::move(hint)});
  }

  diagnostics& out_;
  std::vector<std::pair<std::string, origin>>& origins_;
  std::string_view profile_;
  std::string path_;
  const env_map& environment_;
};

}  // namespace strata::detail
