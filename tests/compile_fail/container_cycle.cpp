// A dependency cycle the compiler can see (Scheduler needs Worker, Worker
// needs Scheduler) is a compile-time error whose template arguments are the
// chain: dependency_cycle_chain<app::Scheduler, app::Worker, app::Scheduler>.
#include <strata/load.hpp>
#include <strata/runtime/container.hpp>

namespace app {
struct Worker;

struct Scheduler {
  explicit Scheduler(Worker& worker) : worker(worker) {}
  Worker& worker;
};

struct Worker {
  explicit Worker(std::shared_ptr<Scheduler> scheduler) : scheduler(std::move(scheduler)) {}
  std::shared_ptr<Scheduler> scheduler;
};

struct Api {
  explicit Api(Scheduler& scheduler) : scheduler(scheduler) {}
  Scheduler& scheduler;
};
}  // namespace app

int main() {
  strata::container c{strata::configuration()};
  return c.validate<app::Api>().empty() ? 0 : 1;
}
