// A field type strata cannot read: the error names the part that is not
// supported (std::set<int>, inside a vector) and the way out, codec<T>.
#include <set>

#include <strata/load.hpp>

namespace app {
struct Server {
  std::string host = "localhost";
  std::vector<std::set<int>> ports;
};
BOOST_DESCRIBE_STRUCT(Server, (), (host, ports))
}  // namespace app

int main() { return strata::configuration().load<app::Server>().ok() ? 0 : 1; }
