// strata/detail/capped.hpp: input text as a message shows it. Keys, names
// and values come from files, the environment and arguments, some hostile;
// a report must stay short, valid UTF-8 and inert on a terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <strata/detail/cold.hpp>
#include <strata/detail/utf8.hpp>

namespace strata::detail {

/// How much of one text from the input a message shows, in bytes.
inline constexpr std::size_t shown_text_limit = 80;

/// Text as a report shows it: control characters and bytes that are not
/// UTF-8 written as `\xNN`, so that the report is valid UTF-8 and cannot
/// drive the terminal it is printed on; past `limit` bytes, the rest is
/// replaced by "… (N characters)". A report keeps its own line breaks
/// (`newlines`); text quoted from the input does not.
enum class newlines : bool { escaped, kept };
STRATA_COLD inline std::string inert(std::string_view text, std::size_t limit = std::string_view::npos,
                                     newlines lines = newlines::escaped) {
  std::string shown;
  std::size_t i = 0;
  for (; i < text.size() && i < limit;) {
    const auto b = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0 || (b < 0x20 && !(b == '\n' && lines == newlines::kept)) || b == 0x7F) {
      constexpr char hex[] = "0123456789abcdef";
      shown += {'\\', 'x', hex[b >> 4], hex[b & 15]};
      ++i;
    } else {
      shown.append(text, i, length);
      i += length;
    }
  }
  if (i < text.size()) shown += "… (" + std::to_string(text.size()) + " characters)";
  return shown;
}

/// Text from the input shown in a message (a key, a variable's name, a
/// setting's path, a value that broke a constraint): inert, and at most 80
/// bytes, so that one hostile key of 200,000 characters cannot flood a
/// report.
STRATA_COLD inline std::string capped(std::string_view text) { return inert(text, shown_text_limit); }

}  // namespace strata::detail
