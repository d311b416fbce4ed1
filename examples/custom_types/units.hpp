// Two user types plugged into strata through codec<T>: a network endpoint
// ("host:port") and a byte size ("50MB", "1GiB", 1048576).
#pragma once

#include <strata/strata.hpp>

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>

namespace proxy {

struct Endpoint {
  std::string host;
  int port = 0;
  bool operator==(const Endpoint&) const = default;
};

struct ByteSize {
  std::uint64_t bytes = 0;
  bool operator==(const ByteSize&) const = default;
};

}  // namespace proxy

template <>
struct strata::codec<proxy::Endpoint> {
  static std::optional<proxy::Endpoint> parse(std::string_view text, std::string& error) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
      error = "expected host:port";
      return std::nullopt;
    }
    proxy::Endpoint e{std::string(text.substr(0, colon)), 0};
    const char* first = text.data() + colon + 1;
    const char* last = text.data() + text.size();
    auto [end, ec] = std::from_chars(first, last, e.port);
    if (ec != std::errc{} || end != last || e.port < 1 || e.port > 65535) {
      error = "the port must be a number in [1, 65535]";
      return std::nullopt;
    }
    return e;
  }
  static std::string format(const proxy::Endpoint& e) { return e.host + ":" + std::to_string(e.port); }
};

template <>
struct strata::codec<proxy::ByteSize> {
  struct unit {
    std::string_view suffix;
    std::uint64_t factor;
  };
  // Longest suffixes first so "MiB" is not read as "B".
  static constexpr unit units[] = {{"KiB", 1ull << 10}, {"MiB", 1ull << 20}, {"GiB", 1ull << 30}, {"TiB", 1ull << 40},
                                   {"KB", 1'000},       {"MB", 1'000'000},   {"GB", 1'000'000'000},
                                   {"TB", 1'000'000'000'000},                {"B", 1}};

  static std::optional<proxy::ByteSize> parse(std::string_view text, std::string& error) {
    std::uint64_t count = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
    if (ec != std::errc{} || end == text.data()) {
      error = "expected a size such as 512KB, 50MB or 1GiB";
      return std::nullopt;
    }
    const std::string_view suffix(end, static_cast<std::size_t>(text.data() + text.size() - end));
    std::uint64_t factor = suffix.empty() ? 1 : 0;
    for (const unit& u : units)
      if (u.suffix == suffix) factor = u.factor;
    if (factor == 0) {
      error = "unknown unit '" + std::string(suffix) + "' (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)";
      return std::nullopt;
    }
    if (count > std::numeric_limits<std::uint64_t>::max() / factor) {
      error = "too large";
      return std::nullopt;
    }
    return proxy::ByteSize{count * factor};
  }

  static std::string format(const proxy::ByteSize& size) {
    for (const unit& u : units)
      if (u.factor > 1 && size.bytes != 0 && size.bytes % u.factor == 0 && size.bytes / u.factor < 1024)
        return std::to_string(size.bytes / u.factor) + std::string(u.suffix);
    return std::to_string(size.bytes) + "B";
  }
};

namespace proxy {

// A predicate used in a header is named by an inline variable: a lambda
// written inside the annotation would give the struct internal linkage
// (g++ warns with -Wsubobject-linkage).
inline constexpr auto at_most_1gib = [](const ByteSize& s) { return s.bytes <= (1ull << 30); };

struct Config {
  Endpoint listen{"0.0.0.0", 8080};
  strata::annotated<Endpoint, strata::required, strata::doc<"where requests go">> upstream;
  std::vector<Endpoint> mirrors;
  strata::annotated<ByteSize, strata::check<at_most_1gib, "must be at most 1GiB">> max_body{ByteSize{1'000'000}};
};
BOOST_DESCRIBE_STRUCT(Config, (), (listen, upstream, mirrors, max_body))
STRATA_CONFIGURED(Config, {.prefix = "PROXY_"})

}  // namespace proxy
