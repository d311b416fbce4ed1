// strata/detail/toml.hpp: toml++ as the compiled library Debian ships, so
// loading translation units do not pay for its implementation.
#pragma once

#ifndef TOML_HEADER_ONLY
#define TOML_HEADER_ONLY 0
#endif
#ifndef TOML_SHARED_LIB
#define TOML_SHARED_LIB 1
#endif
#include <toml++/toml.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace strata::detail {

/// How deep tables and arrays may nest (header and dotted-key segments,
/// brackets and braces together) before strata calls the text hostile.
/// toml++ limits only brackets and braces (256) and recurses on every
/// segment of a dotted key, so `a.b.c....` with 100000 segments overflows
/// the stack: the text is checked before it is parsed.
inline constexpr std::size_t max_nesting_depth = 128;

/// The largest configuration file (or toml_text) strata reads: 16 MiB.
inline constexpr std::size_t max_file_size = std::size_t{16} << 20;

/// An upper bound on how deep the text nests: for each line, the segments of
/// the current `[table]` header plus the dots of the line's dotted keys plus
/// the open brackets and braces. Strings and comments are skipped; a number
/// such as `1.5` is not a dotted key.
inline std::size_t nesting_estimate(std::string_view text);

/// How often `c` occurs in `text`: memchr (vectorized by the C library)
/// skips the runs between them, where a loop would test every byte.
inline std::size_t occurrences(std::string_view text, char c) {
  std::size_t n = 0;
  const char* const end = text.data() + text.size();
  for (const char* p = text.data(); p != end; ++p, ++n) {
    p = static_cast<const char*>(std::memchr(p, c, static_cast<std::size_t>(end - p)));
    if (!p) break;
  }
  return n;
}

/// Whether the text may nest deeper than `limit`. The precise estimate costs
/// a scan with a state machine; most files are ruled out first by cheaper
/// bounds: every bracket or brace anywhere, plus the most dots on one line
/// twice over (a header's and a key's), cannot be exceeded; nor can that
/// with every dot of the text counted, which memchr finds fastest.
inline bool may_nest_deeper(std::string_view text, std::size_t limit) {
  // Cheapest first: every dot of the text on one line.
  const std::size_t brackets = occurrences(text, '[') + occurrences(text, '{');
  if (brackets + 2 * occurrences(text, '.') + 1 <= limit) return false;
  std::size_t line_dots = 0, most_dots = 0;
  for (char c : text) {
    if (c == '.') ++line_dots;
    else if (c == '\n') {
      most_dots = std::max(most_dots, line_dots);
      line_dots = 0;
    }
  }
  most_dots = std::max(most_dots, line_dots);
  if (brackets + 2 * most_dots + 1 <= limit) return false;
  return nesting_estimate(text) > limit;
}

inline std::size_t nesting_estimate(std::string_view text) {
  std::size_t deepest = 0, header = 0, brackets = 0, line_dots = 0, line_brackets = 0, token_dots = 0;
  bool token_numeric = true, token_digit_before_dot = false, in_header = false, line_start = true;
  std::size_t i = 0;
  const auto end_token = [&] {
    // one dot between digits (1.5, 1_000.25e3) is a float, not a key separator
    if (!(token_dots == 1 && token_numeric && token_digit_before_dot)) line_dots += token_dots;
    token_dots = 0;
    token_numeric = true;
    token_digit_before_dot = false;
  };
  const auto end_line = [&] {
    end_token();
    if (in_header) header = line_dots;
    deepest = std::max(deepest, header + line_dots + line_brackets + 1);
    line_dots = 0;
    line_brackets = brackets;
    in_header = false;
    line_start = true;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') {
      end_line();
      ++i;
      continue;
    }
    if (c == '#') {  // a comment runs to the end of the line
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (c == '"' || c == '\'') {  // strings, single or triple quoted; basic ones have escapes
      end_token();
      const std::string_view three = c == '"' ? std::string_view(R"(""")") : std::string_view("'''");
      const bool triple = text.compare(i, 3, three) == 0;
      i += triple ? 3 : 1;
      while (i < text.size()) {
        if (c == '"' && text[i] == '\\') {
          i += 2;
          continue;
        }
        if (!triple && text[i] == '\n') break;  // unterminated: toml++ reports it
        if (text[i] == c && (!triple || text.compare(i, 3, three) == 0)) {
          i += triple ? 3 : 1;
          break;
        }
        if (triple && text[i] == '\n') end_line();
        ++i;
      }
      token_numeric = false;
      continue;
    }
    if (c == '[' && line_start && brackets == 0) {
      in_header = true;
      header = 0;
    } else if ((c == '[' && !in_header) || c == '{') {
      ++brackets;
      line_brackets = std::max(line_brackets, brackets);
    } else if ((c == ']' || c == '}') && !in_header) {
      if (brackets > 0) --brackets;
    }
    if (c == '.') {
      if (token_numeric && i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9') token_digit_before_dot = true;
      ++token_dots;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '=' || c == ',' || c == '[' || c == ']' || c == '{' ||
               c == '}') {
      end_token();
    } else if (!((c >= '0' && c <= '9') || c == '_' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
      token_numeric = false;
    }
    if (c != ' ' && c != '\t') line_start = false;
    ++i;
  }
  end_line();
  return deepest;
}

}  // namespace strata::detail
