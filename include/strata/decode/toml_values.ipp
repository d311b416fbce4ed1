// strata/decode/toml_values.ipp: what the decoder needs to know of TOML
// values beyond their type: dates and times as date_time_value (and back
// to RFC 3339 text, for codecs), the shape a shape-selected variant reads
// (of a node, or of bare text), and the merge of free-form tables.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include <strata/decode/date_time.hpp>
#include <strata/decode/text.hpp>
#include <strata/detail/toml.hpp>
#include <strata/schema/shape.hpp>

namespace strata::detail {

/// A TOML date, time or date-time node as a date_time_value; false for other nodes.
inline bool read_date_time(const toml::node& n, date_time_value& v) {
  v = {};
  const auto set_date = [&](const toml::date& d) {
    v.year = d.year, v.month = d.month, v.day = d.day, v.has_date = true;
  };
  const auto set_time = [&](const toml::time& t) {
    v.hour = t.hour, v.minute = t.minute, v.second = t.second, v.nanosecond = t.nanosecond, v.has_time = true;
  };
  if (const auto* d = n.as_date()) {
    set_date(d->get());
  } else if (const auto* t = n.as_time()) {
    set_time(t->get());
  } else if (const auto* dt = n.as_date_time()) {
    set_date(dt->get().date);
    set_time(dt->get().time);
    if (dt->get().offset) v.has_offset = true, v.offset_minutes = dt->get().offset->minutes;
  } else {
    return false;
  }
  return true;
}

/// A date_time_value as RFC 3339 text ("2024-06-17T20:30:46Z"): what a codec receives.
inline std::string date_time_text(const date_time_value& v) {
  std::string out;
  if (v.has_date) {
    append_digits(out, v.year, 4);
    out += '-';
    append_digits(out, v.month, 2);
    out += '-';
    append_digits(out, v.day, 2);
  }
  if (v.has_time) {
    std::string time;
    append_time(time, std::chrono::nanoseconds(((static_cast<long long>(v.hour) * 60 + v.minute) * 60 + v.second) *
                                                   1'000'000'000LL +
                                               v.nanosecond));
    out += v.has_date ? time : time.substr(1);  // a time of day alone has no 'T'
  }
  if (v.has_offset) {
    if (v.offset_minutes == 0) {
      out += 'Z';
    } else {
      const int minutes = v.offset_minutes < 0 ? -v.offset_minutes : v.offset_minutes;
      out += v.offset_minutes < 0 ? '-' : '+';
      append_digits(out, minutes / 60, 2);
      out += ':';
      append_digits(out, minutes % 60, 2);
    }
  }
  return out;
}

/// The shape of a TOML node.
inline value_shape node_shape(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table: return value_shape::table;
    case toml::node_type::array: return value_shape::array;
    case toml::node_type::string: return value_shape::string;
    case toml::node_type::integer: return value_shape::integer;
    case toml::node_type::floating_point: return value_shape::floating;
    case toml::node_type::boolean: return value_shape::boolean;
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time: return value_shape::date_time;
    default: return value_shape::none;
  }
}

/// The shape of the TOML literal bare text spells (`1`, `true`,
/// `2024-06-17`), or string when it spells none.
inline value_shape literal_shape(std::string_view text) {
  const std::string_view t = trim(text);
  if (t.empty() || t.find_first_of("\n\r#=[]{}\"'") != std::string_view::npos) return value_shape::string;
  try {
    const toml::table parsed = toml::parse(std::string("v = ") + std::string(t) + "\n");
    if (const toml::node* v = parsed.get("v"); v && parsed.size() == 1) return node_shape(*v);
  } catch (const toml::parse_error&) {
  }
  return value_shape::string;
}

/// Which alternative of a shape-selected variant reads a value of shape
/// `got`: the one of that shape; an integer goes to a float alternative
/// when there is no integer one.
inline std::size_t alternative_for(const shape& variant, value_shape got) {
  const std::size_t n = variant.alternatives.size();
  for (std::size_t i = 0; i < n; ++i)
    if (value_shape_of(*variant.alternatives[i]) == got) return i;
  if (got == value_shape::integer)
    for (std::size_t i = 0; i < n; ++i)
      if (value_shape_of(*variant.alternatives[i]) == value_shape::floating) return i;
  return n;
}

/// "a string or a table", "a boolean, an integer or a string".
inline std::string accepted_shapes(const shape& variant) {
  std::string out;
  const std::size_t n = variant.alternatives.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += i + 1 == n ? " or " : ", ";
    out += value_shape_name(value_shape_of(*variant.alternatives[i]));
  }
  return out;
}

/// Copies `from` into `into`, key by key: tables merge, anything else replaces.
inline void merge_tables(toml::table& into, const toml::table& from) {
  for (auto&& [key, node] : from) {
    if (const toml::table* t = node.as_table())
      if (toml::table* existing = into.get_as<toml::table>(key)) {
        merge_tables(*existing, *t);
        continue;
      }
    into.insert_or_assign(key, node);
  }
}

}  // namespace strata::detail
