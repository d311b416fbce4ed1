// Two fields end up with one key in files: `rust_version` spelled by the
// kebab-case policy and `msrv` renamed to the same key.
#include <strata/load.hpp>

namespace app {
struct Package {
  std::string rust_version;
  strata::annotated<std::string, strata::key<"rust-version">> msrv;
};
BOOST_DESCRIBE_STRUCT(Package, (), (rust_version, msrv))
STRATA_CONFIGURED(Package, {.keys = strata::naming::kebab_case})
}  // namespace app

int main() { return strata::configuration().load<app::Package>().ok() ? 0 : 1; }
