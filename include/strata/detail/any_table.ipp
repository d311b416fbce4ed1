// strata/detail/any_table.ipp: the engine's side of `strata::any_table`:
// reading it, comparing it, and writing it back as TOML and JSON, key by
// key, as the sources gave it (strings are not escaped for interpolation:
// a free-form table is never interpolated).
#pragma once

#include <cmath>
#include <memory>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include <strata/declare/any_table.hpp>
#include <strata/decode/toml_values.ipp>
#include <strata/detail/json.hpp>
#include <strata/detail/toml.hpp>
#include <strata/schema/paths.hpp>
#include <strata/tools/leaves.hpp>

namespace strata {

const toml::table& any_table::table() const {
  static const toml::table none;
  return table_ ? *table_ : none;
}

bool any_table::empty() const { return !table_ || table_->empty(); }

bool operator==(const any_table& a, const any_table& b) {
  if (a.table_ == b.table_) return true;
  return a.table() == b.table();
}

namespace detail {

inline void append_table_key(std::string& out, std::string_view key) {
  if (is_bare_key(key)) out += key;
  else append_toml_string(out, key);
}

/// One value as TOML writes it inline.
inline void append_toml_node(std::string& out, const toml::node& n) {
  if (const auto* s = n.as_string()) return append_toml_string(out, s->get());
  if (const auto* i = n.as_integer()) return void(out += fmt::format("{}", i->get()));
  if (const auto* f = n.as_floating_point()) {
    const double v = f->get();
    if (std::isnan(v)) return void(out += "nan");
    if (std::isinf(v)) return void(out += v < 0 ? "-inf" : "inf");
    std::string text = fmt::format("{}", v);
    if (text.find_first_of(".eE") == std::string::npos) text += ".0";
    return void(out += text);
  }
  if (const auto* b = n.as_boolean()) return void(out += b->get() ? "true" : "false");
  if (date_time_value dt; read_date_time(n, dt)) return void(out += date_time_text(dt));
  if (const auto* a = n.as_array()) {
    out += '[';
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (i) out += ", ";
      append_toml_node(out, *a->get(i));
    }
    out += ']';
    return;
  }
  if (const auto* t = n.as_table()) {
    out += '{';
    bool first = true;
    for (auto&& [k, v] : *t) {
      out += first ? " " : ", ";
      first = false;
      append_table_key(out, k.str());
      out += " = ";
      append_toml_node(out, v);
    }
    out += first ? "}" : " }";
  }
}

inline bool holds_array_of_tables(const toml::node& n) {
  const toml::array* a = n.as_array();
  return a && !a->empty() && a->is_array_of_tables();
}

inline void append_table_body(std::string& out, const toml::table& table, const std::string& header) {
  for (auto&& [k, v] : table) {
    if (v.is_table() || holds_array_of_tables(v)) continue;
    append_table_key(out, k.str());
    out += " = ";
    append_toml_node(out, v);
    out += '\n';
  }
  for (auto&& [k, v] : table) {
    if (!v.is_table() && !holds_array_of_tables(v)) continue;
    std::string inner = header;
    if (!inner.empty()) inner += '.';
    append_table_key(inner, k.str());
    if (const toml::table* t = v.as_table()) {
      out += fmt::format("\n[{}]\n", inner);
      append_table_body(out, *t, inner);
    } else {
      for (const toml::node& element : *v.as_array()) {
        out += fmt::format("\n[[{}]]\n", inner);
        append_table_body(out, *element.as_table(), inner);
      }
    }
  }
}

void append_table_toml(std::string& out, const any_table& table, std::string_view header) {
  append_table_body(out, table.table(), std::string(header));
}

std::string inline_table_toml(const any_table& table) {
  std::string out;
  append_toml_node(out, table.table());
  return out;
}

inline void append_json_node(std::string& out, const toml::node& n, int indent) {
  const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
  if (const auto* t = n.as_table()) {
    if (t->empty()) return void(out += "{}");
    out += '{';
    bool first = true;
    for (auto&& [k, v] : *t) {
      out += first ? "\n" : ",\n";
      first = false;
      out += pad;
      append_json_string(out, k.str());
      out += ": ";
      append_json_node(out, v, indent + 2);
    }
    out += '\n' + std::string(static_cast<std::size_t>(indent), ' ') + '}';
  } else if (const auto* a = n.as_array()) {
    if (a->empty()) return void(out += "[]");
    out += '[';
    for (std::size_t i = 0; i < a->size(); ++i) {
      out += i ? ",\n" : "\n";
      out += pad;
      append_json_node(out, *a->get(i), indent + 2);
    }
    out += '\n' + std::string(static_cast<std::size_t>(indent), ' ') + ']';
  } else if (const auto* s = n.as_string()) {
    append_json_string(out, s->get());
  } else if (const auto* f = n.as_floating_point()) {
    if (!std::isfinite(f->get())) return void(out += "null");  // JSON has no infinity or NaN
    append_toml_node(out, n);
  } else if (date_time_value dt; read_date_time(n, dt)) {
    append_json_string(out, date_time_text(dt));
  } else {
    append_toml_node(out, n);  // integers and booleans read the same
  }
}

void append_table_json(std::string& out, const any_table& table, int indent) {
  append_json_node(out, table.table(), indent);
}

inline void for_each_node_value(const toml::table& table, std::string& path, void* context,
                                void (*visit)(void*, std::string_view, const std::string&)) {
  for (auto&& [k, v] : table) {
    path_scope scope(path, k.str());
    if (const toml::table* inner = v.as_table(); inner && !inner->empty()) {
      for_each_node_value(*inner, path, context, visit);
    } else {
      std::string literal;
      append_toml_node(literal, v);
      visit(context, path, literal);
    }
  }
}

void for_each_table_value(const any_table& table, std::string& path, void* context,
                          void (*visit)(void* context, std::string_view path, const std::string& literal)) {
  for_each_node_value(table.table(), path, context, visit);
}

}  // namespace detail
}  // namespace strata
