// headers.warnings: strata instantiated on a representative configuration
// under the warning flags of tests/CMakeLists.txt (-Wshadow -Wconversion
// -Wsign-conversion ... -Werror). Templates only warn when instantiated, so
// compiling each header alone is not enough: this file loads, validates,
// dumps, explains and describes a configuration with every kind of field.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <strata/load.hpp>
#include <strata/runtime/live.hpp>
#include <strata/src.hpp>
#include <strata/tools.hpp>
#include <strata/tools/cli.hpp>

namespace warnings_check {

enum class Level { debug, info, warn };
BOOST_DESCRIBE_ENUM(Level, debug, info, warn)

struct Postgres {
  std::string host = "localhost";
  strata::annotated<std::uint16_t, strata::range<1, 65535>> port = 5432;  // an int constant that fits: no -Wconversion warning, as for a plain field
};
BOOST_DESCRIBE_STRUCT(Postgres, (), (host, port))
struct Sqlite {
  std::string path = "app.db";
};
BOOST_DESCRIBE_STRUCT(Sqlite, (), (path))

struct Pool {
  strata::annotated<int, strata::range<0, 100>> min = 1;
  strata::annotated<std::int64_t, strata::min<1>> max = 10;
  strata::annotated<double, strata::gt<0>, strata::lt<1>> ratio = 0.5;
  strata::annotated<float, strata::range<0.0, 10.0>> weight = 1.0f;
  std::uint8_t small = 3;
  std::int16_t mid = -4;
  std::size_t count = 2;

  void validate(strata::validation& v) const {
    if (*min > *max) v.error("min", "must not exceed max");
  }
};
BOOST_DESCRIBE_STRUCT(Pool, (), (min, max, ratio, weight, small, mid, count))

struct Service {
  strata::annotated<std::string, strata::length<1, 63>, strata::pattern<"[a-z]+">> name = "svc";
  strata::annotated<std::string, strata::secret, strata::min_length<8>> password = "changeme!";
  strata::annotated<int, strata::value<60>> timeout;
  strata::annotated<int, strata::one_of<1, 2, 4>> shards = 1;
  strata::annotated<std::chrono::seconds, strata::max<300>> grace{30};
  std::chrono::milliseconds read_timeout{2500};
  Level level = Level::info;
  std::vector<std::string> origins = {"https://example.com"};
  std::map<std::string, int> limits;
  std::optional<std::int32_t> retries;
  strata::annotated<std::variant<Postgres, Sqlite>, strata::discriminator<"kind">> db;
  Pool pool;
};
BOOST_DESCRIBE_STRUCT(Service, (), (name, password, timeout, shards, grace, read_timeout, level, origins,
                                    limits, retries, db, pool))
STRATA_CONFIGURED(Service, {.prefix = "APP_", .section = "service"})

[[maybe_unused]] int instantiate(int argc, char** argv) {
  auto ctx = strata::configuration(strata::toml_text("[service]\nshards = 2\n", "inline"), strata::env(),
                                   strata::args(argc, argv));
  strata::result<Service> r = ctx.load<Service>();
  std::string out = strata::format(r.diagnostics()) + strata::to_json(r.diagnostics());
  if (r.ok()) {
    out += strata::to_toml(*r) + strata::to_json(*r) + strata::explain(r);
    out += r.origin_of("service.pool.min").name;
  }
  out += strata::json_schema<Service>() + strata::env_reference<Service>() + strata::sample_toml<Service>();
  Postgres pg;
  pg.port = 6432;  // assignment from an int constant: as quiet as for a plain field
  out += std::to_string(pg.port + 0);
  strata::live<Service> live{ctx};
  out += std::to_string(*live.get()->pool.min);
  return static_cast<int>(out.size() % 2) +
         strata::cli::run<Service>(argc, argv, [](const strata::cli::options& o) {
           return strata::cli::layered(std::tuple{strata::env()}, o.files, std::tuple{});
         });
}

}  // namespace warnings_check
