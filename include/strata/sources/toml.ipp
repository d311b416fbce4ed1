// strata/sources/toml.ipp: reading TOML files and text, within limits.
// Files compose through compose.ipp.
#pragma once

#include <algorithm>
#include <cerrno>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <fstream>
#endif

#include <strata/decode/layer.hpp>
#include <strata/detail/add_diagnostic.hpp>
#include <strata/detail/cold.hpp>
#include <strata/detail/did_you_mean.hpp>
#include <strata/detail/message.hpp>
#include <strata/detail/toml.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/sources/toml.hpp>

namespace strata {
namespace detail {

/// Refuses text that is too large or nests too deep to parse safely.
inline bool within_limits(std::string_view text, const std::string& name, diagnostics& out) {
  if (text.size() > max_file_size) {
    add_diagnostic(out, severity::error, {}, too_large_message(text.size()), origin_kind::file, name);
    return false;
  }
  if (may_nest_deeper(text, max_nesting_depth)) {
    add_diagnostic(out, severity::error, {},
                   format_message("tables, arrays and dotted keys nest deeper than {} levels",
                                  std::to_string(max_nesting_depth)),
                   origin_kind::file, name);
    return false;
  }
  return true;
}

STRATA_COLD inline void report_parse_error(const toml::parse_error& e, const std::string& name, diagnostics& out) {
  const auto& at = e.source().begin;
  // toml++ may quote raw bytes of the input; the report stays one line per message
  add_diagnostic(out, severity::error, {}, format_message("invalid TOML: {}", inert(e.description())),
                 origin{origin_kind::file, name, static_cast<int>(at.line), static_cast<int>(at.column)});
}

inline std::optional<toml::table> parse_toml(std::string_view text, const std::string& name, diagnostics& out) {
  if (!within_limits(text, name, out)) return std::nullopt;
  try {
    return toml::parse(text, std::string_view(name));
  } catch (const toml::parse_error& e) {
    report_parse_error(e, name, out);
    return std::nullopt;
  }
}

/// TOML's file_format: the parsed table becomes the layer's root whole.
inline void parse_toml_file(std::string_view text, const std::string& name, layer_node root, source_context& ctx) {
  load_state& s = context_access::state(ctx);
  if (std::optional<toml::table> parsed = parse_toml(text, name, s.found))
    context_access::layer_of(root)->root = std::move(*parsed);
}

inline constexpr std::string_view toml_extensions[] = {".toml"};
extern const file_format toml_format;
const file_format toml_format{"TOML", toml_extensions, &parse_toml_file};

}  // namespace detail

void toml_file::read(source_context& ctx) const {
  ctx.add_file(path_, detail::toml_format, file_options{.skip_if_missing = optional_, .interpolate = interpolates_});
}

void toml_text::read(source_context& ctx) const {
  detail::load_state& s = detail::context_access::state(ctx);
  if (auto root = detail::parse_toml(text_, name_, s.found)) {
    detail::layer& l = s.layers().emplace_back();
    l.kind = origin_kind::file;
    l.name = name_;
    l.root = std::move(*root);
    l.interpolate = interpolates_;
  }
}

void toml_table::read(source_context& ctx) const {
  if (!table_) return;
  detail::layer& l = detail::context_access::state(ctx).layers().emplace_back();
  l.kind = origin_kind::file;
  l.name = name_;
  l.shared = table_;
}

toml_table::toml_table(toml::table&& table, std::string name)
    : table_(std::make_shared<const toml::table>(std::move(table))), name_(std::move(name)) {}

}  // namespace strata
