// A variant field must say which key selects the alternative.
#include <strata/load.hpp>

namespace app {
struct A {
  int x = 0;
};
BOOST_DESCRIBE_STRUCT(A, (), (x))
struct B {
  int y = 0;
};
BOOST_DESCRIBE_STRUCT(B, (), (y))
struct Service {
  std::variant<A, B> backend;
};
BOOST_DESCRIBE_STRUCT(Service, (), (backend))
}  // namespace app

int main() { return strata::configuration().load<app::Service>().ok() ? 0 : 1; }
