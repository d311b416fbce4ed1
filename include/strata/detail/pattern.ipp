// strata/detail/pattern.ipp: the engine's half of the pattern<"regex">
// annotation (validate/constraints.hpp): a full ECMAScript match, each
// pattern compiled once per program. The only part of the engine that
// needs <regex>, which costs more to compile than anything else in it.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <regex>
#include <string>
#include <string_view>

namespace strata::detail {

bool pattern_matches(std::string_view regex, const std::string& text) {
  static std::mutex mutex;
  // Node-based, so a compiled pattern does not move while others are added
  // and is matched outside the lock; found by a view, without a string.
  static std::map<std::string, const std::regex, std::less<>> compiled;
  const std::regex* re = nullptr;
  {
    std::lock_guard lock(mutex);
    auto it = compiled.find(regex);
    if (it == compiled.end())
      it = compiled.try_emplace(std::string(regex), regex.begin(), regex.end(), std::regex::ECMAScript).first;
    re = &it->second;
  }
  return std::regex_match(text, *re);
}

}  // namespace strata::detail
