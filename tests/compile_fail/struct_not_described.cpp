// The loaded type itself has no BOOST_DESCRIBE_STRUCT.
#include <strata/load.hpp>

namespace app {
struct Plain {
  int port = 8080;
};
}  // namespace app

int main() { return strata::configuration().load<app::Plain>().ok() ? 0 : 1; }
