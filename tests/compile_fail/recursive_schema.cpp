// A struct that holds itself (here through another struct) has no finite
// schema. STRATA_CHECK reports it where the structs are declared.
#include <strata/check.hpp>

namespace app {
struct Node;
struct Edge {
  std::vector<Node> to;
};
BOOST_DESCRIBE_STRUCT(Edge, (), (to))
struct Node {
  std::string name;
  std::vector<Edge> edges;
};
BOOST_DESCRIBE_STRUCT(Node, (), (name, edges))
STRATA_CHECK(Node);
}  // namespace app
