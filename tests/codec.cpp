// User types through strata::codec<T>: an endpoint and a byte size.
#include <doctest/doctest.h>

#include <strata/strata.hpp>

#include <charconv>
#include <optional>

namespace net {
struct Endpoint {
  std::string host;
  int port = 0;
  bool operator==(const Endpoint&) const = default;
};
}  // namespace net

template <>
struct strata::codec<net::Endpoint> {
  static std::optional<net::Endpoint> parse(std::string_view text, std::string& error) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
      error = "expected host:port";
      return std::nullopt;
    }
    net::Endpoint e{std::string(text.substr(0, colon)), 0};
    auto [end, ec] = std::from_chars(text.data() + colon + 1, text.data() + text.size(), e.port);
    if (ec != std::errc{} || end != text.data() + text.size() || e.port < 1 || e.port > 65535) {
      error = "the port must be a number in [1, 65535]";
      return std::nullopt;
    }
    return e;
  }
  static std::string format(const net::Endpoint& e) { return e.host + ":" + std::to_string(e.port); }
};

namespace app {
struct Proxy {
  net::Endpoint upstream{"localhost", 80};
  std::vector<net::Endpoint> peers;
  strata::annotated<net::Endpoint, strata::required> admin;
};
BOOST_DESCRIBE_STRUCT(Proxy, (), (upstream, peers, admin))
STRATA_CONFIGURED(Proxy, {.prefix = "PX_"})
}  // namespace app

#include <strata/load.hpp>

TEST_CASE("a codec type reads TOML strings") {
  auto r = strata::configuration(strata::toml_text(R"(upstream = "api.internal:8443"
peers = ["a:1", "b:2"]
admin = "127.0.0.1:9000")",
                                                   "proxy.toml"))
               .load<app::Proxy>();
  REQUIRE(r.ok());
  CHECK(r.value().upstream == net::Endpoint{"api.internal", 8443});
  CHECK(r.value().peers.size() == 2);
  CHECK(r.value().admin->port == 9000);
}

TEST_CASE("a codec's error message and the element path are reported") {
  auto r = strata::configuration(strata::toml_text("peers = [\"a:1\", \"nope\"]\nadmin = \"x:1\"\n", "proxy.toml"))
               .load<app::Proxy>();
  REQUIRE(r.errors().size() == 1);
  CHECK(r.errors()[0].path == "peers[1]");
  CHECK(r.errors()[0].message == "'nope' is not valid: expected host:port");
  CHECK(r.errors()[0].origin.line == 1);
}

TEST_CASE("a codec type reads env text") {
  using vars = std::map<std::string, std::string>;
  auto r = strata::configuration(strata::env(vars{{"PX_UPSTREAM", "up:81"}, {"PX_ADMIN", "adm:2"}})).load<app::Proxy>();
  REQUIRE(r.ok());
  CHECK(r.value().upstream == net::Endpoint{"up", 81});
  CHECK(r.origin_of("upstream").name == "PX_UPSTREAM");
}

TEST_CASE("a required codec field must be set") {
  auto r = strata::configuration().load<app::Proxy>();
  REQUIRE(r.errors().size() == 1);
  CHECK(r.errors()[0].path == "admin");
}

TEST_CASE("a codec value fails a type check like any scalar") {
  auto r = strata::configuration(strata::toml_text("admin = true\n", "proxy.toml")).load<app::Proxy>();
  REQUIRE(r.errors().size() == 1);
  CHECK(r.errors()[0].message == "expected a string, got a boolean");
}
