// A value<> constant must have the field's type: a string cannot pin an int.
#include <strata/load.hpp>

namespace app {
struct Server {
  strata::annotated<int, strata::value<"8080">> port;
};
BOOST_DESCRIBE_STRUCT(Server, (), (port))
}  // namespace app

int main() { return strata::configuration().load<app::Server>().ok() ? 0 : 1; }
