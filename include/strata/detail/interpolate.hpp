// strata/detail/interpolate.hpp: `${VAR}`, `${VAR:default}` (also written
// `${VAR:-default}`, as in shells and Docker Compose), `${VAR:?message}` and
// `$${` (a literal `${`) in string values from files.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <strata/detail/message.hpp>

namespace strata::detail {

/// How many `${...}` one value may hold before strata calls it hostile.
inline constexpr std::size_t max_interpolations = 64;

/// One reference interpolate() could not resolve: the message (naming
/// variables, never values) and a hint.
struct interpolation_error {
  std::string message;
  std::string hint;
};

/// The hint for `${...}` that may have been meant as text.
inline constexpr std::string_view literal_hint =
    "write $${ for a literal ${ (or mark the field strata::literal, or read the file with strata::no_interpolation)";

/// Whether `text` needs interpolate() at all.
inline bool has_references(std::string_view text) { return text.find("${") != std::string_view::npos; }

inline bool is_variable_name(std::string_view name) {
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return false;
  for (char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

/// Replaces every reference in `text`, reading variables through
/// `lookup(name) -> std::optional<std::string_view>`, and appends the result
/// to `out`. Never stops at the first problem: each unresolved reference
/// adds a message to `errors`, naming variables, never values. Each variable
/// the text references is passed to `on_variable`, in order; which ones they
/// are depends on the text alone, so an origin can list them later.
template <class Lookup, class OnVariable>
void interpolate(std::string_view text, const Lookup& lookup, std::string& out,
                 std::vector<interpolation_error>& errors, OnVariable&& on_variable) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      out += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {  // the plain run up to the next '$'
      const std::size_t dollar = std::min(text.find('$', i + 1), text.size());
      out.append(text, i, dollar - i);
      i = dollar;
      continue;
    }
    const std::size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      errors.push_back({"'${' is not closed by '}'", std::string(literal_hint)});
      out += text.substr(i);
      break;
    }
    if (++count > max_interpolations) {
      errors.push_back(
          {format_message("more than {} ${{...}} references in one value", std::to_string(max_interpolations)), {}});
      break;
    }
    const std::string_view body = text.substr(i + 2, close - i - 2);
    i = close + 1;
    const std::size_t colon = body.find(':');
    const std::string_view name = body.substr(0, colon);
    if (!is_variable_name(name)) {
      // The text is not quoted: it may be part of a secret literal.
      errors.push_back({"a ${...} reference does not name a variable (letters, digits and _)",
                        std::string(literal_hint)});
      continue;
    }
    on_variable(name);
    const std::optional<std::string_view> value = lookup(name);
    const bool empty = !value || value->empty();
    if (colon == std::string_view::npos) {
      if (!value) errors.push_back({format_message("{} is not set", name), std::string(literal_hint)});
      else out += *value;
    } else if (body.size() > colon + 1 && body[colon + 1] == '?') {
      if (empty) {
        const std::string_view message = body.substr(colon + 2);
        errors.push_back({message.empty() ? format_message("{} is not set", name)
                                          : format_message("{} is not set: {}", name, message),
                          {}});
      } else {
        out += *value;
      }
    } else {
      const bool dash = body.size() > colon + 1 && body[colon + 1] == '-';  // `:-` means `:`
      out += empty ? body.substr(colon + 1 + (dash ? 1 : 0)) : *value;
    }
  }
}

/// The variables `text` references, comma-separated: an origin's `via`.
inline std::string referenced_variables(std::string_view text) {
  std::string via, ignored_text;
  std::vector<interpolation_error> ignored_errors;
  interpolate(
      text, [](std::string_view) { return std::optional<std::string_view>(); }, ignored_text, ignored_errors,
      [&](std::string_view name) {
        if (!via.empty()) via += ", ";
        via += name;
      });
  return via;
}

}  // namespace strata::detail
