// Loads the proxy configuration (TOML + env) with two custom types, then a
// broken variant of it, and prints what happened.
#include "units.hpp"

#include <strata/load.hpp>
#include <strata/src.hpp>  // the engine: in one source file of the program

#include <cstdio>

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "examples/custom_types";
  using vars = std::map<std::string, std::string>;

  auto good = strata::configuration(strata::toml_file(dir + "/proxy.toml"),
                                    strata::env(vars{{"PROXY_MAX_BODY", "50MB"}}))
                  .load<proxy::Config>();
  if (!good.ok()) {
    std::fputs(strata::format(good.diagnostics()).c_str(), stderr);
    return 1;
  }
  const proxy::Config& cfg = good.value();
  std::printf("listen    %s\n", strata::codec<proxy::Endpoint>::format(cfg.listen).c_str());
  std::printf("upstream  %s\n", strata::codec<proxy::Endpoint>::format(*cfg.upstream).c_str());
  for (const auto& m : cfg.mirrors) std::printf("mirror    %s\n", strata::codec<proxy::Endpoint>::format(m).c_str());
  std::printf("max_body  %s (%llu bytes, from %s)\n\n", strata::codec<proxy::ByteSize>::format(*cfg.max_body).c_str(),
              static_cast<unsigned long long>(cfg.max_body->bytes), strata::to_string(good.origin_of("max_body")).c_str());

  auto bad = strata::configuration(strata::toml_text(R"(upstream = "backend"
mirrors = ["m1:80", "m2:99999"]
max_body = "2GiB"
)",
                                                     "broken-proxy.toml"))
                 .load<proxy::Config>();
  std::printf("broken-proxy.toml:\n%s", strata::format(bad.diagnostics()).c_str());
  return bad.ok() ? 1 : 0;
}
