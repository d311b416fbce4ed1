// Two fields derive APP_DB_HOST under flat mapping: `db_host` and `db.host`.
#include <strata/load.hpp>

namespace app {
struct Db {
  std::string host;
};
BOOST_DESCRIBE_STRUCT(Db, (), (host))
struct Service {
  std::string db_host;
  Db db;
};
BOOST_DESCRIBE_STRUCT(Service, (), (db_host, db))
STRATA_CONFIGURED(Service, {.prefix = "APP_", .mapping = strata::mapping::flat})
}  // namespace app

int main() { return strata::configuration().load<app::Service>().ok() ? 0 : 1; }
