// strata/detail/did_you_mean.hpp: suggestions for misspelled keys, enum
// names and tags.
#pragma once

#include <algorithm>
#include <cctype>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <strata/detail/cold.hpp>

namespace strata::detail {

/// Optimal string alignment distance (Levenshtein plus adjacent swaps),
/// case-insensitive: "prot" is one edit from "port".
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[m];
}

/// The closest candidate within a third of the word's length (at least one
/// edit); failing that, the one candidate the word is a prefix of ("syslog"
/// for "syslog_sink"); "" when nothing is a plausible typo.
STRATA_COLD inline std::string closest(std::string_view word, std::span<const std::string_view> candidates) {
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  std::string prefixed;
  std::size_t prefixed_count = 0;
  for (const std::string_view candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
    if (word.size() >= 3 && candidate.size() > word.size() &&
        edit_distance(word, candidate.substr(0, word.size())) == 0) {
      prefixed = std::string(candidate);
      ++prefixed_count;
    }
  }
  if (best.empty() && prefixed_count == 1) return prefixed;
  return best;
}

/// "'a', 'b', 'c'" for error messages that list the valid choices.
STRATA_COLD inline std::string quoted_list(std::span<const std::string_view> items) {
  std::string out;
  for (const std::string_view item : items) {
    if (!out.empty()) out += ", ";
    out += '\'';
    out += item;
    out += '\'';
  }
  return out;
}

// Any other range of strings (std::vector<std::string>, ...) is seen as views
// first: one definition of each serves every range, where a template would
// be compiled again for every enum's std::array size.

template <class Range>
  requires(!std::is_convertible_v<const Range&, std::span<const std::string_view>>)
std::string closest(std::string_view word, const Range& candidates) {
  const std::vector<std::string_view> views(std::begin(candidates), std::end(candidates));
  return closest(word, std::span<const std::string_view>(views));
}

template <class Range>
  requires(!std::is_convertible_v<const Range&, std::span<const std::string_view>>)
std::string quoted_list(const Range& items) {
  const std::vector<std::string_view> views(std::begin(items), std::end(items));
  return quoted_list(std::span<const std::string_view>(views));
}

/// "did you mean 'x'?" for the closest candidate; "" when none is close.
inline std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  std::string best = closest(word, candidates);
  return best.empty() ? std::string{} : "did you mean '" + best + "'?";
}

}  // namespace strata::detail
