// discriminator<> selects a variant's alternative; on a string it is a
// compile-time error naming the field.
#include <strata/load.hpp>

namespace app {
struct Service {
  strata::annotated<std::string, strata::discriminator<"kind">> backend = "memory";
};
BOOST_DESCRIBE_STRUCT(Service, (), (backend))
}  // namespace app

int main() { return strata::configuration().load<app::Service>().ok() ? 0 : 1; }
