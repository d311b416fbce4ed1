// A constructor parameter the container cannot supply (here an int: it is
// neither a configuration nor a component) is a compile-time error that
// names the component and the parameter type.
#include <strata/load.hpp>
#include <strata/runtime/container.hpp>

namespace app {
struct DbCfg {
  std::string host = "localhost";
};
BOOST_DESCRIBE_STRUCT(DbCfg, (), (host))

struct Repository {
  Repository(const DbCfg& db, int pool_size) : host(db.host), pool_size(pool_size) {}
  std::string host;
  int pool_size;
};

struct Service {
  explicit Service(Repository& repo) : repo(repo) {}
  Repository& repo;
};
}  // namespace app

int main() {
  strata::container c{strata::configuration()};
  return c.get<app::Service>().repo.pool_size;
}
