// range<> bounds numbers and durations; on a std::string field it is a
// compile-time error that names the field.
#include <strata/load.hpp>

namespace app {
struct Server {
  strata::annotated<std::string, strata::range<1, 10>> hostname;
  int workers = 1;
};
BOOST_DESCRIBE_STRUCT(Server, (), (hostname, workers))
}  // namespace app

int main() { return strata::configuration().load<app::Server>().ok() ? 0 : 1; }
