// strata/detail/pattern.ipp: the engine's half of the pattern<"regex">
// annotation (validate/constraints.hpp): a full ECMAScript match, each
// pattern compiled once per program. The only part of the engine that
// needs a regex engine, which costs more to compile than anything else in it.
//
// Boost.Regex, not <regex>: libstdc++'s std::regex_match recurses once per
// character, so a long value (60,000 characters from an env variable) blew
// the stack. Boost.Regex (header-only since 1.76) matches without recursion
// and gives up with an exception past its complexity limit, which strata
// reports as an error instead of hanging or crashing.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/regex.hpp>

namespace strata::detail {

namespace {
thread_local bool pattern_gave_up_here = false;
}

bool pattern_matches(std::string_view regex, const std::string& text) {
  static std::mutex mutex;
  // Node-based, so a compiled pattern does not move while others are added
  // and is matched outside the lock; found by a view, without a string.
  static std::map<std::string, const boost::regex, std::less<>> compiled;
  pattern_gave_up_here = false;
  const boost::regex* re = nullptr;
  try {
    std::lock_guard lock(mutex);
    auto it = compiled.find(regex);
    if (it == compiled.end())
      it = compiled.try_emplace(std::string(regex), regex.begin(), regex.end(), boost::regex::ECMAScript).first;
    re = &it->second;
  } catch (const std::exception&) {  // boost::regex_error: checked at compile time by valid.hpp, so rare
    pattern_gave_up_here = true;
    return false;
  }
  try {
    return boost::regex_match(text, *re);
  } catch (const std::exception&) {  // boost::regex_error / std::runtime_error: complexity or memory limit
    pattern_gave_up_here = true;
    return false;
  }
}

bool pattern_gave_up() { return pattern_gave_up_here; }

}  // namespace strata::detail
