// strata::valid<kDefaults>() checks a constant configuration at compile
// time; its failure names the constant, the field and the constraint.
#include <strata/load.hpp>

namespace app {
struct Pool {
  strata::annotated<int, strata::range<1, 64>> size = 8;
};
BOOST_DESCRIBE_STRUCT(Pool, (), (size))
struct Limits {
  strata::annotated<int, strata::range<1, 32>> workers = 4;
  Pool pool;
};
BOOST_DESCRIBE_STRUCT(Limits, (), (workers, pool))

constexpr Limits kDefaults{.workers = 4, .pool = {.size = 100}};
static_assert(strata::valid<kDefaults>());
}  // namespace app

int main() {}
