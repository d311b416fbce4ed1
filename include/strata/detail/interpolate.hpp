// strata/detail/interpolate.hpp: `${VAR}`, `${VAR:default}`, `${VAR:?message}`
// and `$${` (a literal `${`) in string values from files.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace strata::detail {

/// How many `${...}` one value may hold before strata calls it hostile.
inline constexpr std::size_t max_interpolations = 64;

struct interpolation {
  std::string text;                    ///< the value with every reference replaced
  std::vector<std::string> variables;  ///< the variables it read, in order
  std::vector<std::string> errors;     ///< one message per unresolved reference
};

/// Whether `text` needs interpolate() at all.
inline bool has_references(std::string_view text) { return text.find("${") != std::string_view::npos; }

inline bool is_variable_name(std::string_view name) {
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return false;
  for (char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

/// Replaces every reference in `text`, reading variables through
/// `lookup(name) -> std::optional<std::string_view>`; never stops at the
/// first problem. Messages name variables, never values.
template <class Lookup>
interpolation interpolate(std::string_view text, const Lookup& lookup) {
  interpolation out;
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      out.text += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {  // the plain run up to the next '$'
      const std::size_t dollar = std::min(text.find('$', i + 1), text.size());
      out.text.append(text, i, dollar - i);
      i = dollar;
      continue;
    }
    const std::size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      out.errors.push_back("'${' is not closed by '}' (write '$${' for a literal '${')");
      out.text += text.substr(i);
      break;
    }
    if (++count > max_interpolations) {
      out.errors.push_back(fmt::format("more than {} ${{...}} references in one value", max_interpolations));
      break;
    }
    const std::string_view body = text.substr(i + 2, close - i - 2);
    i = close + 1;
    const std::size_t colon = body.find(':');
    const std::string_view name = body.substr(0, colon);
    if (!is_variable_name(name)) {
      out.errors.push_back(fmt::format("'${{{}}}' does not name a variable", body));
      continue;
    }
    out.variables.emplace_back(name);
    const std::optional<std::string_view> value = lookup(name);
    const bool empty = !value || value->empty();
    if (colon == std::string_view::npos) {
      if (!value) out.errors.push_back(fmt::format("{} is not set", name));
      else out.text += *value;
    } else if (body.size() > colon + 1 && body[colon + 1] == '?') {
      if (empty) {
        const std::string_view message = body.substr(colon + 2);
        out.errors.push_back(message.empty() ? fmt::format("{} is not set", name)
                                             : fmt::format("{} is not set: {}", name, message));
      } else {
        out.text += *value;
      }
    } else {
      out.text += empty ? body.substr(colon + 1) : *value;
    }
  }
  return out;
}

}  // namespace strata::detail
