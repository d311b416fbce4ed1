// strata/sources/yaml.hpp: `yaml_file(path [, strata::optional])` and
// `yaml_text(text, name)`, YAML through yaml-cpp. Only a program that
// includes this header needs yaml-cpp (CMake: `find_package(strata
// COMPONENTS yaml)`, target `strata::yaml`); the parsing below is compiled
// where it is included, not in the engine. Including it also lets every
// composed file name `.yaml` and `.yml` files in its `defaults` list.
//
// What a YAML file means to strata (docs/sources.md, "YAML"):
//   - plain scalars are text, read by the field's type (`country: NO` into a
//     string is "NO", into a bool false); quoted and block scalars and
//     `!!str` are strings, as TOML strings are;
//   - `${VAR}` in any scalar is interpolated as in TOML;
//   - a null value (`key:`, `~`, `null`) leaves the key unset; in a list it
//     is an error;
//   - anchors and aliases are expanded (an alias may add at most 100,000
//     values: no "billion laughs"), `<<` merge keys merge (explicit keys
//     win, then the earlier merged mapping);
//   - duplicate keys, several documents, tags other than !!str / !!map /
//     !!seq, complex keys, a top level that is not a mapping and nesting
//     deeper than 128 levels are errors with line:column.
#pragma once

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <strata/detail/capped.hpp>
#include <strata/detail/cold.hpp>
#include <strata/sources/source.hpp>

namespace strata {

namespace detail {

/// One event of a YAML document, kept so that aliases and merge keys can
/// be expanded after the document is read.
struct yaml_event {
  enum class kind : unsigned char { scalar, null, alias, map, seq, end };
  kind what = kind::null;
  int line = 0, column = 0;  ///< 1-based
  YAML::anchor_t anchor = 0;  ///< the anchor it defines, or the one an alias names
  std::size_t end = 0;        ///< map, seq: the index of its `end` event
  std::string tag, value;
};

/// How deep maps and sequences may nest, aliases expanded included.
inline constexpr int max_yaml_depth = 128;

/// Records a document's events (yaml-cpp calls them while it parses).
class yaml_recorder final : public YAML::EventHandler {
 public:
  struct nested_too_deep {
    YAML::Mark mark;
  };

  std::vector<yaml_event> events;
  std::vector<std::size_t> anchors;  ///< by anchor id: the index of the node it names
  int documents = 0;
  int recursive_line = 0, recursive_column = 0;  ///< an alias inside the node it names

  void OnDocumentStart(const YAML::Mark&) override { ++documents; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override { add(yaml_event::kind::null, m, a, {}, {}); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t a) override {
    if (a < open_anchor.size() && open_anchor[a] && recursive_line == 0) {
      recursive_line = m.line + 1;
      recursive_column = m.column + 1;
    }
    events.push_back({yaml_event::kind::alias, m.line + 1, m.column + 1, a, 0, {}, {}});
  }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a, const std::string& v) override {
    add(yaml_event::kind::scalar, m, a, tag, v);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                       YAML::EmitterStyle::value) override {
    open(yaml_event::kind::seq, m, a, tag);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a, YAML::EmitterStyle::value) override {
    open(yaml_event::kind::map, m, a, tag);
  }
  void OnMapEnd() override { close(); }

 private:
  void add(yaml_event::kind k, const YAML::Mark& m, YAML::anchor_t a, const std::string& tag, const std::string& v) {
    name(a, events.size());
    events.push_back({k, m.line + 1, m.column + 1, a, 0, tag, v});
  }
  void open(yaml_event::kind k, const YAML::Mark& m, YAML::anchor_t a, const std::string& tag) {
    // yaml-cpp stops at 500 levels with "bad file"; strata's limit comes first, named
    if (stack.size() >= static_cast<std::size_t>(max_yaml_depth)) throw nested_too_deep{m};
    name(a, events.size());
    if (a) {
      if (open_anchor.size() <= a) open_anchor.resize(a + 1, false);
      open_anchor[a] = true;
    }
    stack.push_back(events.size());
    events.push_back({k, m.line + 1, m.column + 1, a, 0, tag, {}});
  }
  void close() {
    const std::size_t start = stack.back();
    stack.pop_back();
    events[start].end = events.size();
    if (const YAML::anchor_t a = events[start].anchor; a && a < open_anchor.size()) open_anchor[a] = false;
    events.push_back({yaml_event::kind::end, 0, 0, 0, 0, {}, {}});
  }
  void name(YAML::anchor_t a, std::size_t at) {
    if (!a) return;
    if (anchors.size() <= a) anchors.resize(a + 1, 0);
    anchors[a] = at;
  }
  std::vector<std::size_t> stack;
  std::vector<bool> open_anchor;
};

/// Builds a layer from a recorded document.
class yaml_builder {
 public:
  static constexpr std::size_t max_alias_values = 100000;
  static constexpr int max_depth = max_yaml_depth;

  yaml_builder(const yaml_recorder& doc, const std::string& file, source_context& ctx)
      : events_(doc.events), anchors_(doc.anchors), file_(file), ctx_(ctx) {}

  void build(layer_node root) {
    if (events_.empty()) return;
    const std::size_t top = resolve(0);
    if (failed_) return;
    const yaml_event& e = events_[top];
    if (e.what == yaml_event::kind::null) return;  // an empty document
    if (e.what != yaml_event::kind::map)
      return fail("the top of a YAML configuration must be a mapping of keys to values", e);
    fill_map(root, top, 1);
  }

 private:
  std::size_t after(std::size_t i) const {
    const yaml_event& e = events_[i];
    return e.what == yaml_event::kind::map || e.what == yaml_event::kind::seq ? e.end + 1 : i + 1;
  }

  /// The node an alias names (the node itself otherwise); an alias's
  /// values count against the limit.
  std::size_t resolve(std::size_t i) {
    const yaml_event& e = events_[i];
    if (e.what != yaml_event::kind::alias) return i;
    if (e.anchor >= anchors_.size()) {
      fail("an alias names no anchor", e);
      return i;
    }
    const std::size_t target = anchors_[e.anchor];
    aliased_ += after(target) - target;
    if (aliased_ > max_alias_values && !failed_)
      fail("aliases expand to more than 100000 values; strata stops there (a \"billion laughs\" document?)", e);
    return target;
  }

  location at(const yaml_event& value, const yaml_event* key) const {
    location l;
    l.line = value.line;
    l.column = value.column;
    if (key) {
      l.key_line = key->line;
      l.key_column = key->column;
    }
    return l;
  }

  STRATA_COLD void fail(std::string_view message, const yaml_event& e) {
    if (!failed_) ctx_.error(message, origin{origin_kind::file, file_, e.line, e.column});
    failed_ = true;
  }

  /// Whether a tag is one strata reads (an error otherwise).
  bool tag_ok(const yaml_event& e) {
    const std::string& t = e.tag;
    if (t.empty() || t == "?" || t == "!") return true;
    if (e.what == yaml_event::kind::scalar && t == "tag:yaml.org,2002:str") return true;
    if (e.what == yaml_event::kind::map && t == "tag:yaml.org,2002:map") return true;
    if (e.what == yaml_event::kind::seq && t == "tag:yaml.org,2002:seq") return true;
    const std::string shown = detail::capped(t.starts_with("tag:yaml.org,2002:") ? "!!" + t.substr(18) : t);
    ctx_.error("the tag '" + shown + "' is not supported: the field's type decides how a value is read",
               origin{origin_kind::file, file_, e.line, e.column}, "remove the tag; !!str, !!map and !!seq are accepted");
    return false;
  }

  scalar value_of(const yaml_event& e) const {
    return e.tag == "?" ? scalar::text(e.value) : scalar(std::string_view(e.value));
  }

  /// The node at `i` into a map under `key` (a scalar event).
  void put_entry(layer_node map, std::string_view key, const yaml_event& key_event, std::size_t i, int depth) {
    const std::size_t j = resolve(i);
    if (failed_) return;
    const yaml_event& e = events_[j];
    if (!tag_ok(e)) return;
    switch (e.what) {
      case yaml_event::kind::null: return;  // unset
      case yaml_event::kind::scalar: return map.set(key, value_of(e), at(e, &key_event));
      case yaml_event::kind::map: return fill_map(map.table(key, at(e, &key_event)), j, depth + 1);
      case yaml_event::kind::seq: return fill_seq(map.list(key, at(e, &key_event)), j, depth + 1);
      default: return fail("unexpected YAML event", e);
    }
  }

  void put_element(layer_node list, std::size_t i, int depth) {
    const std::size_t j = resolve(i);
    if (failed_) return;
    const yaml_event& e = events_[j];
    if (!tag_ok(e)) return;
    switch (e.what) {
      case yaml_event::kind::null: return fail("a list element is null; remove it or give it a value", e);
      case yaml_event::kind::scalar: return list.add(value_of(e), at(e, nullptr));
      case yaml_event::kind::map: return fill_map(list.add_table(at(e, nullptr)), j, depth + 1);
      case yaml_event::kind::seq: return fill_seq(list.add_list(at(e, nullptr)), j, depth + 1);
      default: return fail("unexpected YAML event", e);
    }
  }

  void fill_seq(layer_node list, std::size_t seq, int depth) {
    if (depth > max_depth) return fail("the document nests deeper than 128 levels", events_[seq]);
    for (std::size_t i = seq + 1; i < events_[seq].end && !failed_; i = after(i)) put_element(list, i, depth);
  }

  void fill_map(layer_node map, std::size_t start, int depth) {
    if (depth > max_depth) return fail("the document nests deeper than 128 levels", events_[start]);
    struct seen_key {
      std::string_view key;
      int line;
    };
    std::vector<seen_key> keys;
    std::vector<std::size_t> merges;  // `<<` values
    for (std::size_t k = start + 1; k < events_[start].end && !failed_;) {
      const std::size_t value = after(k);
      const std::size_t key_at = resolve(k);
      const yaml_event& key = events_[key_at];
      if (key.what != yaml_event::kind::scalar) {
        fail(key.what == yaml_event::kind::null ? "a key is null" : "keys must be scalars (text)", events_[k]);
        return;
      }
      if (key.value == "<<" && key.tag == "?") {
        merges.push_back(value);
      } else {
        const auto dup = std::find_if(keys.begin(), keys.end(), [&](const seen_key& s) { return s.key == key.value; });
        if (dup != keys.end()) {
          ctx_.error("duplicate key '" + detail::capped(key.value) + "'", origin{origin_kind::file, file_, key.line, key.column},
                     "first at line " + std::to_string(dup->line));
        } else {
          keys.push_back({key.value, key.line});
          put_entry(map, key.value, key, value, depth);
        }
      }
      k = after(value);
    }
    for (std::size_t m : merges) merge(map, keys, m, depth);
  }

  /// `<<: *base` or `<<: [*a, *b]`: the entries of each mapping that the
  /// map does not have yet.
  template <class Keys>
  void merge(layer_node map, Keys& keys, std::size_t i, int depth) {
    const std::size_t j = resolve(i);
    if (failed_) return;
    const yaml_event& e = events_[j];
    if (e.what == yaml_event::kind::seq) {
      for (std::size_t k = j + 1; k < e.end && !failed_; k = after(k)) {
        if (events_[resolve(k)].what != yaml_event::kind::map)
          return fail("'<<' merges a mapping or a list of mappings", events_[k]);
        merge(map, keys, k, depth);
      }
      return;
    }
    if (e.what != yaml_event::kind::map) return fail("'<<' merges a mapping or a list of mappings", e);
    for (std::size_t k = j + 1; k < e.end && !failed_; k = after(after(k))) {
      const yaml_event& key = events_[resolve(k)];
      if (key.what != yaml_event::kind::scalar) return fail("keys must be scalars (text)", events_[k]);
      if (key.value == "<<" && key.tag == "?") {  // a merge inside the merged mapping
        merge(map, keys, after(k), depth + 1);
        continue;
      }
      if (std::any_of(keys.begin(), keys.end(), [&](const auto& s) { return s.key == key.value; })) continue;
      keys.push_back({key.value, key.line});
      put_entry(map, key.value, key, after(k), depth);
    }
  }

  const std::vector<yaml_event>& events_;
  const std::vector<std::size_t>& anchors_;
  const std::string& file_;
  source_context& ctx_;
  std::size_t aliased_ = 0;
  bool failed_ = false;
};

/// YAML's file_format: one document, a mapping at the top.
inline void parse_yaml(std::string_view text, const std::string& file, layer_node root, source_context& ctx) {
  yaml_recorder doc;
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(doc)) {
      yaml_recorder more;
      if (parser.HandleNextDocument(more)) {
        const int line = more.events.empty() ? 0 : more.events.front().line;
        ctx.error("the file holds several YAML documents ('---'); strata reads one per file",
                  origin{origin_kind::file, file, line, line ? 1 : 0}, "split it into one file per document");
        return;
      }
    }
  } catch (const yaml_recorder::nested_too_deep& e) {
    ctx.error("the document nests deeper than 128 levels", origin{origin_kind::file, file, e.mark.line + 1, e.mark.column + 1});
    return;
  } catch (const YAML::Exception& e) {
    ctx.error("invalid YAML: " + inert(e.msg), origin{origin_kind::file, file, e.mark.line + 1, e.mark.column + 1});
    return;
  }
  if (doc.recursive_line) {
    ctx.error("an alias refers to the node that defines its anchor (a recursive structure)",
              origin{origin_kind::file, file, doc.recursive_line, doc.recursive_column});
    return;
  }
  yaml_builder(doc, file, ctx).build(root);
}

inline constexpr std::string_view yaml_extensions[] = {".yaml", ".yml"};
inline constexpr file_format yaml_format{"YAML", yaml_extensions, &parse_yaml};

/// Registers YAML for `defaults` lists in every program that includes this header.
inline const bool yaml_registered = (register_file_format(yaml_format), true);

}  // namespace detail

/// A YAML file. Missing is an error unless `strata::optional` is given. Its
/// `defaults` list composes other files, YAML or TOML (docs/profiles.md).
class yaml_file {
 public:
  explicit yaml_file(std::filesystem::path path) : path_(std::move(path)) {}
  yaml_file(std::filesystem::path path, optional_t) : path_(std::move(path)), optional_(true) {}

  const std::filesystem::path& path() const noexcept { return path_; }
  bool is_optional() const noexcept { return optional_; }

  void read(source_context& ctx) const {
    register_file_format(detail::yaml_format);
    if (optional_) ctx.add_file(path_, detail::yaml_format, optional);
    else ctx.add_file(path_, detail::yaml_format);
  }

 private:
  std::filesystem::path path_;
  bool optional_ = false;
};

/// YAML held in memory; `name` stands for the file in origins and messages.
/// Its strings interpolate `${VAR}` as a file's do; it composes nothing.
class yaml_text {
 public:
  yaml_text(std::string text, std::string name = "<text>") : text_(std::move(text)), name_(std::move(name)) {}

  const std::string& text() const noexcept { return text_; }
  const std::string& name() const noexcept { return name_; }

  void read(source_context& ctx) const {
    register_file_format(detail::yaml_format);
    if (text_.size() > (std::size_t{16} << 20)) {
      ctx.error("the text is too large: strata reads at most 16 MiB", origin{origin_kind::file, name_});
      return;
    }
    detail::parse_yaml(text_, name_, ctx.add_layer(name_, {.file = false, .interpolate = true}), ctx);
  }

 private:
  std::string text_;
  std::string name_;
};

}  // namespace strata
