// Two alternatives answer to the tag "pg": the message names both types.
#include <strata/load.hpp>

namespace app {
struct Postgres {
  static constexpr std::string_view tag = "pg";
  std::string host;
};
BOOST_DESCRIBE_STRUCT(Postgres, (), (host))
struct Pg {
  std::string dsn;
};
BOOST_DESCRIBE_STRUCT(Pg, (), (dsn))
struct Service {
  strata::annotated<std::variant<Postgres, Pg>, strata::discriminator<"kind">> db;
};
BOOST_DESCRIBE_STRUCT(Service, (), (db))
}  // namespace app

int main() { return strata::configuration().load<app::Service>().ok() ? 0 : 1; }
