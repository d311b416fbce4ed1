// examples/custom_source: a configuration read from JSON through a source
// written on strata's public interface (json_source.hpp), composed with a
// TOML file and the environment.
//   custom_source <configs-dir>
// Loads service.json (valid: prints every value with its origin) and
// broken.json (invalid: prints the report); exits 0 when both behave.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <boost/json/src.hpp>  // Boost.JSON, compiled here (header-only mode)
#include <strata/load.hpp>
#include <strata/src.hpp>  // strata's engine: in one source file of the program
#include <strata/tools.hpp>

#include "json_source.hpp"

namespace inventory {

struct Db {
  std::string host;
  strata::annotated<int, strata::range<1, 64>> pool = 8;
  strata::annotated<std::string, strata::secret> password;
};
BOOST_DESCRIBE_STRUCT(Db, (), (host, pool, password))

struct Service {
  strata::annotated<std::string, strata::non_empty> name = "service";
  strata::annotated<int, strata::range<1, 65535>> port = 8080;
  std::vector<std::string> origins;
  Db db;
};
BOOST_DESCRIBE_STRUCT(Service, (), (name, port, origins, db))
STRATA_CONFIGURED(Service, {.prefix = "INVENTORY_", .mapping = strata::mapping::tree})

}  // namespace inventory

int main(int argc, char** argv) {
  const std::filesystem::path dir = argc > 1 ? argv[1] : "examples/custom_source/configs";
  const std::map<std::string, std::string> environment = {{"DB_PASSWORD", "example-only-password"},
                                                          {"INVENTORY_PORT", "9443"}};

  auto good = strata::configuration(json_source::json_file(dir / "service.json"), strata::env(environment))
                  .load<inventory::Service>();
  std::fputs(strata::explain(good).c_str(), stdout);
  if (!good.ok()) {
    std::fputs(strata::format(good.diagnostics()).c_str(), stderr);
    return 1;
  }

  auto bad = strata::configuration(json_source::json_file(dir / "broken.json")).load<inventory::Service>();
  std::printf("\nbroken.json:\n%s", strata::format(bad.diagnostics()).c_str());
  return bad.ok() ? 1 : 0;
}
