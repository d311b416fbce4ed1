// Two enumerators spelled the same in files: `if_not_present` by the
// kebab-case policy and `missing` named explicitly.
#include <strata/load.hpp>

namespace app {
enum class PullPolicy { always, if_not_present, missing };
BOOST_DESCRIBE_ENUM(PullPolicy, always, if_not_present, missing)
STRATA_ENUM(PullPolicy, strata::naming::kebab_case, strata::enumerator<PullPolicy::missing, "if-not-present">)
struct Docker {
  PullPolicy pull_policy = PullPolicy::always;
};
BOOST_DESCRIBE_STRUCT(Docker, (), (pull_policy))
}  // namespace app

int main() { return strata::configuration().load<app::Docker>().ok() ? 0 : 1; }
