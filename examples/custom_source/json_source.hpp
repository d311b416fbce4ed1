// examples/custom_source/json_source.hpp: a JSON file source for strata,
// written as any user would write one: on the public source interface
// (<strata/sources/source.hpp>), with Boost.JSON's basic_parser. Its files
// compose (a "defaults" list), interpolate `${VAR}`, and name each value's
// line:column. The parser gives the place of keys, strings and numbers;
// true, false, objects and arrays take the place of their key (or of the
// element before them in an array), as do strings with escapes, which
// Boost.JSON unescapes into a buffer of its own.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>
#include <strata/sources/source.hpp>

namespace json_source {

/// Receives Boost.JSON's parse events and builds the layer.
class builder {
 public:
  static constexpr std::size_t max_array_size = -1, max_object_size = -1, max_string_size = -1, max_key_size = -1;
  using error_code = boost::json::error_code;
  using sv = boost::json::string_view;

  builder(std::string_view text, const std::string& file, strata::layer_node root, strata::source_context& ctx)
      : text_(text), file_(file), root_(root), ctx_(ctx) {
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') line_starts_.push_back(i + 1);
  }

  /// Line and column of a byte offset.
  strata::location place(std::size_t offset) const {
    const auto line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin();
    return {.line = static_cast<int>(line), .column = static_cast<int>(offset - line_starts_[line - 1]) + 1};
  }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) { return open(true); }
  bool on_object_end(std::size_t, error_code&) { return close(); }
  bool on_array_begin(error_code&) { return open(false); }
  bool on_array_end(std::size_t, error_code&) { return close(); }
  bool on_key_part(sv s, std::size_t, error_code&) { return part(key_, key_at_, s); }
  bool on_key(sv s, std::size_t, error_code&) { return part(key_, key_at_, s); }
  bool on_string_part(sv s, std::size_t, error_code&) { return part(string_, value_at_, s); }
  bool on_string(sv s, std::size_t, error_code&) {
    part(string_, value_at_, s);
    put(strata::scalar(std::string_view(string_)), value_at_);
    string_.clear();
    return true;
  }
  bool on_number_part(sv, error_code&) { return true; }
  bool on_int64(std::int64_t i, sv s, error_code&) { return put(i, at(s)); }
  bool on_uint64(std::uint64_t u, sv s, error_code&) { return put(u, at(s)); }
  bool on_double(double d, sv s, error_code&) { return put(d, at(s)); }
  bool on_bool(bool b, error_code&) { return put(b, last_); }
  bool on_null(error_code&) {  // a null member is unset; a null element has no meaning
    if (!stack_.empty() && stack_.back().is_list()) ctx_.error("null in a list", origin(last_));
    return true;
  }
  bool on_comment_part(sv, error_code&) { return true; }
  bool on_comment(sv, error_code&) { return true; }
  strata::origin origin(const strata::location& at) const {
    return {strata::origin_kind::file, file_, at.line, at.column};
  }

 private:
  /// The place of a view into the text, or of the last known place.
  strata::location at(sv s, std::size_t before = 0) {
    if (s.data() >= text_.data() && s.data() <= text_.data() + text_.size())
      last_ = place(static_cast<std::size_t>(s.data() - text_.data()) - before);
    return last_;
  }
  bool part(std::string& into, strata::location& where, sv s) {
    if (into.empty()) where = at(s, 1);  // at the opening quote
    into.append(s.data(), s.size());
    return true;
  }
  bool put(const strata::scalar& value, strata::location where) {
    if (stack_.empty()) return true;
    if (stack_.back().is_list()) {
      stack_.back().add(value, where);
    } else if (!duplicate()) {
      where.key_line = key_at_.line;
      where.key_column = key_at_.column;
      stack_.back().set(key_, value, where);
    }
    key_.clear();
    return true;
  }
  bool duplicate() {
    const bool twice = stack_.back().contains(key_);
    if (twice) ctx_.error("duplicate key '" + key_ + "'", origin(key_at_));
    return twice;
  }
  bool open(bool object) {
    strata::layer_node node;
    if (stack_.empty()) {
      if (!object) ctx_.error("the top of a JSON configuration must be an object", origin(place(0)));
      node = object ? root_ : strata::layer_node{};
    } else if (stack_.back().is_list()) {
      node = object ? stack_.back().add_table(last_) : stack_.back().add_list(last_);
    } else if (!duplicate()) {
      node = object ? stack_.back().table(key_, key_at_) : stack_.back().list(key_, key_at_);
    }
    key_.clear();
    stack_.push_back(node);
    return true;
  }
  bool close() { return stack_.pop_back(), true; }

  std::string_view text_;
  const std::string& file_;
  strata::layer_node root_;
  strata::source_context& ctx_;
  std::vector<std::size_t> line_starts_{0};
  std::vector<strata::layer_node> stack_;
  std::string key_, string_;
  strata::location key_at_, value_at_, last_{.line = 1, .column = 1};
};

/// JSON's strata::file_format: the text into a layer, syntax errors with their place.
inline void parse(std::string_view text, const std::string& file, strata::layer_node root,
                  strata::source_context& ctx) {
  boost::json::parse_options options;
  options.allow_comments = true;
  options.max_depth = 128;
  boost::json::basic_parser<builder> parser(options, text, file, root, ctx);
  boost::json::error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (ec)
    ctx.error("invalid JSON: " + ec.message(), parser.handler().origin(parser.handler().place(used)));
}

inline constexpr std::string_view extensions[] = {".json"};
inline constexpr strata::file_format format{"JSON", extensions, &parse};

/// A JSON file. Missing is an error unless `strata::optional` is given.
class json_file {
 public:
  explicit json_file(std::filesystem::path path) : path_(std::move(path)) {}
  json_file(std::filesystem::path path, strata::optional_t) : path_(std::move(path)), optional_(true) {}

  void read(strata::source_context& ctx) const {
    strata::register_file_format(format);  // so that `defaults` lists may name .json files
    if (optional_) ctx.add_file(path_, format, strata::optional);
    else ctx.add_file(path_, format);
  }
  std::string name() const { return path_.string(); }

 private:
  std::filesystem::path path_;
  bool optional_ = false;
};

}  // namespace json_source
