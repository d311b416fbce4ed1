// The dependency-injection container: configurations loaded and validated
// once, components built by constructor injection with no registration,
// validate<Roots...>() before anything is built, cycles, and what the
// compile-time graph finds.
#include <doctest/doctest.h>

#include <strata/load.hpp>
#include <strata/runtime/container.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "support.hpp"

namespace ditest {

// --- configurations ---------------------------------------------------------

struct Http {
  std::string host = "0.0.0.0";
  strata::annotated<int, strata::range<1, 65535>> port = 8000;
};
BOOST_DESCRIBE_STRUCT(Http, (), (host, port))
STRATA_CONFIGURED(Http, {.prefix = "APP_HTTP_", .section = "http"})

struct Db {
  std::string host = "localhost";
  strata::annotated<int, strata::range<1, 65535>> port = 5432;
  strata::annotated<int, strata::range<1, 100>> pool_size = 10;
};
BOOST_DESCRIBE_STRUCT(Db, (), (host, port, pool_size))
STRATA_CONFIGURED(Db, {.prefix = "APP_DB_", .section = "db"})

struct Cache {
  strata::annotated<int, strata::min<1>> entries = 100;
};
BOOST_DESCRIBE_STRUCT(Cache, (), (entries))
STRATA_CONFIGURED(Cache, {.section = "cache"})

// --- components ----------------------------------------------------------------

inline std::vector<std::string>& events() {
  static std::vector<std::string> events;
  return events;
}

struct Pool {
  explicit Pool(const Db& db) : db(db) { events().push_back("Pool"); }
  ~Pool() { events().push_back("~Pool"); }
  const Db& db;
};

struct Repository {
  Repository(Pool& pool, std::shared_ptr<const Db> db) : pool(pool), db(std::move(db)) {
    events().push_back("Repository");
  }
  ~Repository() { events().push_back("~Repository"); }
  Pool& pool;
  std::shared_ptr<const Db> db;
};

struct Service {
  Service(const Http& http, Repository& repo, const Pool& pool, std::shared_ptr<Repository> shared,
          std::shared_ptr<const Pool> const_pool)
      : http(http), repo(repo), pool(pool), shared(std::move(shared)), const_pool(std::move(const_pool)) {
    events().push_back("Service");
  }
  ~Service() { events().push_back("~Service"); }
  const Http& http;
  Repository& repo;
  const Pool& pool;
  std::shared_ptr<Repository> shared;
  std::shared_ptr<const Pool> const_pool;
};

struct Clock {
  int now() const { return 42; }
};

// The constructor with the most parameters the container can supply.
struct Picky {
  Picky() : used(0) {}
  Picky(Clock&, const Db&) : used(2) {}
  Picky(Clock&, const Db&, double ratio) : used(3) { (void)ratio; }
  int used;
};

// A defaulted parameter the container cannot supply keeps its default.
struct Defaulted {
  explicit Defaulted(Clock&, int retries = 3) : retries(retries) {}
  int retries;
};

// Aggregates are built by parenthesized aggregate initialization; members
// the container cannot supply keep their initializers.
struct Handler {
  const Http& http;
  Repository& repo;
  int retries = 3;
};

struct WithContext {
  WithContext(strata::container& c, const strata::configuration& ctx) : c(c), ctx(ctx) {}
  strata::container& c;
  const strata::configuration& ctx;
};

struct Reloading {
  explicit Reloading(strata::live<Http>& http) : http(http) {}
  strata::live<Http>& http;
};

// A cycle the compiler cannot see: Scheduler asks the container for Worker
// in its constructor, and Worker needs Scheduler.
struct Worker;
struct Scheduler {
  explicit Scheduler(strata::container& c);
  Worker* worker = nullptr;
};
struct Worker {
  explicit Worker(Scheduler& s) : scheduler(s) {}
  Scheduler& scheduler;
};
inline Scheduler::Scheduler(strata::container& c) : worker(&c.get<Worker>()) {}

struct Flaky {
  static inline int attempts = 0;
  explicit Flaky(Clock&) {
    if (++attempts == 1) throw std::runtime_error("flaky: first attempt fails");
  }
};
struct NeedsFlaky {
  explicit NeedsFlaky(Flaky& f) : flaky(f) {}
  Flaky& flaky;
};

struct Slow {
  static inline std::atomic<int> built{0};
  explicit Slow(const Cache&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ++built;
  }
};

// Neither copyable nor movable; a class template; a type in an unnamed namespace.
struct Pinned {
  explicit Pinned(const Cache& cache) : entries(*cache.entries) {}
  Pinned(const Pinned&) = delete;
  Pinned& operator=(const Pinned&) = delete;
  std::mutex mutex;
  int entries;
};
template <class T>
struct Memo {
  explicit Memo(Pinned& p) : pinned(p) {}
  Pinned& pinned;
  T last{};
};
namespace {
struct Hidden {
  explicit Hidden(Memo<int>& m) : memo(m) {}
  Memo<int>& memo;
};
}  // namespace

// --- graphs that must not compile (checked through graph<T>::error) -------------

struct CycleB;
struct CycleC;
struct CycleA {
  explicit CycleA(CycleB&) {}
};
struct CycleB {
  explicit CycleB(std::shared_ptr<CycleC>) {}
};
struct CycleC {
  CycleC(const Db&, CycleA&) {}
};
struct CycleRoot {
  explicit CycleRoot(CycleA&) {}
};

struct TakesInt {
  TakesInt(const Db&, int pool_size) { (void)pool_size; }
};
struct TakesString {
  explicit TakesString(const std::string&) {}
};
struct TakesMutableConfig {
  explicit TakesMutableConfig(Db&) {}
};
struct TakesConfigByValue {
  explicit TakesConfigByValue(Db) {}
};
struct TakesSharedMutableConfig {
  explicit TakesSharedMutableConfig(std::shared_ptr<Db>) {}
};
struct Interface {
  virtual ~Interface() = default;
  virtual void run() = 0;
};
struct TakesInterface {
  explicit TakesInterface(Interface&) {}
};
struct Ambiguous {
  explicit Ambiguous(Clock&) {}
  explicit Ambiguous(Pool&) {}
};
struct DeepBad {
  explicit DeepBad(TakesInt&) {}
};
// Overload resolution tries Misleading(Clock&, Pool&&) first, so the probes
// see Clock and Pool; the check that those types fit a constructor fails,
// and the container refuses rather than wiring the wrong dependencies.
struct Misleading {
  Misleading(Clock&, Pool&&) {}
  Misleading(Picky&, const Picky&) {}
};

}  // namespace ditest

using namespace ditest;
namespace di = strata::detail::di;
using strata_test::contains;
using vars = std::map<std::string, std::string>;

namespace {

constexpr const char* valid_toml = R"(
[http]
port = 8080

[db]
host = "db.internal"
pool_size = 20

[cache]
entries = 5
)";

strata::configuration context(std::string toml = valid_toml, vars env = {}) {
  return strata::configuration(strata::toml_text(std::move(toml), "app.toml"), strata::env(std::move(env)));
}

template <class... T>
std::vector<std::string> chain_of() {
  return {std::string(di::short_name<T>())...};
}

}  // namespace

// --- configurations --------------------------------------------------------------

TEST_CASE("get<Cfg>() returns the loaded, validated configuration, one instance") {
  strata::container c{context(valid_toml, {{"APP_HTTP_HOST", "127.0.0.1"}})};
  static_assert(std::is_same_v<decltype(c.get<Http>()), const Http&>);
  const Http& http = c.get<Http>();
  CHECK(http.host == "127.0.0.1");  // env over the file
  CHECK(*http.port == 8080);        // the file over the default
  CHECK(&c.get<Http>() == &http);
  CHECK(c.get<Db>().host == "db.internal");
}

TEST_CASE("get<Cfg>() throws config_error for an invalid configuration, every time") {
  strata::container c{context("[db]\nport = 70000\npool_size = 0\n")};
  try {
    (void)c.get<Db>();
    FAIL("expected config_error");
  } catch (const strata::config_error& e) {
    CHECK(strata_test::at(e.diagnostics(), "db.port").size() == 1);
    CHECK(strata_test::at(e.diagnostics(), "db.pool_size").size() == 1);
  }
  CHECK_THROWS_AS((void)c.get<Db>(), strata::config_error);
  CHECK(*c.get<Http>().port == 8000);  // the others are unaffected
}

// --- components -----------------------------------------------------------------------

TEST_CASE("components are built by constructor injection, once each, with no registration") {
  events().clear();
  {
    strata::container c{context()};
    static_assert(std::is_same_v<decltype(c.get<Service>()), Service&>);
    Service& svc = c.get<Service>();
    CHECK(&c.get<Service>() == &svc);
    CHECK(events() == std::vector<std::string>{"Pool", "Repository", "Service"});

    // One instance per type, whatever form the parameter takes.
    CHECK(&svc.repo == &c.get<Repository>());
    CHECK(svc.shared.get() == &svc.repo);
    CHECK(&svc.pool == &svc.repo.pool);
    CHECK(svc.const_pool.get() == &svc.pool);
    CHECK(&svc.http == &c.get<Http>());
    CHECK(svc.repo.db.get() == &c.get<Db>());
    CHECK(&svc.pool.db == &c.get<Db>());
    CHECK(*svc.http.port == 8080);
    CHECK(svc.repo.db->pool_size == 20);
    events().clear();
  }
  // Destroyed in reverse order of construction: dependents first.
  CHECK(events() == std::vector<std::string>{"~Service", "~Repository", "~Pool"});
}

TEST_CASE("a shared_ptr to a component keeps it alive after the container") {
  std::shared_ptr<Repository> kept;
  {
    strata::container c{context()};
    kept = c.get<Service>().shared;
  }
  // The Repository outlives the container, and so does the Db it holds
  // through std::shared_ptr<const Db>. (Its Pool& dangles now: a component
  // that outlives the container must hold its dependencies by shared_ptr.)
  CHECK(kept->db->host == "db.internal");
  events().clear();
}

TEST_CASE("the constructor with the most parameters the container can supply is used") {
  strata::container c{context()};
  CHECK(c.get<Picky>().used == 2);  // (Clock&, const Db&, double) cannot be called: double
  CHECK(c.get<Defaulted>().retries == 3);
  CHECK(c.get<Clock>().now() == 42);
}

TEST_CASE("aggregates are components too; members the container cannot supply keep their initializers") {
  strata::container c{context()};
  Handler& h = c.get<Handler>();
  CHECK(&h.http == &c.get<Http>());
  CHECK(&h.repo == &c.get<Repository>());
  CHECK(h.retries == 3);
  events().clear();
}

TEST_CASE("container& and const configuration& parameters receive the container and its configuration") {
  const auto ctx = context();
  strata::container c{ctx};
  WithContext& w = c.get<WithContext>();
  CHECK(&w.c == &c);
  CHECK(&w.ctx == &c.context());
}

TEST_CASE("live<Cfg>& parameters share one live instance that follows runtime changes") {
  strata::container c{context()};
  Reloading& r = c.get<Reloading>();
  static_assert(std::is_same_v<decltype(c.get<strata::live<Http>>()), strata::live<Http>&>);
  CHECK(&r.http == &c.get<strata::live<Http>>());
  CHECK(*r.http.get()->port == 8080);
  CHECK(r.http.set({"http.port=9090"}).ok());
  CHECK(*r.http.get()->port == 9090);
  CHECK(*c.get<Http>().port == 8080);  // const Http& is the snapshot the container loaded
}

TEST_CASE("non-movable components, class templates and get<const T>()") {
  strata::container c{context()};
  Hidden& h = c.get<Hidden>();
  CHECK(h.memo.pinned.entries == 5);
  CHECK(&h.memo == &c.get<Memo<int>>());
  static_assert(std::is_same_v<decltype(c.get<const Pinned>()), const Pinned&>);
  static_assert(std::is_same_v<decltype(c.get<const Cache>()), const Cache&>);
  CHECK(&c.get<const Pinned>() == &h.memo.pinned);
  CHECK(di::short_name<Memo<int>>() == "Memo<int>");
  CHECK(di::short_name<Hidden>() == "Hidden");
}

// --- validate<Roots...>() ------------------------------------------------------------

TEST_CASE("validate() finds every configuration of the graph and reports all errors together, building nothing") {
  events().clear();
  strata::container c{context("[http]\nport = 0\n[db]\npool_size = 500\n")};
  const std::vector<strata::diagnostic> errors = c.validate<Service>();
  INFO(strata::format(errors));
  CHECK(errors.size() == 2);
  CHECK(strata_test::at(errors, "http.port").size() == 1);
  CHECK(strata_test::at(errors, "db.pool_size").size() == 1);
  CHECK(events().empty());

  // get() on a component loads its whole graph's configurations first: the
  // error lists both, and nothing is half built.
  try {
    (void)c.get<Service>();
    FAIL("expected config_error");
  } catch (const strata::config_error& e) {
    CHECK(strata_test::at(e.diagnostics(), "http.port").size() == 1);
    CHECK(strata_test::at(e.diagnostics(), "db.pool_size").size() == 1);
  }
  CHECK(events().empty());
}

TEST_CASE("validate() is empty when the graph is valid, and keeps the configurations for get()") {
  strata::container c{context()};
  CHECK(c.validate<Service, Picky>().empty());
  CHECK(c.validate<Db, strata::live<Http>>().empty());  // configurations and live<> are roots too
  CHECK(c.get<Db>().pool_size == 20);
  events().clear();
}

TEST_CASE("validate() only loads what the roots need") {
  strata::container c{context("[cache]\nentries = 0\n")};
  CHECK(c.validate<Service>().empty());  // Cache is not in Service's graph
  CHECK(strata_test::only_at(c.validate<Slow>(), "cache.entries").severity == strata::severity::error);
}

TEST_CASE("validate() reports a problem with a shared source once") {
  const auto ctx = strata::configuration(strata::toml_file("/nonexistent/strata/app.toml"));
  strata::container c{ctx};
  const auto errors = c.validate<Service>();
  INFO(strata::format(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors.front().origin.name == "/nonexistent/strata/app.toml");
}

TEST_CASE("validate() leaves warnings out; warnings() has them") {
  strata::container c{context(valid_toml, {{"APP_DB_HOTS", "typo"}})};
  CHECK(c.validate<Service>().empty());
  const auto warnings = c.warnings();
  REQUIRE(warnings.size() == 1);
  CHECK(warnings.front().severity == strata::severity::warning);
  CHECK(contains(warnings.front().message + warnings.front().hint + warnings.front().origin.name, "APP_DB_HOTS"));
}

// --- cycles and failures at run time -------------------------------------------------

TEST_CASE("a cycle the compiler cannot see throws dependency_cycle with the chain") {
  strata::container c{context()};
  try {
    (void)c.get<Scheduler>();
    FAIL("expected dependency_cycle");
  } catch (const strata::dependency_cycle& e) {
    CHECK(std::string(e.what()) == "strata: dependency cycle: Scheduler -> Worker -> Scheduler");
    CHECK(e.chain() == std::vector<std::string>{"Scheduler", "Worker", "Scheduler"});
    CHECK(e.qualified_chain() ==
          std::vector<std::string>{"ditest::Scheduler", "ditest::Worker", "ditest::Scheduler"});
  }
  static_assert(std::is_base_of_v<std::logic_error, strata::dependency_cycle>);
  // The failed resolution left nothing behind: the container still works.
  CHECK(c.get<Clock>().now() == 42);
  CHECK_THROWS_AS((void)c.get<Worker>(), strata::dependency_cycle);
}

TEST_CASE("a constructor that throws builds nothing; the next get() tries again") {
  Flaky::attempts = 0;
  strata::container c{context()};
  CHECK_THROWS_WITH_AS((void)c.get<NeedsFlaky>(), "flaky: first attempt fails", std::runtime_error);
  NeedsFlaky& n = c.get<NeedsFlaky>();
  CHECK(&n.flaky == &c.get<Flaky>());
  CHECK(Flaky::attempts == 2);
}

TEST_CASE("concurrent get() builds one instance") {
  Slow::built = 0;
  strata::container c{context()};
  Slow* seen[4] = {};
  std::vector<std::thread> threads;
  for (Slow*& s : seen) threads.emplace_back([&c, &s] { s = &c.get<Slow>(); });
  for (std::thread& t : threads) t.join();
  CHECK(Slow::built == 1);
  for (Slow* s : seen) CHECK(s == seen[0]);
}

// --- the compile-time graph ----------------------------------------------------------

TEST_CASE("the compile-time graph lists the configurations and components below the roots") {
  using g = di::graph<Service>;
  static_assert(g::ok);
  static_assert(std::is_same_v<g::configs, boost::mp11::mp_list<Http, Db>>);
  static_assert(std::is_same_v<g::components, boost::mp11::mp_list<Pool, Repository, Service>>);

  using several = di::graph<Picky, Reloading, WithContext, Cache>;
  static_assert(several::ok);
  static_assert(std::is_same_v<several::configs, boost::mp11::mp_list<Db, Http, Cache>>);

  static_assert(di::constructor<Picky>::arity == 2);
  static_assert(di::constructor<Handler>::arity == 2);
  static_assert(di::constructor<Clock>::arity == 0);
  CHECK(chain_of<CycleA, Service>() == std::vector<std::string>{"CycleA", "Service"});
}

TEST_CASE("a cycle is found at compile time, with its chain in the error's template arguments") {
  static_assert(std::is_same_v<di::graph<CycleA>::error, di::dependency_cycle_chain<CycleA, CycleB, CycleC, CycleA>>);
  // The chain starts at the repeated component, not at the root.
  static_assert(std::is_same_v<di::graph<CycleRoot>::error, di::dependency_cycle_chain<CycleA, CycleB, CycleC, CycleA>>);
  static_assert(!di::graph<Service, CycleRoot>::ok);
  CHECK(true);
}

TEST_CASE("a parameter the container cannot supply is a compile-time error naming its type") {
  static_assert(std::is_same_v<di::graph<TakesInt>::error, di::unsupported_parameter<TakesInt, int, di::neither_configuration_nor_component>>);
  static_assert(std::is_same_v<di::graph<DeepBad>::error, di::unsupported_parameter<TakesInt, int, di::neither_configuration_nor_component>>);
  static_assert(std::is_same_v<di::graph<TakesString>::error, di::unsupported_parameter<TakesString, const std::string, di::neither_configuration_nor_component>>);
  static_assert(std::is_same_v<di::graph<TakesInterface>::error, di::unsupported_parameter<TakesInterface, Interface, di::neither_configuration_nor_component>>);
  static_assert(std::is_same_v<di::graph<TakesMutableConfig>::error, di::configuration_parameter_not_const<TakesMutableConfig, Db, di::take_configuration_as_const>>);
  static_assert(std::is_same_v<di::graph<TakesConfigByValue>::error, di::configuration_parameter_not_const<TakesConfigByValue, Db, di::take_configuration_as_const>>);
  static_assert(std::is_same_v<di::graph<TakesSharedMutableConfig>::error,
                               di::configuration_parameter_not_const<TakesSharedMutableConfig, std::shared_ptr<Db>,
                                                                     di::take_configuration_as_const>>);
  static_assert(std::is_same_v<di::graph<Ambiguous>::error, di::no_injectable_constructor<Ambiguous, di::no_callable_constructor>>);
  static_assert(std::is_same_v<di::graph<Misleading>::error, di::no_injectable_constructor<Misleading, di::no_callable_constructor>>);
  static_assert(std::is_same_v<di::graph<int>::error, di::unsupported_root<int, di::neither_configuration_nor_component>>);
  static_assert(std::is_same_v<di::graph<std::string>::error, di::unsupported_root<std::string, di::neither_configuration_nor_component>>);
  CHECK(true);
}
