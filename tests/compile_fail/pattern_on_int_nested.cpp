// The schema check walks nested structs: pattern<> on an int inside a nested
// struct is a compile-time error that names the nested field.
#include <strata/load.hpp>

namespace app {
struct Retry {
  strata::annotated<int, strata::pattern<"[0-9]+">> attempts = 3;
};
BOOST_DESCRIBE_STRUCT(Retry, (), (attempts))

struct Client {
  std::string url = "http://localhost";
  Retry retry;
};
BOOST_DESCRIBE_STRUCT(Client, (), (url, retry))
}  // namespace app

int main() { return strata::configuration().load<app::Client>().ok() ? 0 : 1; }
