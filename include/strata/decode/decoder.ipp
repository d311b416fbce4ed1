// strata/decode/decoder.ipp: walks the shape of the configuration over the
// layers of every source at once. For each field it gathers the field's slot
// in every layer (lowest precedence first) and decodes only the effective
// value: tables merge key by key, everything else comes from the highest
// layer that sets it. Problems are collected, never thrown, so one load
// reports all of them. Where each value came from goes into the load's
// trace (trace.ipp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/container/small_vector.hpp>
#include <fmt/format.h>

#include <strata/decode/date_time.hpp>
#include <strata/decode/layer.hpp>
#include <strata/decode/toml_values.ipp>
#include <strata/decode/trace.ipp>
#include <strata/detail/cold.hpp>
#include <strata/detail/did_you_mean.hpp>
#include <strata/detail/interpolate.hpp>
#include <strata/detail/message.hpp>
#include <strata/detail/utf8.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/schema/paths.hpp>
#include <strata/schema/shape.hpp>
#include <strata/sources/env.hpp>
#include <strata/validate/validation.hpp>

namespace strata::detail {

using slot_list = boost::container::small_vector<slot, 6>;

/// The literal text quoted in a message, or a redaction for secrets; long
/// values are cut so one bad line does not flood the report.
inline std::string quote_value(std::string_view text, bool secret) {
  if (secret) return "the value (redacted)";
  return "'" + capped(text) + "'";
}

inline std::string_view expected_for(const shape& s, std::string& storage) {
  switch (s.kind) {
    case shape_kind::boolean: return "a boolean";
    case shape_kind::integer: return "an integer";
    case shape_kind::floating: return "a number";
    case shape_kind::enumeration: return storage = "a string naming one of " + short_list(s.names);
    case shape_kind::duration:
      return s.from_integer ? "a number or a duration string such as \"30s\"" : "a duration string such as \"30s\"";
    case shape_kind::date_time:
      return s.label == "date-time" ? "an offset date-time" : s.label == "date" ? "a date" : "a local date-time";
    default: return "a string";
  }
}

/// Asks for the cache line at `p` ahead of its use. A load walks the
/// parsed tables, the schema's tables and its own trace, which together
/// outgrow the L1 cache: without this, every node is a miss waited for.
inline void prefetch(const void* p) {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

/// Orders keys as std::string_view does (and toml::table sorts them),
/// given their key_prefix(): mostly one integer comparison.
inline int compare_keys(std::uint64_t prefix_a, std::string_view a, std::uint64_t prefix_b, std::string_view b) {
  if (prefix_a != prefix_b) return prefix_a < prefix_b ? -1 : 1;
  if (a.size() > 8 && b.size() > 8) {  // same first 8 bytes
    const int rest = a.substr(8).compare(b.substr(8));
    return rest < 0 ? -1 : (rest > 0 ? 1 : 0);
  }
  // one is at most 8 bytes long, so it is a prefix of the other
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

class decoder {
 public:
  /// `environment` is what `${VAR}` in file values reads. `incomplete`: a
  /// source could not be read or parsed, so what it would have set is
  /// unknown: values no source set are not judged (constraints, `required`,
  /// validate()), where they would only repeat that one error.
  decoder(load_trace& trace, diagnostics& out, std::string_view profile, std::string root_path,
          const load_environment& environment, bool incomplete = false)
      : trace_(trace), out_(out), profile_(profile), environment_(environment), incomplete_(incomplete) {
    trace_.root = std::move(root_path);
    frames_.reserve(32);
    frames_.push_back({path_step::of(trace_.root, path_step::kind::root)});
  }

  /// Decodes a described struct; `tag_key` is the discriminator of the
  /// variant it is an alternative of (allowed beside its own keys).
  void object(const shape& s, void* obj, std::span<const slot> slots, std::string_view tag_key = {}) {
    slot_list tables;
    for (const slot& sl : slots) {
      if (sl.node->is_table()) tables.push_back(sl);
      else mismatch("a table", sl, in_secret_);
    }
    const std::size_t n = s.members.size();
    // The members are read in key order, then in declaration order: ask for
    // all of their lines at once rather than wait for each in turn.
    for (std::size_t byte = 0; byte < n * sizeof(member_shape); byte += 64)
      prefetch(reinterpret_cast<const char*>(s.members.data()) + byte);
    // Each table against the members in one pass (both sorted by key):
    // found[t * n + m] is member m's node in table t. Filled by a loop:
    // the value-initializing constructors compile to `rep stos`, whose
    // start-up cost is more than the whole fill for a few dozen pointers.
    boost::container::small_vector<const toml::node*, 64> found(n * tables.size(), boost::container::default_init);
    for (const toml::node*& f : found) f = nullptr;
    boost::container::small_vector<bool, 6> has_unknown(tables.size(), boost::container::default_init);
    for (std::size_t t = 0; t < tables.size(); ++t) {
      has_unknown[t] = false;
      std::size_t k = 0;
      for (auto&& [key, node] : *tables[t].node->as_table()) {
        const std::string_view name = key.str();
        const std::uint64_t prefix = key_prefix(name);
        int order = 1;
        while (k < n) {
          const member_shape& member = s.members[s.by_key[k]];
          if ((order = compare_keys(member.prefix, member.key, prefix, name)) >= 0) break;
          ++k;
        }
        if (k < n && order == 0) {
          found[t * n + s.by_key[k]] = &node;
          prefetch(&node);  // read when the member's turn comes, after the rest of the table
        } else if (name != tag_key || tag_key.empty()) has_unknown[t] = true;
      }
    }
    slot_list children(tables.size(), boost::container::default_init);
    for (std::size_t m = 0; m < n; ++m) {
      if (m + 1 < n) prefetch(s.members[m + 1].type);
      std::size_t count = 0;
      if (tables.size() == 1) {  // the usual case, without the loop
        if (found[m]) children[count++] = {found[m], tables[0].source};
      } else {
        for (std::size_t t = 0; t < tables.size(); ++t)
          if (const toml::node* child = found[t * n + m]) children[count++] = {child, tables[t].source};
      }
      const member_shape& member = s.members[m];
      const shape& type = *member.type;
      if (type.kind < shape_kind::object) {  // a plain leaf: nothing to do unless set
        if (count == 0) continue;
        step_scope scope(*this, member.key, path_step::kind::member);
        scalar(type, member_at(s, obj, m), children[count - 1], in_secret_);
      } else {
        step_scope scope(*this, member.key, path_step::kind::member);
        field(type, member_at(s, obj, m), std::span<const slot>(children.data(), count));
      }
    }
    for (std::size_t t = 0; t < tables.size(); ++t)
      if (has_unknown[t]) unknown_keys(s, *tables[t].node->as_table(), *tables[t].source, tag_key);
    if (s.validate && !incomplete_) {
      diagnostics problems;
      const failed_query query{*this};
      validation v = validation_access::make(profile_, problems, &query, &failed_below);
      s.validate(obj, v);
      if (problems.empty()) return;
      const std::string prefix = path();
      for (diagnostic& d : problems) {  // paths relative to the struct
        std::string full = prefix;
        if (!full.empty() && !d.path.empty() && d.path.front() != '[') full += '.';
        d.path = full + d.path;
        d.origin = origin_at(d.path);
        out_.push_back(std::move(d));
      }
    }
  }

  /// A member, list element or map value: `annotated` or not. A shape that
  /// is not annotated has no flags and no check; its rules are read only
  /// for what is rare (pinned values, variants, containers).
  void field(const shape& s, void* f, std::span<const slot> slots) {
    // A field is secret when it says so or when a value around it does
    // (`annotated<Vault, secret>`, a secret list of structs): from here
    // down, every message, origin and trace entry treats it as secret.
    const bool secret = s.secret || in_secret_;
    const secret_scope inherited(*this, secret);
    const bool annotated = s.kind == shape_kind::annotated;
    const shape& v_shape = annotated ? *s.element : s;
    void* v = annotated ? s.unwrap(f) : f;
    if (s.pinned && v_shape.kind != shape_kind::variant) return pinned(*s.rules, v, slots, secret);
    const std::size_t reported = out_.size();
    if (slots.empty()) {
      if (s.required && !incomplete_) report(severity::error, "is required but no source sets it", origin{});
      if (v_shape.kind == shape_kind::object)  // its defaults, required fields and validate() still count
        object(v_shape, v, slots);
      if (v_shape.kind == shape_kind::variant && s.pinned)  // value<"sqlite"> pins the alternative
        v_shape.select(v, tag_index(v_shape, s.rules->pinned_tag));
    } else if (v_shape.kind < shape_kind::object) {
      scalar(v_shape, v, slots.back(), secret);
    } else {
      const std::string_view disc = annotated ? s.rules->discriminator : std::string_view{};
      if (v_shape.kind == shape_kind::variant)
        alternative(v_shape, v, slots, disc, s.pinned ? &s.rules->pinned_tag : nullptr, secret);
      else
        value(v_shape, v, slots, secret, disc);
    }
    // A value that could not be read holds its default: judging it would
    // only repeat the error (an unset `required`, a wrong type). Nor is a
    // default judged when an unreadable source might have set the field.
    if (s.check && !(slots.empty() && incomplete_) && !errors_since(reported)) checked(s, v, !slots.empty());
  }

 private:
  /// Marks the values below a secret one as secret, until the scope ends.
  class secret_scope {
   public:
    secret_scope(decoder& d, bool secret) : d_(d), saved_(d.in_secret_) { d_.in_secret_ = secret; }
    ~secret_scope() { d_.in_secret_ = saved_; }
    secret_scope(const secret_scope&) = delete;
    secret_scope& operator=(const secret_scope&) = delete;

   private:
    decoder& d_;
    bool saved_;
  };

  STRATA_COLD void pinned(const field_rules& rules, void* v, std::span<const slot> slots, bool secret) {
    for (const slot& sl : slots)
      report(severity::warning,
             secret ? std::string("is pinned; the value set here is ignored")
                    : fmt::format("is pinned to {}; the value set here is ignored", rules.pinned_text()),
             where(sl, secret));
    rules.pin(v);  // above initializers
    record_whole(origin{origin_kind::value, {}, 0, 0});
  }

  void checked(const shape& s, const void* v, bool set) {
    std::vector<std::string> failures;
    s.check(v, !(s.secret || in_secret_), failures);
    for (std::string& message : failures)
      report(severity::error, std::move(message), set ? origin_at(path()) : origin{});
  }

  /// Whether an error was reported since the report count was `reported`.
  bool errors_since(std::size_t reported) const {
    for (std::size_t i = reported; i < out_.size(); ++i)
      if (out_[i].severity == severity::error) return true;
    return false;
  }

  /// What validation::failed asks: the decoder, whose diagnostics so far and
  /// current path (the struct's) answer it. The path becomes text only if
  /// validate() asks: most never do.
  struct failed_query {
    const decoder& self;
  };
  static bool failed_below(const void* query, std::string_view relative) {
    const decoder& self = static_cast<const failed_query*>(query)->self;
    std::string full = self.path();
    if (!full.empty() && !relative.empty() && relative.front() != '[') full += '.';
    full += relative;
    for (const diagnostic& d : self.out_) {
      if (d.severity != severity::error || !std::string_view(d.path).starts_with(full)) continue;
      if (d.path.size() == full.size() || d.path[full.size()] == '.' || d.path[full.size()] == '[') return true;
    }
    return false;
  }

  static std::size_t tag_index(const shape& variant, std::string_view tag) {
    return static_cast<std::size_t>(std::find(variant.names.begin(), variant.names.end(), tag) -
                                    variant.names.begin());
  }

  void value(const shape& s, void* v, std::span<const slot> slots, bool secret, std::string_view disc) {
    switch (s.kind) {
      case shape_kind::annotated: return field(s, v, slots);
      case shape_kind::object: return object(s, v, slots);
      case shape_kind::variant: return alternative(s, v, slots, disc, nullptr, secret);
      case shape_kind::any_table: return free_table(v, slots, secret);
      case shape_kind::optional: return value(*s.element, s.engage(v), slots, secret, disc);
      case shape_kind::map: return map(s, v, slots, secret, disc);
      case shape_kind::list: return list(s, v, slots.back(), secret, disc);
      default: return scalar(s, v, slots.back(), secret);
    }
  }

  /// A discriminated variant: the highest layer that sets the tag chooses
  /// the alternative; lower layers count only down to the first one that
  /// names another alternative (a switch resets the subtree). Without a
  /// discriminator, the shape of the value chooses (shaped()).
  void alternative(const shape& s, void* v, std::span<const slot> slots, std::string_view key,
                   const std::string_view* pin, bool secret) {
    if (key.empty()) return shaped(s, v, slots, secret);
    const auto& tags = s.names;
    slot_list tables;
    for (const slot& sl : slots) {
      if (sl.node->is_table()) tables.push_back(sl);
      else mismatch("a table", sl, secret);
    }
    // The tag each table sets, if any.
    boost::container::small_vector<const toml::node*, 6> tag_nodes(tables.size(), nullptr);
    for (std::size_t i = 0; i < tables.size(); ++i) tag_nodes[i] = tables[i].node->as_table()->get(key);
    auto tag_text = [&](std::size_t i) -> std::optional<std::string_view> {
      if (!tag_nodes[i]) return std::nullopt;
      if (auto str = tag_nodes[i]->as_string()) return std::string_view(str->get());
      return std::nullopt;
    };
    std::string tag_path = path();
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
      if (!pin) {
        chooser = i;
        break;
      }
      if (*tag_text(i) != *pin)
        report_at(tag_path, severity::warning,
                  fmt::format("is pinned to '{}'; the alternative '{}' set here is ignored", *pin, *tag_text(i)),
                  tables[i].source->origin_of(*tag_nodes[i]));
    }
    std::string_view tag;
    if (!pin) {
      if (!chooser) {
        if (tables.empty()) return;
        // the table may come from a setting of a secret field inside it: its value cut
        report_at(tag_path, severity::error, fmt::format("is missing; it selects one of {}", quoted_list(tags)),
                  where(tables.back(), true));
        return;
      }
      tag = *tag_text(*chooser);
    } else {
      tag = *pin;
    }
    const std::size_t index = tag_index(s, tag);
    if (index == tags.size()) {
      report_at(tag_path, severity::error, fmt::format("unknown alternative '{}'; valid: {}", capped(tag), quoted_list(tags)),
                tables[*chooser].source->origin_of(*tag_nodes[*chooser]),
                did_you_mean(tag, tags));
      return;
    }
    {
      step_scope tag_step(*this, key, path_step::kind::key);
      if (chooser) record_whole(tables[*chooser].source->origin_of(*tag_nodes[*chooser]));
      else record_whole(origin{origin_kind::value, {}, 0, 0});
    }
    if (!tables.empty()) record(tables.back(), secret);
    // Tables from the top down while they name the same alternative or none.
    slot_list chosen;
    for (std::size_t i = tables.size(); i-- > 0;) {
      if (tag_text(i) && *tag_text(i) != tag) {
        if (!pin) break;
        continue;  // reported above: pinned
      }
      chosen.insert(chosen.begin(), tables[i]);
    }
    const shape& alt = *s.alternatives[index];
    void* alt_value = s.select(v, index);
    object(alt, alt_value, std::span<const slot>(chosen.data(), chosen.size()), key);
    for (std::size_t i = 0; i < alt.members.size(); ++i) {  // a field named like the discriminator receives the tag
      const member_shape& m = alt.members[i];
      if (m.key == key && unannotated(*m.type).kind == shape_kind::string) {
        void* target = member_at(alt, alt_value, i);
        (void)unannotated(*m.type).parse(tag, m.type->kind == shape_kind::annotated ? m.type->unwrap(target) : target);
      }
    }
  }

  void map(const shape& s, void* m, std::span<const slot> slots, bool secret, std::string_view disc) {
    slot_list tables;
    for (const slot& sl : slots) {
      if (sl.node->is_table()) tables.push_back(sl);
      else mismatch("a table", sl, secret);
    }
    if (!tables.empty()) record(tables.back(), secret);
    std::vector<std::string_view> keys;
    for (const slot& sl : tables)
      for (auto&& [k, node] : *sl.node->as_table())
        if (std::find(keys.begin(), keys.end(), k.str()) == keys.end()) keys.push_back(k.str());
    for (std::string_view key : keys) {
      slot_list children;
      for (const slot& sl : tables)
        if (const toml::node* child = sl.node->as_table()->get(key)) children.push_back({child, sl.source});
      step_scope scope(*this, key, path_step::kind::key);
      if (!valid_utf8(key)) {  // a YAML, env or user source's key: no TOML file could hold it
        not_utf8_key(children.back(), secret);
        continue;
      }
      value(*s.element, s.entry(m, key), std::span<const slot>(children.data(), children.size()), secret, disc);
    }
  }

  void list(const shape& s, void* items, const slot& sl, bool secret, std::string_view disc) {
    const toml::array* array = sl.node->as_array();
    if (!array) return mismatch("a list", sl, secret);
    record(sl, secret);
    s.resize(items, array->size());
    for (std::size_t i = 0; i < array->size(); ++i) {
      step_scope scope(*this, i);
      const slot element{array->get(i), sl.source};
      value(*s.element, s.at(items, i), std::span<const slot>(&element, 1), secret, disc);
    }
  }

  void scalar(const shape& s, void* v, const slot& sl, bool secret) {
    const toml::node& n = *sl.node;
    if (const auto* str = n.as_string()) {
      const std::string_view text = str->get();
      const bool from_text = sl.source->text(n);  // else a file string, which keeps its TOML type
      if (sl.source->interpolate && !s.verbatim && has_references(text)) return interpolated(s, v, sl, secret);
      record(sl, secret);
      if (!valid_utf8(text)) return not_utf8(where(sl, secret));  // from text, or a YAML or user source
      if (from_text || s.kind >= shape_kind::string) return parsed(s, v, text, where_lazy(sl, secret), secret);
      // how to_toml writes a std::uint64_t above 2^63-1, which no TOML integer holds
      if (s.kind == shape_kind::integer && beyond_toml_integers(text))
        return parsed(s, v, text, where_lazy(sl, secret), secret);
      return mismatch(s, sl, secret);
    }
    record(sl, secret);
    switch (s.kind) {
      case shape_kind::boolean:
        if (auto b = n.as_boolean()) {
          *static_cast<bool*>(v) = b->get();
          return;
        }
        break;
      case shape_kind::integer:
        if (auto i = n.as_integer()) return converted(s.from_integer(i->get(), v), i->get(), sl, secret);
        break;
      case shape_kind::floating:
        if (auto f = n.as_floating_point()) return converted(s.from_float(f->get(), v), f->get(), sl, secret);
        if (auto i = n.as_integer()) return converted(s.from_integer(i->get(), v), i->get(), sl, secret);
        break;
      case shape_kind::duration:  // with duration_unit<U>: a bare number counts units
        if (s.from_integer)
          if (auto i = n.as_integer()) return converted(s.from_integer(i->get(), v), i->get(), sl, secret);
        break;
      case shape_kind::date_time:
        if (date_time_value dt; read_date_time(n, dt)) return date_time(s, v, dt, sl, secret);
        break;
      case shape_kind::codec:
        if (n.is_integer() || n.is_floating_point()) return codec_number(s, v, sl, secret);
        if (date_time_value dt; read_date_time(n, dt))  // as its RFC 3339 text
          return parsed(s, v, date_time_text(dt), where_lazy(sl, secret), secret);
        break;
      default:  // strings, paths, enums and durations are TOML strings, parsed by type
        break;
    }
    mismatch(s, sl, secret);
  }

  template <class Number>
  void converted(const conversion& c, Number wide, const slot& sl, bool secret) {
    if (!c) not_representable(fmt::format("{}", wide), c.error, sl, secret);
  }

  // The paths below report problems or handle rare values. Kept out of line,
  // they do not make the functions every value goes through save registers
  // and reserve stack for them.

  STRATA_COLD void not_representable(std::string_view number, std::string_view error, const slot& sl, bool secret) {
    report(severity::error, fmt::format("{} is {}", quote_value(number, secret), error), where(sl, secret));
  }

  STRATA_COLD void date_time(const shape& s, void* v, const date_time_value& dt, const slot& sl, bool secret) {
    if (conversion c = s.from_date_time(dt, v); !c)
      report(severity::error, fmt::format("{} is {}", quote_value(date_time_text(dt), secret), c.error),
             where(sl, secret), secret ? std::string{} : c.hint);
  }

  /// A codec reads strings; numbers are accepted as their text (size = 1024).
  STRATA_COLD void codec_number(const shape& s, void* v, const slot& sl, bool secret) {
    const std::string number = sl.node->is_integer() ? fmt::format("{}", sl.node->as_integer()->get())
                                                     : fmt::format("{}", sl.node->as_floating_point()->get());
    parsed(s, v, number, where_lazy(sl, secret), secret);
  }

  /// An origin computed only if a message needs it.
  struct lazy_origin {
    const slot* sl = nullptr;
    bool secret = false;
    bool interpolated = false;
    origin get() const { return interpolated ? where_interpolated(*sl, secret) : where(*sl, secret); }
  };
  static lazy_origin where_lazy(const slot& sl, bool secret) { return {&sl, secret, false}; }

  void parsed(const shape& s, void* v, std::string_view text, lazy_origin o, bool secret) {
    if (conversion c = s.parse(text, v); !c)
      report(severity::error, fmt::format("{} is {}", quote_value(text, secret), c.error), o.get(),
             secret ? std::string{} : c.hint);
  }

  /// Resolves the `${...}` of a file string into resolved_, reporting what
  /// cannot be resolved; false then.
  bool resolve_references(const slot& sl, bool secret) {
    std::vector<interpolation_error> errors;
    resolved_.clear();
    interpolate(
        sl.node->as_string()->get(), [&](std::string_view name) { return environment_.find(name); }, resolved_,
        errors, [](std::string_view) {});
    record(sl, secret, true);
    const lazy_origin o{&sl, secret, true};
    for (interpolation_error& problem : errors)
      report(severity::error, std::move(problem.message), o.get(), std::move(problem.hint));
    return errors.empty();
  }

  /// A file string with `${...}`: resolved now that it is the effective
  /// value, then parsed as text by the field's type (`port = "${PORT:8000}"`).
  STRATA_COLD void interpolated(const shape& s, void* v, const slot& sl, bool secret) {
    if (!resolve_references(sl, secret)) return;
    if (!valid_utf8(resolved_)) return not_utf8(where_interpolated(sl, secret));
    parsed(s, v, resolved_, lazy_origin{&sl, secret, true}, secret);
  }

  /// Text from the environment, an argument or an interpolation that is not
  /// UTF-8: no TOML file could hold it, so no configuration does. The origin
  /// names the variable or argument; the bytes are never shown.
  STRATA_COLD void not_utf8(origin o) {
    report(severity::error, "is not valid UTF-8 text", std::move(o),
           "set it from UTF-8 text; the value is not shown, as its bytes may not print");
  }

  /// A key that is not UTF-8, shown in the path with its bytes escaped.
  STRATA_COLD void not_utf8_key(const slot& sl, bool secret) {
    report(severity::error, "the key is not valid UTF-8 text", where(sl, secret), "name keys in UTF-8 text");
  }

  STRATA_COLD void mismatch(const shape& s, const slot& sl, bool secret) {
    std::string storage;
    mismatch(expected_for(s, storage), sl, secret, mismatch_hint(s, *sl.node));
  }
  STRATA_COLD void mismatch(std::string_view expected, const slot& sl, bool secret = false, std::string hint = {}) {
    report(severity::error, fmt::format("expected {}, got {}", expected, toml_type_label(sl.node->type())),
           where(sl, secret), std::move(hint));
  }
  /// How to write what was meant, where a common mistake is likely.
  static std::string mismatch_hint(const shape& s, const toml::node& n) {
    if (s.kind == shape_kind::duration && (n.is_integer() || n.is_floating_point()))
      return "write it with a unit (\"30s\"), or declare the field's unit with "
             "strata::duration_unit<std::chrono::seconds>";
    if (s.kind == shape_kind::date_time && n.is_string())
      return "write it without quotes, as a TOML date-time: 2024-06-17T20:30:46Z";
    return {};
  }

  /// Keys of a struct's table that name no member: an error, a warning or
  /// nothing, as the struct's `.unknown_keys` says. Hints name the key as
  /// the file must spell it.
  void unknown_keys(const shape& s, const toml::table& table, const layer& source, std::string_view tag_key) {
    if (s.unknown == strata::unknown_keys::ignore) return;
    const severity level = s.unknown == strata::unknown_keys::warn ? severity::warning : severity::error;
    std::vector<std::string_view> keys;
    for (const member_shape& m : s.members) keys.push_back(m.key);
    const std::string here = path();
    for (auto&& [k, node] : table) {
      if (std::find(keys.begin(), keys.end(), k.str()) != keys.end() || (!tag_key.empty() && k.str() == tag_key))
        continue;
      std::string path = here;
      append_key(path, k.str(), shown_text_limit);
      // What a key that names nothing was meant to set is unknown, a
      // secret as likely as not (`tokn=...`, `db.password=...` beside
      // `kind = "lite"`): a setting is named without its value.
      origin o = source.origin_of_key(k, node);
      if (o.kind == origin_kind::args || o.kind == origin_kind::overrides) o.name = setting_without_value(o.name);
      out_.push_back({level, std::move(path), fmt::format("unknown key '{}'", capped(k.str())), std::move(o),
                      did_you_mean(k.str(), keys)});
    }
  }

  // --- shape-selected variants and free-form tables (cold: rare in a load) ---

  /// A std::variant without discriminator: the shape of the highest
  /// layer's value chooses the alternative. Lower layers count only while
  /// they are tables too (tables merge; any other shape replaces). Bare
  /// text from env and arguments, and an interpolated file string, take
  /// the shape of the TOML literal they spell (`1`, `true`), else string.
  STRATA_COLD void shaped(const shape& s, void* v, std::span<const slot> slots, bool secret) {
    const slot& top = slots.back();
    const toml::node& n = *top.node;
    value_shape got = node_shape(n);
    bool from_interpolation = false;
    if (const auto* str = n.as_string()) {
      if (top.source->interpolate && has_references(str->get())) {
        if (!resolve_references(top, secret)) return;
        from_interpolation = true;
        got = literal_shape(resolved_);
      } else if (top.source->is_bare(n)) {
        got = literal_shape(str->get());
      }
      // spelled as another shape than the variant has: the text is a string
      if (alternative_for(s, got) == s.alternatives.size()) got = value_shape::string;
    }
    const std::size_t index = alternative_for(s, got);
    if (index == s.alternatives.size()) {
      record(top, secret);
      return mismatch(accepted_shapes(s), top, secret);
    }
    const shape& alt = *s.alternatives[index];
    void* target = s.select(v, index);
    if (from_interpolation) return resolved_alternative(alt, target, top, secret);
    slot_list same{top};
    if (got == value_shape::table)  // lower tables merge into it, down to the first value of another shape
      for (std::size_t i = slots.size() - 1; i-- > 0 && slots[i].node->is_table();) same.insert(same.begin(), slots[i]);
    field(alt, target, std::span<const slot>(same.data(), same.size()));
  }

  /// An alternative read from an interpolated file string's text (in resolved_).
  STRATA_COLD void resolved_alternative(const shape& alt, void* target, const slot& sl, bool secret) {
    const bool annotated = alt.kind == shape_kind::annotated;
    const shape& value = annotated ? *alt.element : alt;
    void* v = annotated ? alt.unwrap(target) : target;
    secret = secret || alt.secret;
    const std::size_t reported = out_.size();
    const std::string text = resolved_;
    if (!valid_utf8(text)) return not_utf8(where_interpolated(sl, secret));
    parsed(value, v, text, lazy_origin{&sl, secret, true}, secret);
    if (alt.check && !errors_since(reported)) checked(alt, v, true);
  }

  /// An any_table field: every layer's table, merged key by key, as given;
  /// each of its values keeps its origin.
  STRATA_COLD void free_table(void* v, std::span<const slot> slots, bool secret) {
    slot_list tables;
    for (const slot& sl : slots) {
      if (sl.node->is_table()) tables.push_back(sl);
      else mismatch("a table", sl, secret);
    }
    if (tables.empty()) return;
    bool utf8 = true;
    for (const slot& sl : tables) utf8 = all_utf8(*sl.node->as_table(), *sl.source, secret) && utf8;
    if (!utf8) return;
    auto merged = std::make_shared<toml::table>();
    for (const slot& sl : tables) merge_tables(*merged, *sl.node->as_table());
    *static_cast<any_table*>(v) = any_table(std::move(merged));
    record(tables.back(), secret);
    for (const slot& sl : tables) record_table(*sl.node->as_table(), *sl.source, secret);
  }

  /// Whether every key and string of a free-form value is UTF-8, as TOML
  /// requires (a YAML or user source may hold other bytes); each that is not
  /// is reported at its path.
  STRATA_COLD bool all_utf8(const toml::node& n, const layer& source, bool secret) {
    bool ok = true;
    if (const toml::table* table = n.as_table()) {
      for (auto&& [k, child] : *table) {
        step_scope scope(*this, k.str(), path_step::kind::key);
        if (!valid_utf8(k.str())) {
          not_utf8_key({&child, &source}, secret);
          ok = false;
        } else {
          ok = all_utf8(child, source, secret) && ok;
        }
      }
    } else if (const toml::array* array = n.as_array()) {
      for (std::size_t i = 0; i < array->size(); ++i) {
        step_scope scope(*this, i);
        ok = all_utf8(*array->get(i), source, secret) && ok;
      }
    } else if (const auto* str = n.as_string(); str && !valid_utf8(str->get())) {
      not_utf8(where({&n, &source}, secret));
      ok = false;
    }
    return ok;
  }

  /// Records every value of a free-form table (later layers win, as everywhere).
  void record_table(const toml::table& table, const layer& source, bool secret) {
    for (auto&& [k, node] : table) {
      step_scope scope(*this, k.str(), path_step::kind::key);
      record({&node, &source}, secret);
      if (const toml::table* inner = node.as_table()) record_table(*inner, source, secret);
    }
  }

  /// The path being decoded, as text: for messages only.
  std::string path() const {
    std::string out;
    for (const frame& f : frames_) append_step(out, f.step, shown_text_limit);
    return out;
  }

  /// Adds the current path's entry, after those of its parents not yet in the trace.
  void record_entry(const toml::node* node, const layer* source, std::uint32_t whole, bool secret,
                    bool interpolated) {
    const std::size_t top = frames_.size() - 1;
    if (materialized_ < top) add_parent_entries(top);
    std::vector<trace_entry>& entries = trace_.entries;
    frames_[top].id = static_cast<std::uint32_t>(entries.size());
    entries.emplace_back(frames_[top].step, top ? frames_[top - 1].id : trace_entry::none, whole, node, source, secret,
                         interpolated);
    materialized_ = top + 1;
  }
  void add_parent_entries(std::size_t top) {
    for (std::size_t i = materialized_; i < top; ++i) {
      frames_[i].id = static_cast<std::uint32_t>(trace_.entries.size());
      trace_.entries.emplace_back(frames_[i].step, i ? frames_[i - 1].id : trace_entry::none);
    }
  }
  void record(const slot& sl, bool secret = false, bool interpolated = false) {
    record_entry(sl.node, sl.source, trace_entry::none, secret, interpolated);
  }
  void record_whole(origin o) {
    record_entry(nullptr, nullptr, static_cast<std::uint32_t>(trace_.whole.size()), false, false);
    trace_.whole.push_back(std::move(o));
  }

  /// The origin recorded last for `path` so far (the trace's paths become
  /// text only after the load).
  origin origin_at(std::string_view path) const {
    std::string candidate;
    for (std::size_t i = trace_.entries.size(); i-- > 0;) {
      if (!trace_.entries[i].recorded()) continue;
      candidate.clear();
      render_path(trace_.entries, static_cast<std::uint32_t>(i), candidate);
      if (candidate == path) return resolve(trace_, trace_.entries[i]);
    }
    return {};
  }

  STRATA_COLD void report(severity sev, std::string message, origin o, std::string hint = {}) {
    report_at(path(), sev, std::move(message), std::move(o), std::move(hint));
  }
  STRATA_COLD void report_at(std::string path, severity sev, std::string message, origin o, std::string hint = {}) {
    out_.push_back({sev, std::move(path), std::move(message), std::move(o), std::move(hint)});
  }

  /// A step of the path being decoded, until the value under it is done.
  struct frame {
    path_step step;
    std::uint32_t id = trace_entry::none;  ///< its entry in the trace, once a record needs it
  };
  class step_scope {
   public:
    step_scope(decoder& d, std::string_view key, path_step::kind what) : d_(d) {
      d_.frames_.push_back({path_step::of(key, what)});
    }
    step_scope(decoder& d, std::size_t index) : d_(d) { d_.frames_.push_back({path_step::of(index)}); }
    ~step_scope() {
      d_.frames_.pop_back();
      d_.materialized_ = std::min(d_.materialized_, d_.frames_.size());
    }
    step_scope(const step_scope&) = delete;
    step_scope& operator=(const step_scope&) = delete;

   private:
    decoder& d_;
  };

  load_trace& trace_;
  diagnostics& out_;
  std::string_view profile_;
  std::vector<frame> frames_;
  std::size_t materialized_ = 0;  ///< frames_[0, materialized_) have their entries
  std::string resolved_;  ///< interpolated text, reused
  const load_environment& environment_;
  bool incomplete_ = false;  ///< a source could not be read: defaults are not judged
  bool in_secret_ = false;   ///< the value being decoded is secret, or inside a secret one
};

/// Puts the diagnostics of each file in line order, each in the places the
/// file's diagnostics held (the rest stay where they are): a report then
/// reads like the file.
inline void order_by_line(diagnostics& list) {
  std::vector<bool> done(list.size(), false);
  std::vector<std::size_t> places;
  diagnostics group;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (done[i] || list[i].origin.kind != origin_kind::file || list[i].origin.line == 0) continue;
    places.clear();
    for (std::size_t j = i; j < list.size(); ++j) {
      if (list[j].origin.kind == origin_kind::file && list[j].origin.line != 0 && list[j].origin.name == list[i].origin.name) {
        places.push_back(j);
        done[j] = true;
      }
    }
    if (places.size() < 2) continue;
    std::vector<std::size_t> order(places);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const origin &x = list[a].origin, &y = list[b].origin;
      if (x.line != y.line) return x.line < y.line;
      if (x.column != y.column) return x.column < y.column;
      return a < b;  // one place: keep the order of report
    });
    group.clear();
    for (std::size_t k : order) group.push_back(std::move(list[k]));
    for (std::size_t k = 0; k < places.size(); ++k) list[places[k]] = std::move(group[k]);
  }
}

}  // namespace strata::detail
