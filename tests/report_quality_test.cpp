// Reports as real files need them: one error per problem (a value that
// could not be read is not also judged by its constraints; an unreadable
// file does not bring an error for every default it would have replaced),
// validate() can ask which fields failed, and a file's diagnostics come in
// line order.
#include "support.hpp"

namespace rq {
struct Limits {
  int soft_limit = 100;
  int hard_limit = 200;
  void validate(strata::validation& v) const {
    if (!v.failed("soft_limit") && !v.failed("hard_limit") && soft_limit > hard_limit)
      v.error("soft_limit", "must not exceed hard_limit");
  }
};
BOOST_DESCRIBE_STRUCT(Limits, (), (soft_limit, hard_limit))

struct Service {
  strata::annotated<int, strata::range<1, 65535>> port;  // 0 until a file sets it
  strata::annotated<std::string, strata::required, strata::secret, strata::min_length<32>> jwt_secret;
  strata::annotated<std::vector<int>, strata::non_empty> workers;
  Limits limits;
  std::string name = "svc";
  void validate(strata::validation& v) const {
    if (v.failed("limits")) v.warning("name", "limits could not be read; defaults stand");
    if (name == "forbidden") v.error("name", "is forbidden");
  }
};
BOOST_DESCRIBE_STRUCT(Service, (), (port, jwt_secret, workers, limits, name))
}  // namespace rq

using strata_test::at;
using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;

namespace {
const char* const valid = "port = 8080\njwt_secret = \"0123456789abcdef0123456789abcdef\"\nworkers = [1]\n";
}

TEST_CASE("a value of the wrong type is one error, not also a constraint error about its default") {
  const auto typed = load_toml<rq::Service>(
      "port = \"8080\"\njwt_secret = \"0123456789abcdef0123456789abcdef\"\nworkers = \"1\"\n");
  CHECK(only_at(typed.diagnostics(), "port").message == "expected an integer, got a string");
  CHECK(only_at(typed.diagnostics(), "workers").message == "expected a list, got a string");
  CHECK(typed.errors().size() == 2);
}

TEST_CASE("an unset required field is one error, not also its constraints on the default") {
  const auto r = load_toml<rq::Service>("port = 8080\nworkers = [1]\n");
  const auto d = only_at(r.diagnostics(), "jwt_secret");
  CHECK(d.message == "is required but no source sets it");
  CHECK(r.errors().size() == 1);
  // set, it is judged
  const auto short_secret = load_toml<rq::Service>("port = 8080\nworkers = [1]\njwt_secret = \"short\"\n");
  CHECK(contains(only_at(short_secret.diagnostics(), "jwt_secret").message, "length of at least 32"));
}

TEST_CASE("validate() asks whether a field failed, and its rule does not judge a default the file never had") {
  const auto r = load_toml<rq::Service>(std::string(valid) + "[limits]\nsoft_limit = 500\nhard_limit = \"300\"\n");
  CHECK(only_at(r.diagnostics(), "limits.hard_limit").message == "expected an integer, got a string");
  CHECK(at(r.diagnostics(), "limits.soft_limit").empty());  // 500 > the default 200, but hard_limit failed
  const auto warning = only_at(r.diagnostics(), "name");
  CHECK(warning.severity == strata::severity::warning);
  CHECK(warning.message == "limits could not be read; defaults stand");
  const auto judged = load_toml<rq::Service>(std::string(valid) + "[limits]\nsoft_limit = 500\nhard_limit = 300\n");
  CHECK(only_at(judged.diagnostics(), "limits.soft_limit").message == "must not exceed hard_limit");
}

TEST_CASE("a file that does not parse reports its syntax error, not an error for every default") {
  strata_test::temp_dir dir;
  const auto base = dir.write("base.toml", "name = \"forbidden\"\nport = 70000\n");
  const auto local = dir.write("local.toml", "port = 8080\njwt_secret = \"0123456789abcdef0123456789abcdef\"\nworkers = [1\n");
  const auto r = strata::configuration(strata::toml_file(base), strata::toml_file(local)).load<rq::Service>();
  INFO(strata::format(r.diagnostics()));
  const auto syntax = only_at(r.diagnostics(), "");
  CHECK(contains(syntax.message, "invalid TOML"));
  CHECK(syntax.origin.name == local.string());
  CHECK(contains(only_at(r.diagnostics(), "port").message, "got 70000"));  // set by a file that parsed: judged
  CHECK(at(r.diagnostics(), "jwt_secret").empty());  // the broken file may set it
  CHECK(at(r.diagnostics(), "workers").empty());     // its default is not judged
  CHECK(at(r.diagnostics(), "name").empty());        // validate() waits for the file to parse
  CHECK(r.diagnostics().size() == 2);
  const auto missing = strata::configuration(strata::toml_file(dir.path() / "absent.toml")).load<rq::Service>();
  CHECK(missing.diagnostics().size() == 1);
}

TEST_CASE("the diagnostics of one file come in line order") {
  const auto r = load_toml<rq::Service>(
      "name = 3\nworkers = []\n[limits]\nhard_limit = \"x\"\nsoft_limit = \"y\"\n[extra]\n", "svc.toml");
  std::vector<int> lines;
  for (const auto& d : r.diagnostics())
    if (d.origin.name == "svc.toml") lines.push_back(d.origin.line);
  INFO(strata::format(r.diagnostics()));
  REQUIRE(lines.size() >= 4);
  CHECK(std::is_sorted(lines.begin(), lines.end()));
  CHECK(at(r.diagnostics(), "name").front().origin.line == 1);
}
