// A value<> constant must satisfy the field's own constraints.
#include <strata/load.hpp>

namespace app {
struct Server {
  std::string host = "0.0.0.0";
  strata::annotated<int, strata::range<1, 65535>, strata::value<70000>> port;
};
BOOST_DESCRIBE_STRUCT(Server, (), (host, port))
}  // namespace app

int main() { return strata::configuration().load<app::Server>().ok() ? 0 : 1; }
