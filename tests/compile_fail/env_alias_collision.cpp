// An alias that equals another field's derived name: APP_PORT.
#include <strata/load.hpp>

namespace app {
struct Service {
  int port = 1;
  strata::annotated<int, strata::env_alias<"APP_PORT">> admin_port = 2;
};
BOOST_DESCRIBE_STRUCT(Service, (), (port, admin_port))
STRATA_CONFIGURED(Service, {.prefix = "APP_"})
}  // namespace app

int main() { return strata::configuration().load<app::Service>().ok() ? 0 : 1; }
