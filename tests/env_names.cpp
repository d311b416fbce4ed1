// Compile-time names and checks: env_name<T>, check_schema<T>, valid(t).
#include <doctest/doctest.h>

#include <strata/load.hpp>

#include <stdexcept>

namespace names {
struct Db {
  std::string host;
  int port = 5432;
  strata::annotated<std::string, strata::env_alias<"DATABASE_URL", "DB_URL">> url;
};
BOOST_DESCRIBE_STRUCT(Db, (), (host, port, url))

struct Tree {
  std::string host;
  Db db;
  std::vector<std::string> origins;
  std::map<std::string, std::string> labels;
  int default_ = 0;
};
BOOST_DESCRIBE_STRUCT(Tree, (), (host, db, origins, labels, default_))
STRATA_CONFIGURED(Tree, {.prefix = "APP_", .mapping = strata::mapping::tree})

struct Auto {
  std::string host;
  int port = 1;
  std::chrono::seconds timeout{1};
};
BOOST_DESCRIBE_STRUCT(Auto, (), (host, port, timeout))
STRATA_CONFIGURED(Auto, {.prefix = "SVC_"})

struct AutoTree {
  std::optional<int> port;
};
BOOST_DESCRIBE_STRUCT(AutoTree, (), (port))
STRATA_CONFIGURED(AutoTree, {.prefix = "OPT_"})

struct Flat {
  std::string db_host;
  Db db2;
};
BOOST_DESCRIBE_STRUCT(Flat, (), (db_host, db2))
STRATA_CONFIGURED(Flat, {.prefix = "F_", .mapping = strata::mapping::flat})

struct Limits {
  strata::annotated<int, strata::range<1, 32>> workers = 4;
  strata::annotated<double, strata::range<0.1, 1.0>> ratio = 0.5;
  strata::annotated<int, strata::check<[](int x) { return x % 2 == 0; }, "must be even">> batch = 2;
  strata::annotated<int, strata::value<60>> timeout;
  strata::annotated<std::chrono::seconds, strata::max<3600>> ttl{60};
};
BOOST_DESCRIBE_STRUCT(Limits, (), (workers, ratio, batch, timeout, ttl))
}  // namespace names

// Names are constant expressions.
static_assert(strata::env_name<names::Tree>("host") == "APP_HOST");
static_assert(strata::env_name<names::Tree>("db.host") == "APP_DB__HOST");
static_assert(strata::env_name<names::Tree>("origins[0]") == "APP_ORIGINS__0");
static_assert(strata::env_name<names::Tree>("labels.team") == "APP_LABELS__team");
static_assert(strata::env_name<names::Tree>("default") == "APP_DEFAULT");
static_assert(strata::env_name<names::Auto>("timeout") == "SVC_TIMEOUT");
static_assert(strata::env_name<names::AutoTree>("port") == "OPT_PORT");
static_assert(strata::env_name<names::Flat>("db2.host") == "F_DB2_HOST");
static_assert(strata::check_schema<names::Tree>());
static_assert(strata::check_schema<names::Flat>());

// A constexpr configuration checked at compile time.
constexpr names::Limits kDefaults{};
static_assert(strata::valid(kDefaults));
constexpr names::Limits kTooManyWorkers = [] {
  names::Limits l{};
  l.workers = 64;
  return l;
}();
static_assert(!strata::valid(kTooManyWorkers));

TEST_CASE("env_name converts to std::string_view") {
  constexpr auto name = strata::env_name<names::Tree>("db.port");
  const std::string_view view = name;
  CHECK(view == "APP_DB__PORT");
}

TEST_CASE("env_name of a path outside the schema throws at run time") {
  CHECK_THROWS_AS(strata::env_name<names::Tree>("db.hots"), std::invalid_argument);
  CHECK_THROWS_AS(strata::env_name<names::Tree>("host[0]"), std::invalid_argument);
}

TEST_CASE("automatic mapping is tree as soon as one field is not a scalar") {
  CHECK(strata::detail::effective_mapping<names::Auto>() == strata::mapping::flat);
  CHECK(strata::detail::effective_mapping<names::AutoTree>() == strata::mapping::tree);
}

TEST_CASE("valid() checks every annotation kind") {
  names::Limits l{};
  CHECK(strata::valid(l));
  l.ratio = 1.5;
  CHECK_FALSE(strata::valid(l));
  l = {};
  l.batch = 3;
  CHECK_FALSE(strata::valid(l));
  l = {};
  l.timeout = 61;
  CHECK_FALSE(strata::valid(l));
  l = {};
  l.ttl = std::chrono::hours(2);
  CHECK_FALSE(strata::valid(l));
}
