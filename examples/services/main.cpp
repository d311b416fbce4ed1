// examples/services/main.cpp: a small service graph wired by
// strata::container from one TOML file plus the environment.
//
//   services <configs-dir> [dotted.path=value ...]
//
//   HttpServer(const HttpCfg&, OrderService&)
//     OrderService(OrderRepository&, std::shared_ptr<const HttpCfg>)
//       OrderRepository(const DbCfg&)
//
// 1. <configs-dir>/app.toml, then the environment (APP_HTTP_PORT=9090,
//    APP_DB_PASSWORD=...), then dotted.path=value arguments: validate the
//    whole graph, then build it with get<HttpServer>() and serve two requests;
// 2. <configs-dir>/broken.toml: validate<HttpServer>() reports every problem
//    of both configurations at once, and get<HttpServer>() builds nothing;
// 3. app.toml with an injected environment: the environment beats the file,
//    and another container has its own singletons.
// Exit 0 when all three behave as described, 1 otherwise. No registration
// anywhere: the constructors are the wiring.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/core.h>

#include <strata/load.hpp>
#include <strata/runtime/container.hpp>

#include "components.hpp"
#include "config.hpp"

namespace {

void rule(std::string_view title) {
  fmt::print("\n== {} {}\n", title, std::string(title.size() < 74 ? 74 - title.size() : 0, '='));
}

bool expect(bool condition, std::string_view what) {
  if (!condition) fmt::print("\nunexpected: {}\n", what);
  return condition;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: {} <configs-dir> [dotted.path=value ...]\n", argc > 0 ? argv[0] : "services");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  bool ok = true;

  // 1. The real thing: file, process environment, arguments.
  {
    const std::filesystem::path file = dir / "app.toml";
    rule(fmt::format("{} + environment + arguments", file.string()));
    strata::container c{strata::configuration(strata::toml_file(file), strata::env(), strata::args(argc, argv))};

    // Every configuration the graph below HttpServer needs (HttpCfg and
    // DbCfg, found at compile time), loaded and checked before anything is built.
    const std::vector<strata::diagnostic> errors = c.validate<shop::HttpServer>();
    if (!errors.empty()) {
      fmt::print("\n{}", strata::format(errors));
      return 1;
    }
    fmt::print("  validate<HttpServer>(): every configuration is valid; components built so far: {}\n",
               shop::built());
    for (const strata::diagnostic& w : c.warnings()) fmt::print("  warning: {}: {}\n", w.path, w.message);

    shop::HttpServer& server = c.get<shop::HttpServer>();
    fmt::print("  get<HttpServer>(): built {} components\n", shop::built());
    fmt::print("  listening on {} with {} workers, request deadline {}\n", server.address(), server.workers(),
               server.orders().deadline());
    fmt::print("  database {}\n", c.get<shop::OrderRepository>().target());
    for (std::string_view request : {"GET /orders/42", "GET /orders/7"})
      fmt::print("  {} -> {}\n", request, server.handle(request));

    ok &= expect(&c.get<shop::HttpServer>() == &server && shop::built() == 3,
                 "the second get<HttpServer>() built something");
    fmt::print("\n  Override without editing the file, e.g.\n    {}=9090 {}_FILE=/run/secrets/db {} {} http.workers=16\n",
               strata::env_name<shop::HttpCfg>("port").view(), strata::env_name<shop::DbCfg>("password").view(),
               argv[0], argv[1]);
  }

  // 2. Broken configurations: all problems of both types in one report, and
  //    no component is built.
  {
    const std::filesystem::path file = dir / "broken.toml";
    rule(fmt::format("{}: every problem at once", file.string()));
    shop::built() = 0;
    strata::container c{strata::configuration(strata::toml_file(file))};
    const std::vector<strata::diagnostic> errors = c.validate<shop::HttpServer>();
    fmt::print("\n{}", strata::format(errors));
    ok &= expect(!errors.empty(), "broken.toml was accepted");
    try {
      (void)c.get<shop::HttpServer>();
      ok &= expect(false, "get<HttpServer>() succeeded over broken.toml");
    } catch (const strata::config_error& e) {
      fmt::print("\n  get<HttpServer>() threw config_error ({} diagnostics); components built: {}\n",
                 e.diagnostics().size(), shop::built());
      ok &= expect(shop::built() == 0, "a component was built from an invalid configuration");
    }
  }

  // 3. The environment beats the file. (Injected here so that the demo does
  //    not depend on the shell; strata::env() reads the real one.)
  {
    const std::filesystem::path file = dir / "app.toml";
    rule(fmt::format("{} + APP_HTTP_PORT=9443 APP_HTTP_WORKERS=2", file.string()));
    shop::built() = 0;
    strata::container c{strata::configuration(
        strata::toml_file(file), strata::env({{"APP_HTTP_PORT", "9443"}, {"APP_HTTP_WORKERS", "2"}}))};
    const shop::HttpServer& server = c.get<shop::HttpServer>();
    fmt::print("  listening on {} with {} workers (built {} components for this container)\n", server.address(),
               server.workers(), shop::built());
    ok &= expect(server.address() == "127.0.0.1:9443" && server.workers() == 2 && shop::built() == 3,
                 "the environment did not override the file");
  }

  fmt::print("\n{}\n", ok ? "app.toml wired, broken.toml rejected before building: as expected."
                          : "the container did not behave as expected.");
  return ok ? 0 : 1;
}
