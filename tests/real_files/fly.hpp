// Fly.io's fly.toml, as https://fly.io/docs/reference/configuration/
// documents it (the settings an app of this shape uses).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <strata/strata.hpp>

namespace fly {
using namespace std::chrono_literals;

enum class Signal { SIGINT, SIGTERM, SIGQUIT, SIGUSR1, SIGUSR2, SIGKILL, SIGSTOP };
BOOST_DESCRIBE_ENUM(Signal, SIGINT, SIGTERM, SIGQUIT, SIGUSR1, SIGUSR2, SIGKILL, SIGSTOP)

enum class Protocol { tcp, udp };
BOOST_DESCRIBE_ENUM(Protocol, tcp, udp)

enum class Handler { http, tls, proxy_proto, pg_tls, edge_http };
BOOST_DESCRIBE_ENUM(Handler, http, tls, proxy_proto, pg_tls, edge_http)

enum class Strategy { canary, rolling, bluegreen, immediate };
BOOST_DESCRIBE_ENUM(Strategy, canary, rolling, bluegreen, immediate)

enum class ConcurrencyType { connections, requests };
BOOST_DESCRIBE_ENUM(ConcurrencyType, connections, requests)

struct Experimental {
  bool auto_rollback = false;
  std::vector<std::string> cmd;
  std::vector<std::string> entrypoint;
  bool enable_consul = false;
};
BOOST_DESCRIBE_STRUCT(Experimental, (), (auto_rollback, cmd, entrypoint, enable_consul))

struct Build {
  std::string builder;
  std::string image;
  std::string dockerfile;
  std::map<std::string, std::string> args;
};
BOOST_DESCRIBE_STRUCT(Build, (), (builder, image, dockerfile, args))

struct Deploy {
  std::string release_command;
  std::optional<Strategy> strategy;
  strata::annotated<std::chrono::seconds, strata::duration_unit<std::chrono::seconds>> wait_timeout{300s};
};
BOOST_DESCRIBE_STRUCT(Deploy, (), (release_command, strategy, wait_timeout))

struct Port {
  strata::annotated<int, strata::range<0, 65535>> port = 0;
  std::vector<Handler> handlers;
  bool force_https = false;
};
BOOST_DESCRIBE_STRUCT(Port, (), (port, handlers, force_https))

struct Concurrency {
  ConcurrencyType type = ConcurrencyType::connections;
  strata::annotated<int, strata::min<1>> hard_limit = 25;
  strata::annotated<int, strata::min<1>> soft_limit = 20;
  void validate(strata::validation& v) const {
    if (!v.failed("soft_limit") && !v.failed("hard_limit") && *soft_limit > *hard_limit)
      v.error("soft_limit", "must not exceed hard_limit");
  }
};
BOOST_DESCRIBE_STRUCT(Concurrency, (), (type, hard_limit, soft_limit))

struct TcpCheck {
  std::chrono::milliseconds interval{15s};
  std::chrono::milliseconds timeout{2s};
  std::chrono::milliseconds grace_period{1s};
  int restart_limit = 0;
};
BOOST_DESCRIBE_STRUCT(TcpCheck, (), (interval, timeout, grace_period, restart_limit))

struct Service {
  Protocol protocol = Protocol::tcp;
  strata::annotated<int, strata::range<1, 65535>> internal_port = 8080;
  std::vector<std::string> processes;
  std::vector<Port> ports;
  Concurrency concurrency;
  std::vector<TcpCheck> tcp_checks;
};
BOOST_DESCRIBE_STRUCT(Service, (), (protocol, internal_port, processes, ports, concurrency, tcp_checks))

struct App {
  strata::annotated<std::string, strata::required, strata::pattern<"[a-z0-9-]+">> app;
  std::string primary_region;
  Signal kill_signal = Signal::SIGINT;
  strata::annotated<std::chrono::seconds, strata::duration_unit<std::chrono::seconds>> kill_timeout{5s};
  std::optional<int> swap_size_mb;
  Experimental experimental;
  Build build;
  Deploy deploy;
  std::map<std::string, std::string> env;
  std::vector<Service> services;
};
BOOST_DESCRIBE_STRUCT(App, (), (app, primary_region, kill_signal, kill_timeout, swap_size_mb, experimental, build,
                                deploy, env, services))
}  // namespace fly
