// The control case: the same kind of declarations, all valid, compiled by the
// same command as the compile-fail cases, through every entry point they use
// (load<T>, STRATA_CHECK, check_schema, valid<>()). If this fails, the
// harness (not the schema check) is broken.
#include <strata/check.hpp>
#include <strata/load.hpp>

namespace app {
struct Retry {
  strata::annotated<std::string, strata::pattern<"[0-9]+">> attempts = "3";
};
BOOST_DESCRIBE_STRUCT(Retry, (), (attempts))
STRATA_CHECK(Retry);

struct Node {
  std::string name;
  std::vector<Retry> retries;
};
BOOST_DESCRIBE_STRUCT(Node, (), (name, retries))

struct Server {
  strata::annotated<std::string, strata::min_length<1>> hostname = "localhost";
  strata::annotated<int, strata::range<1, 65535>, strata::value<8080>> port;
  bool debug = false;
  Retry retry;
  Node node;
};
BOOST_DESCRIBE_STRUCT(Server, (), (hostname, port, debug, retry, node))
STRATA_CHECK(Server);

struct Limits {
  strata::annotated<int, strata::range<1, 32>> workers = 4;
};
BOOST_DESCRIBE_STRUCT(Limits, (), (workers))
constexpr Limits kDefaults{};
static_assert(strata::valid<kDefaults>());
}  // namespace app

static_assert(strata::check_schema<app::Server>());

int main() { return strata::configuration().load<app::Server>().ok() ? 0 : 1; }
