// examples/http/config.hpp: the two configurations of the service, HttpCfg
// and DbCfg (the `@configured` examples of ADR-0010, in C++).
//
// A header like this is included wherever the configuration is *used*, so it
// includes only the cheap declaration header <strata/strata.hpp>: no toml++,
// no {fmt}, no loading machinery. Loading happens in one translation unit
// (main.cpp) that includes <strata/load.hpp>.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <strata/strata.hpp>

namespace service {

enum class LogLevel { trace, debug, info, warn, error };
BOOST_DESCRIBE_ENUM(LogLevel, trace, debug, info, warn, error)

struct Tls {
  bool enabled = false;
  std::filesystem::path cert;
  std::filesystem::path key;

  // Cross-field rule. Paths are relative to this struct: strata reports
  // them as "http.tls.cert".
  void validate(strata::validation& v) const {
    if (!enabled) return;
    if (cert.empty()) v.error("cert", "is required when tls.enabled is true");
    if (key.empty()) v.error("key", "is required when tls.enabled is true");
  }
};
BOOST_DESCRIBE_STRUCT(Tls, (), (enabled, cert, key))

struct HttpCfg {
  strata::annotated<std::string, strata::non_empty, strata::doc<"interface to listen on">> host = "0.0.0.0";
  strata::annotated<int, strata::range<1, 65535>, strata::doc<"listen port">> port = 8000;
  // Pinned constant: always 60, whatever a file says (a file that sets it
  // gets a warning). Leave it without an initializer: the pin provides it.
  strata::annotated<int, strata::value<60>, strata::doc<"request timeout in seconds">> timeout;
  strata::annotated<int, strata::range<1, 256>> workers = 4;
  std::chrono::milliseconds read_timeout{2500};
  LogLevel log_level = LogLevel::info;
  bool debug = false;
  std::vector<std::string> origins;  // CORS; a higher layer replaces the list whole
  Tls tls;

  void validate(strata::validation& v) const {
    if (read_timeout >= std::chrono::seconds(*timeout))
      v.error("read_timeout", "must be shorter than the request timeout (60s)");
    if (debug && *host == "0.0.0.0")
      v.warning("debug", "debug mode is on while listening on every interface");
  }
};
BOOST_DESCRIBE_STRUCT(HttpCfg, (),
                      (host, port, timeout, workers, read_timeout, log_level, debug, origins, tls))
STRATA_CONFIGURED(HttpCfg, {.prefix = "APP_HTTP_", .mapping = strata::mapping::tree, .section = "http"})

enum class SslMode { disable, prefer, require, verify_full };
BOOST_DESCRIBE_ENUM(SslMode, disable, prefer, require, verify_full)

struct DbCfg {
  strata::annotated<std::string, strata::non_empty> host = "localhost";
  strata::annotated<std::uint16_t, strata::min<1>> port = 5432;  // uint16_t: 70000 cannot wrap
  strata::annotated<std::string, strata::required, strata::pattern<"[a-z_][a-z0-9_]*">,
                    strata::doc<"database name">>
      name;
  strata::annotated<std::string, strata::length<1, 63>> user = "app";
  strata::annotated<std::string, strata::secret, strata::required, strata::min_length<12>> password;
  strata::annotated<int, strata::range<0, 100>> pool_min = 1;
  strata::annotated<int, strata::range<1, 100>> pool_size = 10;
  std::chrono::seconds connect_timeout{5};
  SslMode ssl_mode = SslMode::prefer;
  std::map<std::string, std::string> options;  // extra driver options; tables merge key by key

  void validate(strata::validation& v) const {
    if (*pool_min > *pool_size)
      v.error("pool_min", "must not exceed pool_size (" + std::to_string(*pool_size) + ")");
    if (ssl_mode == SslMode::disable && *host != "localhost")
      v.warning("ssl_mode", "TLS is disabled for a remote database host");
  }
};
BOOST_DESCRIBE_STRUCT(DbCfg, (),
                      (host, port, name, user, password, pool_min, pool_size, connect_timeout, ssl_mode, options))
STRATA_CONFIGURED(DbCfg, {.prefix = "APP_DB_", .section = "db"})

}  // namespace service
