// value<> on a variant pins an alternative by its tag; "mysql" is none.
#include <strata/load.hpp>

namespace app {
struct Postgres {
  std::string host;
};
BOOST_DESCRIBE_STRUCT(Postgres, (), (host))
struct Sqlite {
  std::string path;
};
BOOST_DESCRIBE_STRUCT(Sqlite, (), (path))
struct Service {
  strata::annotated<std::variant<Postgres, Sqlite>, strata::discriminator<"kind">, strata::value<"mysql">> db;
};
BOOST_DESCRIBE_STRUCT(Service, (), (db))
}  // namespace app

int main() { return strata::configuration().load<app::Service>().ok() ? 0 : 1; }
