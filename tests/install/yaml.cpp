// Loads YAML through the installed package's yaml component; exits non-zero
// if anything about the load is off.
#include <strata/load.hpp>
#include <strata/sources/yaml.hpp>
#include <strata/src.hpp>  // the engine: in one source file of the program

#include <cstdio>

namespace consumer {
struct Server {
  std::string host = "localhost";
  strata::annotated<int, strata::range<1, 65535>> port = 8080;
};
BOOST_DESCRIBE_STRUCT(Server, (), (host, port))
STRATA_CONFIGURED(Server, {.section = "server"})
}  // namespace consumer

int main() {
  auto ctx = strata::configuration(strata::yaml_text("server:\n  host: example.org\n  port: 9000\n", "inline.yaml"));
  auto loaded = ctx.load<consumer::Server>();
  if (!loaded.ok() || loaded.value().port != 9000 || loaded.value().host != "example.org") {
    std::fputs(strata::format(loaded.diagnostics()).c_str(), stderr);
    return 1;
  }
  std::printf("consumer_yaml: installed strata loaded server.port = %d from YAML\n", loaded.value().port.value());
  return 0;
}
