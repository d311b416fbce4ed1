// A described base class that forgets one of its members: the completeness
// check names the base.
#include <strata/load.hpp>

namespace app {
struct Display {
  int width = 80;
  int height = 24;  // not in BOOST_DESCRIBE_STRUCT below
};
BOOST_DESCRIBE_STRUCT(Display, (), (width))
struct Terminal : Display {
  std::string shell = "/bin/sh";
};
BOOST_DESCRIBE_STRUCT(Terminal, (Display), (shell))
}  // namespace app

int main() { return strata::configuration().load<app::Terminal>().ok() ? 0 : 1; }
