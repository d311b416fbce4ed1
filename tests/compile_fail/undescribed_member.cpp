// BOOST_DESCRIBE_STRUCT must list every member; a forgotten one is a
// compile-time error that names the struct.
#include <strata/load.hpp>

namespace app {
struct Listener {
  std::string host = "0.0.0.0";
  int port = 8000;  // not listed below
  bool debug = false;
};
BOOST_DESCRIBE_STRUCT(Listener, (), (host, debug))
}  // namespace app

int main() { return strata::configuration().load<app::Listener>().ok() ? 0 : 1; }
