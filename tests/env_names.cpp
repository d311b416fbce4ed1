// Compile-time names and checks: env_name<T>, check_schema<T>, valid(t), valid<t>().
#include <doctest/doctest.h>

#include <strata/load.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

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

struct Pg {
  std::string host;
  int port = 5432;
};
BOOST_DESCRIBE_STRUCT(Pg, (), (host, port))
struct Lite {
  std::string path;
  int port = 0;
};
BOOST_DESCRIBE_STRUCT(Lite, (), (path, port))
struct Mixed {
  std::optional<Db> replica;
  strata::annotated<std::variant<Pg, Lite>, strata::discriminator<"kind">> store;
  std::vector<Db> shards;
  strata::annotated<int, strata::env_alias<"PORT">, strata::range<1, 65535>> port = 80;
  bool debug_ = false;
};
BOOST_DESCRIBE_STRUCT(Mixed, (), (replica, store, shards, port, debug_))
STRATA_CONFIGURED(Mixed, {.prefix = "MIX_"})
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
// The form whose failure names the field: tests/compile_fail/valid_constant.cpp.
static_assert(strata::valid<kDefaults>());

namespace {
/// Every static env name of T with its path, as the loader derives them
/// from the shape tables and as the compile-time collision check derives
/// them from the types.
template <class T>
std::vector<std::pair<std::string, std::string>> names_from_shapes() {
  std::vector<std::pair<std::string, std::string>> out;
  strata::detail::for_each_env_name<T>(
      [&](std::string_view name, std::string_view path) { out.emplace_back(name, path); });
  return out;
}
template <class T>
std::vector<std::pair<std::string, std::string>> names_from_types() {
  std::vector<std::pair<std::uint64_t, std::size_t>> hashes;
  strata::detail::env_name_walk counter;
  counter.hashes = &hashes;
  strata::detail::walk_env_names<T>(counter);
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < counter.count; ++i) {
    strata::detail::env_collision entry;
    strata::detail::env_name_walk keeper;
    keeper.keep_first = i;
    keeper.kept = &entry;
    strata::detail::walk_env_names<T>(keeper);
    CHECK(hashes[i].first == strata::detail::fnv1a(entry.name.view()));
    out.emplace_back(entry.name.view(), entry.first.view());
  }
  return out;
}
}  // namespace

TEST_CASE("the collision check derives the loader's env names") {
  CHECK(names_from_types<names::Tree>() == names_from_shapes<names::Tree>());
  CHECK(names_from_types<names::Auto>() == names_from_shapes<names::Auto>());
  CHECK(names_from_types<names::AutoTree>() == names_from_shapes<names::AutoTree>());
  CHECK(names_from_types<names::Flat>() == names_from_shapes<names::Flat>());
  const auto mixed = names_from_types<names::Mixed>();
  CHECK(mixed == names_from_shapes<names::Mixed>());
  // replica, its host, port, url and url's two aliases; store, its kind and
  // both alternatives' fields; shards; port and its alias; debug
  CHECK(mixed.size() == 16);
}

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
