// An optional list element: TOML has no null, so an empty element could be
// neither written nor read back. The error names the field, the optional
// part and why.
#include <optional>

#include <strata/load.hpp>

namespace app {
struct Job {
  std::string name = "nightly";
  std::vector<std::optional<int>> retries;
};
BOOST_DESCRIBE_STRUCT(Job, (), (name, retries))
}  // namespace app

int main() { return strata::configuration().load<app::Job>().ok() ? 0 : 1; }
