// A nested struct without BOOST_DESCRIBE_STRUCT is an unsupported field
// type whose way out is to describe it.
#include <strata/load.hpp>

namespace app {
struct Tls {
  bool enabled = false;
};
struct Server {
  int port = 8080;
  Tls tls;
};
BOOST_DESCRIBE_STRUCT(Server, (), (port, tls))
}  // namespace app

int main() { return strata::configuration().load<app::Server>().ok() ? 0 : 1; }
