// Cross-field rules (`void validate(strata::validation&) const`) and the
// `.section` option of STRATA_CONFIGURED.
#include <string>
#include <vector>

#include "support.hpp"

namespace validate_spec {

using strata::annotated;

struct Pool {
  int min_size = 1;
  int max_size = 10;
  annotated<int, strata::range<1, 65535>> port = 5432;

  void validate(strata::validation& v) const {
    if (min_size > max_size) v.error("min_size", "must not exceed max_size");
    if (max_size > 100) v.warning("max_size", "more than 100 connections is unusual");
  }
};
BOOST_DESCRIBE_STRUCT(Pool, (), (min_size, max_size, port))

struct Service {
  std::string mode = "http";
  std::string cert;
  bool debug = false;
  Pool pool;
  std::vector<Pool> replicas;

  void validate(strata::validation& v) const {
    if (mode == "https" && cert.empty()) v.error("cert", "is required when mode is 'https'");
    if (debug) v.warning("debug", "debug output is on");
    if (v.profile() == "production" && debug) v.error("debug", "must be off in production");
    last_profile = std::string(v.profile());
    ++validated;
  }
  static inline std::string last_profile = "never called";
  static inline int validated = 0;
};
BOOST_DESCRIBE_STRUCT(Service, (), (mode, cert, debug, pool, replicas))

struct Whole {
  int a = 1;
  int b = 2;
  void validate(strata::validation& v) const {
    if (a + b > 10) v.error("", "a + b must not exceed 10");
  }
};
BOOST_DESCRIBE_STRUCT(Whole, (), (a, b))

struct Holder {
  Whole whole;
  std::vector<Whole> list;
};
BOOST_DESCRIBE_STRUCT(Holder, (), (whole, list))

struct Limits {
  int soft = 10;  // the defaults break the rule
  int hard = 5;
  void validate(strata::validation& v) const {
    if (soft > hard) v.error("soft", "must not exceed hard");
  }
};
BOOST_DESCRIBE_STRUCT(Limits, (), (soft, hard))

struct WithLimits {
  Limits limits;
  int x = 0;
};
BOOST_DESCRIBE_STRUCT(WithLimits, (), (limits, x))

// --- .section ---------------------------------------------------------------------

struct Http {
  std::string host = "0.0.0.0";
  annotated<int, strata::range<1, 65535>> port = 8000;
  Pool pool;
  void validate(strata::validation& v) const {
    if (host.empty()) v.error("host", "must not be empty");
  }
};
BOOST_DESCRIBE_STRUCT(Http, (), (host, port, pool))
STRATA_CONFIGURED(Http, {.section = "server.http"})

struct Logging {
  std::string level = "info";
};
BOOST_DESCRIBE_STRUCT(Logging, (), (level))
STRATA_CONFIGURED(Logging, {.prefix = "LOG_", .section = "logging"})

const char* const shared_file = R"(
title = "several types share this file"

[server.http]
host = "example.org"
port = 9000

[server.http.pool]
max_size = 20

[server.grpc]
port = 9001

[logging]
level = "debug"
)";

}  // namespace validate_spec

using namespace validate_spec;
using strata_test::at;
using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;

// --- validate() -------------------------------------------------------------------------

TEST_CASE("validate() on the root struct reports cross-field errors") {
  auto ok = load_toml<Service>("mode = \"https\"\ncert = \"/etc/cert.pem\"\n");
  CHECK(ok.ok());

  auto r = load_toml<Service>("mode = \"https\"\n");
  CHECK_FALSE(r.ok());
  const auto e = only_at(r.errors(), "cert");
  CHECK(e.message == "is required when mode is 'https'");
}

TEST_CASE("validate() warnings are warnings, not errors") {
  auto r = load_toml<Service>("debug = true\n");
  CHECK(r.ok());
  CHECK(r.errors().empty());
  const auto w = only_at(r.warnings(), "debug");
  CHECK(w.severity == strata::severity::warning);
  CHECK(w.message == "debug output is on");
  CHECK(w.origin.kind == strata::origin_kind::file);  // the offending value's origin
  CHECK(w.origin.line == 1);
}

TEST_CASE("validate() on a nested struct reports paths prefixed with the struct's path") {
  auto r = load_toml<Service>("[pool]\nmin_size = 5\nmax_size = 2\n");
  CHECK_FALSE(r.ok());
  const auto e = only_at(r.errors(), "pool.min_size");
  CHECK(e.message == "must not exceed max_size");
  CHECK(e.origin.line == 2);

  auto warned = load_toml<Service>("[pool]\nmax_size = 200\n");
  CHECK(warned.ok());
  CHECK(only_at(warned.warnings(), "pool.max_size").origin.line == 2);
}

TEST_CASE("validate() runs for every element of a list of structs") {
  auto r = load_toml<Service>("[[replicas]]\nmin_size = 1\n[[replicas]]\nmin_size = 50\n");
  CHECK(r.errors().size() == 1);
  CHECK(only_at(r.errors(), "replicas[1].min_size").message == "must not exceed max_size");
}

TEST_CASE("validate() may report on the struct itself with an empty path") {
  auto r = load_toml<Holder>("[whole]\na = 9\nb = 9\n[[list]]\na = 20\n");
  CHECK(r.errors().size() == 2);
  CHECK(only_at(r.errors(), "whole").message == "a + b must not exceed 10");
  CHECK(only_at(r.errors(), "list[0]").message == "a + b must not exceed 10");
  auto root = load_toml<Whole>("a = 10\n");
  CHECK(only_at(root.errors(), "").message == "a + b must not exceed 10");
}

TEST_CASE("validate() of a nested struct runs even when no source sets it") {
  auto r = strata::configuration().load<WithLimits>();
  CHECK(only_at(r.errors(), "limits.soft").message == "must not exceed hard");
  auto other = load_toml<WithLimits>("x = 1\n");
  CHECK(only_at(other.errors(), "limits.soft").message == "must not exceed hard");
}

TEST_CASE("validate() runs even when some fields had errors, and all come back together") {
  auto r = load_toml<Service>("mode = \"https\"\ndebug = \"yes\"\n[pool]\nport = 0\nmin_size = 3\nmax_size = 1\n");
  INFO(strata::format(r.diagnostics()));
  CHECK(r.errors().size() == 4);
  CHECK(contains(only_at(r.errors(), "debug").message, "expected a boolean"));
  CHECK(contains(only_at(r.errors(), "pool.port").message, "must be in [1, 65535]"));
  CHECK(only_at(r.errors(), "pool.min_size").message == "must not exceed max_size");
  CHECK(only_at(r.errors(), "cert").message == "is required when mode is 'https'");
}

TEST_CASE("a field with an error holds its default when validate() sees it") {
  // debug = "yes" is a type error, so validate() sees debug == false and does not warn
  auto r = load_toml<Service>("debug = \"yes\"\n");
  CHECK(r.warnings().empty());
}

TEST_CASE("v.profile() is empty without a profile source") {
  Service::last_profile = "never called";
  const int before = Service::validated;
  auto r = load_toml<Service>("debug = true\n");
  CHECK(Service::validated == before + 1);
  CHECK(Service::last_profile.empty());
  CHECK(r.ok());  // the production rule does not fire
}

// --- .section ----------------------------------------------------------------------------

TEST_CASE(".section: a type reads only its own table") {
  auto r = load_toml<Http>(shared_file, "app.toml");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.diagnostics().empty());  // title, server.grpc and logging are not Http's business
  CHECK(r.value().host == "example.org");
  CHECK(r.value().port == 9000);
  CHECK(r.value().pool.max_size == 20);

  auto logging = load_toml<Logging>(shared_file, "app.toml");
  REQUIRE(logging.ok());
  CHECK(logging.value().level == "debug");
}

TEST_CASE(".section: diagnostics carry full paths from the file root") {
  auto r = load_toml<Http>("[server.http]\nport = 0\nhots = \"x\"\n[server.http.pool]\nmin_size = 50\n", "app.toml");
  INFO(strata::format(r.diagnostics()));
  CHECK(r.errors().size() == 3);
  CHECK(only_at(r.errors(), "server.http.port").origin.line == 2);
  CHECK(only_at(r.errors(), "server.http.hots").hint == "did you mean 'host'?");
  CHECK(only_at(r.errors(), "server.http.pool.min_size").message == "must not exceed max_size");
  CHECK(at(r.errors(), "port").empty());
}

TEST_CASE(".section: validate() paths are full paths too") {
  auto r = load_toml<Http>("[server.http]\nhost = \"\"\n");
  CHECK(only_at(r.errors(), "server.http.host").message == "must not be empty");
}

TEST_CASE(".section: origin_of takes full paths") {
  auto r = load_toml<Http>(shared_file, "app.toml");
  REQUIRE(r.ok());
  CHECK(r.origin_of("server.http.port").line == 6);
  CHECK(r.origin_of("server.http.pool.max_size").line == 9);
  CHECK(r.origin_of("server.http.pool.min_size").kind == strata::origin_kind::defaults);
  CHECK_THROWS_AS((void)r.origin_of("port"), std::out_of_range);
  CHECK_THROWS_AS((void)r.origin_of("server.grpc.port"), std::out_of_range);
  CHECK_THROWS_AS((void)r.origin_of("server.httpx.port"), std::out_of_range);
}

TEST_CASE(".section: overrides address the section by its full path") {
  auto r = strata::configuration(strata::toml_text(shared_file)).overrides({"server.http.port=9100"}).load<Http>();
  REQUIRE(r.ok());
  CHECK(r.value().port == 9100);
  CHECK(r.origin_of("server.http.port").kind == strata::origin_kind::overrides);
}

TEST_CASE(".section: a section that is not a table is an error") {
  auto r = load_toml<Http>("[server]\nhttp = 5\n");
  const auto e = only_at(r.errors(), "server.http");
  CHECK(contains(e.message, "expected a table"));
}

TEST_CASE(".section: a file without the section leaves the defaults") {
  auto r = load_toml<Http>("[other]\nx = 1\n");
  REQUIRE(r.ok());
  CHECK(r.value().port == 8000);
}
