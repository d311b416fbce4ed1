// A std::variant without discriminator is chosen by the shape of the value:
// two alternatives that are both tables cannot be told apart.
#include <strata/load.hpp>

namespace app {
struct Git {
  std::string url;
};
BOOST_DESCRIBE_STRUCT(Git, (), (url))
struct Registry {
  std::string version;
};
BOOST_DESCRIBE_STRUCT(Registry, (), (version))
struct Manifest {
  std::variant<std::string, Git, Registry> dependency;
};
BOOST_DESCRIBE_STRUCT(Manifest, (), (dependency))
}  // namespace app

int main() { return strata::configuration().load<app::Manifest>().ok() ? 0 : 1; }
