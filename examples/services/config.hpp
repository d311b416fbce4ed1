// examples/services/config.hpp: the two configurations of the service graph.
// Like any header that declares configuration, it includes only the cheap
// declaration header <strata/strata.hpp>.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <strata/strata.hpp>

namespace shop {

struct HttpCfg {
  strata::annotated<std::string, strata::non_empty, strata::doc<"interface to listen on">> host = "0.0.0.0";
  strata::annotated<int, strata::range<1, 65535>, strata::doc<"listen port">> port = 8000;
  strata::annotated<int, strata::range<1, 256>> workers = 4;
  std::chrono::milliseconds request_timeout{5000};
};
BOOST_DESCRIBE_STRUCT(HttpCfg, (), (host, port, workers, request_timeout))
STRATA_CONFIGURED(HttpCfg, {.prefix = "APP_HTTP_", .section = "http"})

struct DbCfg {
  strata::annotated<std::string, strata::non_empty> host = "localhost";
  strata::annotated<std::uint16_t, strata::min<1>> port = 5432;
  strata::annotated<std::string, strata::required, strata::pattern<"[a-z_][a-z0-9_]*">> name;
  strata::annotated<std::string, strata::length<1, 63>> user = "app";
  strata::annotated<std::string, strata::secret, strata::required, strata::min_length<12>> password;
  strata::annotated<int, strata::range<1, 100>> pool_size = 10;

  void validate(strata::validation& v) const {
    if (*pool_size > 50 && *host == "localhost")
      v.warning("pool_size", "a pool this large against a local database is unusual");
  }
};
BOOST_DESCRIBE_STRUCT(DbCfg, (), (host, port, name, user, password, pool_size))
STRATA_CONFIGURED(DbCfg, {.prefix = "APP_DB_", .section = "db"})

}  // namespace shop
