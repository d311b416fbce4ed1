// strata/detail/json.hpp: JSON string escaping for machine-readable output.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <strata/detail/utf8.hpp>

namespace strata::detail {

/// Appends `s` as a JSON string. A byte that is not UTF-8 (an origin holds
/// a variable's name as the environment gave it) is written as the text
/// `\xNN`, as reports show it, so the output is always valid JSON.
inline void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t length = utf8_sequence_length(s, i);
      if (length == 0) {
        out += "\\\\x";
        out += "0123456789abcdef"[c >> 4];
        out += "0123456789abcdef"[c & 15];
      } else {
        out.append(s, i, length);
        i += length - 1;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7F) {  // DEL is valid JSON, but a report must not drive a terminal
          out += "\\u00";
          out += "0123456789abcdef"[c >> 4];
          out += "0123456789abcdef"[c & 15];
        }
        else out += static_cast<char>(c);
    }
  }
  out += '"';
}

}  // namespace strata::detail
