// Every annotation, accepting and rejecting: value, range, min, max, gt, lt,
// min_length, max_length, length, non_empty, one_of, pattern, check,
// required, doc; and secret: a secret value never appears in a report,
// whatever goes wrong with it (format(), to_json(), config_error::what(),
// hints, origins).
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "support.hpp"

namespace constraints_spec {

using namespace std::chrono_literals;
using strata::annotated;

struct Pinned {
  annotated<int, strata::value<60>> timeout;
  annotated<std::string, strata::value<"sqlite">> driver;
  annotated<double, strata::value<0.5>, strata::range<0.0, 1.0>> ratio;
  int workers = 1;
};
BOOST_DESCRIBE_STRUCT(Pinned, (), (timeout, driver, ratio, workers))

struct PinnedOverInitializer {
  annotated<int, strata::value<60>> timeout = 5;  // the initializer is below value<> in precedence
};
BOOST_DESCRIBE_STRUCT(PinnedOverInitializer, (), (timeout))

struct PinnedChecked {  // a check<> written for const std::string& beside value<"...">
  annotated<std::string, strata::value<"eu-west">,
            strata::check<[](const std::string& s) { return s.starts_with("eu-"); }, "must be an EU region">>
      region;
};
BOOST_DESCRIBE_STRUCT(PinnedChecked, (), (region))

struct Bounds {
  annotated<int, strata::range<1, 65535>> port = 8000;
  annotated<double, strata::range<0.1, 1.0>> ratio = 0.5;
  annotated<int, strata::min<1>> workers = 1;
  annotated<int, strata::max<64>> threads = 8;
  annotated<double, strata::gt<0>> scale = 1.0;
  annotated<int, strata::lt<100>> percent = 50;
  annotated<std::chrono::seconds, strata::range<1, 60>> timeout{30s};
  annotated<std::chrono::milliseconds, strata::max<5000>> delay{100ms};
  annotated<std::chrono::minutes, strata::gt<0>> ttl{5min};
  annotated<unsigned, strata::range<10, 20>> level = 15u;
};
BOOST_DESCRIBE_STRUCT(Bounds, (), (port, ratio, workers, threads, scale, percent, timeout, delay, ttl, level))

struct Lengths {
  annotated<std::string, strata::min_length<3>> user = "bob";
  annotated<std::string, strata::max_length<8>> nick = "x";
  annotated<std::string, strata::length<2, 4>> code = "ab";
  annotated<std::string, strata::non_empty> name = "n";
  annotated<std::vector<int>, strata::min_length<2>> ports{std::vector<int>{1, 2}};
  annotated<std::vector<std::string>, strata::max_length<2>> tags;
  annotated<std::vector<int>, strata::length<1, 3>> ids{std::vector<int>{1}};
  annotated<std::vector<std::string>, strata::non_empty> hosts{std::vector<std::string>{"h"}};
  annotated<std::map<std::string, int>, strata::non_empty> limits{std::map<std::string, int>{{"cpu", 1}}};
};
BOOST_DESCRIBE_STRUCT(Lengths, (), (user, nick, code, name, ports, tags, ids, hosts, limits))

enum class Color { red, green, blue };
BOOST_DESCRIBE_ENUM(Color, red, green, blue)

struct Choices {
  annotated<int, strata::one_of<1, 2, 4, 8>> shards = 1;
  annotated<std::string, strata::one_of<"debug", "info", "warn">> level = "info";
  annotated<Color, strata::one_of<Color::red, Color::green>> color = Color::red;
};
BOOST_DESCRIBE_STRUCT(Choices, (), (shards, level, color))

struct Patterns {
  annotated<std::string, strata::pattern<"[a-z]+">> slug = "abc";
  annotated<std::string, strata::pattern<"v[0-9]+\\.[0-9]+">> version = "v1.0";
};
BOOST_DESCRIBE_STRUCT(Patterns, (), (slug, version))

struct Checked {
  annotated<int, strata::check<[](const int& v) { return v % 2 == 0; }, "must be even">> replicas = 2;
  annotated<std::string, strata::check<[](const std::string& s) { return s.starts_with("/"); },
                                       "must be an absolute path">>
      root = "/";
};
BOOST_DESCRIBE_STRUCT(Checked, (), (replicas, root))

struct Required {
  annotated<std::string, strata::required> token;
  annotated<std::string, strata::required> region = "eu";  // a C++ default does not count
  int other = 0;
};
BOOST_DESCRIBE_STRUCT(Required, (), (token, region, other))

struct Vault {
  annotated<std::string, strata::required> token;
};
BOOST_DESCRIBE_STRUCT(Vault, (), (token))

struct NeedsVault {
  Vault vault;
  int other = 0;
};
BOOST_DESCRIBE_STRUCT(NeedsVault, (), (vault, other))

struct Documented {
  annotated<int, strata::doc<"number of worker threads">, strata::range<1, 64>> workers = 4;
  annotated<std::string, strata::doc<"where to listen">> host = "localhost";
};
BOOST_DESCRIBE_STRUCT(Documented, (), (workers, host))

struct Undocumented {
  annotated<int, strata::range<1, 64>> workers = 4;
  std::string host = "localhost";
};
BOOST_DESCRIBE_STRUCT(Undocumented, (), (workers, host))

}  // namespace constraints_spec

using namespace constraints_spec;
using strata_test::at;
using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;

// --- value<> ---------------------------------------------------------------

TEST_CASE("value<> pins a field even when no source sets it") {
  auto r = strata::configuration().load<Pinned>();
  REQUIRE(r.ok());
  CHECK(r.value().timeout == 60);
  CHECK(*r.value().driver == "sqlite");
  CHECK(r.value().ratio == doctest::Approx(0.5));
  CHECK(r.diagnostics().empty());
  CHECK(r.origin_of("timeout").kind == strata::origin_kind::value);
  CHECK(r.origin_of("driver").kind == strata::origin_kind::value);
}

TEST_CASE("value<> ignores what a file sets, with a warning pointing at it") {
  auto r = load_toml<Pinned>("workers = 4\ntimeout = 5\ndriver = \"postgres\"\n");
  REQUIRE(r.ok());
  CHECK(r.value().timeout == 60);
  CHECK(*r.value().driver == "sqlite");
  CHECK(r.value().workers == 4);
  CHECK(r.errors().empty());
  REQUIRE(r.warnings().size() == 2);
  const auto w = only_at(r.warnings(), "timeout");
  CHECK(w.severity == strata::severity::warning);
  CHECK(contains(w.message, "pinned to 60"));
  CHECK(w.origin.kind == strata::origin_kind::file);
  CHECK(w.origin.name == "config.toml");
  CHECK(w.origin.line == 2);
  CHECK(contains(only_at(r.warnings(), "driver").message, "pinned to 'sqlite'"));
  CHECK(r.origin_of("timeout").kind == strata::origin_kind::value);
}

struct PinnedSecret {
  annotated<std::string, strata::secret, strata::value<"pinned-secret-value">> key;
};
BOOST_DESCRIBE_STRUCT(PinnedSecret, (), (key))

TEST_CASE("the warning for a pinned secret does not print the constant") {
  auto r = load_toml<PinnedSecret>("key = \"other\"\n");
  REQUIRE(r.ok());
  CHECK(*r.value().key == "pinned-secret-value");
  const auto w = only_at(r.warnings(), "key");
  CHECK(contains(w.message, "pinned"));
  CHECK_FALSE(contains(w.message, "pinned-secret-value"));
}

TEST_CASE("value<> beats overrides too") {
  auto r = strata::configuration().overrides({"timeout=9"}).load<Pinned>();
  REQUIRE(r.ok());
  CHECK(r.value().timeout == 60);
  const auto w = only_at(r.warnings(), "timeout");
  CHECK(w.origin.kind == strata::origin_kind::overrides);
  CHECK(w.origin.name == "timeout=9");
}

TEST_CASE("value<> ignores even an invalid value, without a type error") {
  auto r = load_toml<Pinned>("timeout = \"not a number\"\nratio = 7.5\n");
  CHECK(r.ok());
  CHECK(r.errors().empty());
  CHECK(r.warnings().size() == 2);
  CHECK(r.value().ratio == doctest::Approx(0.5));
}

TEST_CASE("value<> is above the C++ initializer in precedence") {
  auto r = strata::configuration().load<PinnedOverInitializer>();
  REQUIRE(r.ok());
  CHECK(r.value().timeout == 60);
}

TEST_CASE("value<> on a string compiles beside a check<> that takes const std::string&") {
  auto r = load_toml<PinnedChecked>("region = \"us-east\"\n");
  REQUIRE(r.ok());
  CHECK(*r.value().region == "eu-west");
  CHECK(r.warnings().size() == 1);
}

// --- numeric bounds --------------------------------------------------------

TEST_CASE("bounds accept values on and inside their limits") {
  auto r = load_toml<Bounds>(R"(
port = 1
ratio = 0.1
workers = 1
threads = 64
scale = 0.001
percent = 99
timeout = "60s"
delay = "5s"
ttl = "1m"
level = 20
)");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.value().port == 1);
  CHECK(r.value().ratio == doctest::Approx(0.1));
  CHECK(r.value().timeout == 60s);
  CHECK(r.value().delay == 5000ms);
  CHECK(r.value().ttl == 1min);

  auto upper = load_toml<Bounds>("port = 65535\nratio = 1.0\ntimeout = \"1m\"\nlevel = 10\n");
  INFO(strata::format(upper.diagnostics()));
  CHECK(upper.ok());
}

TEST_CASE("range<> rejects integers outside it, naming the bounds and the value") {
  for (const std::string text : {"port = 0", "port = 65536", "port = -1"}) {
    CAPTURE(text);
    auto r = load_toml<Bounds>(text);
    CHECK_FALSE(r.ok());
    const auto e = only_at(r.errors(), "port");
    CHECK(contains(e.message, "must be in [1, 65535]"));
    CHECK(e.origin.kind == strata::origin_kind::file);
    CHECK(e.origin.line == 1);
  }
  auto r = load_toml<Bounds>("port = 70000");
  CHECK(contains(only_at(r.errors(), "port").message, "got 70000"));
}

TEST_CASE("range<0.1, 1.0> works for doubles") {
  for (const std::string text : {"ratio = 1.5", "ratio = 0.05", "ratio = -0.5"}) {
    CAPTURE(text);
    auto r = load_toml<Bounds>(text);
    CHECK_FALSE(r.ok());
    CHECK(contains(only_at(r.errors(), "ratio").message, "must be in [0.1, 1]"));
  }
  CHECK(contains(only_at(load_toml<Bounds>("ratio = 1.5").errors(), "ratio").message, "got 1.5"));
  CHECK(load_toml<Bounds>("ratio = 0.75").ok());
}

TEST_CASE("range<> on an unsigned field compares without sign surprises") {
  CHECK_FALSE(load_toml<Bounds>("level = 9").ok());
  CHECK_FALSE(load_toml<Bounds>("level = 21").ok());
  CHECK(load_toml<Bounds>("level = 12").ok());
}

TEST_CASE("min<>, max<>, gt<> and lt<> reject values past their bound") {
  CHECK(contains(only_at(load_toml<Bounds>("workers = 0").errors(), "workers").message, "must be at least 1"));
  CHECK(contains(only_at(load_toml<Bounds>("threads = 65").errors(), "threads").message, "must be at most 64"));
  CHECK(contains(only_at(load_toml<Bounds>("scale = 0").errors(), "scale").message, "must be greater than 0"));
  CHECK(contains(only_at(load_toml<Bounds>("scale = -1.5").errors(), "scale").message, "must be greater than 0"));
  CHECK(contains(only_at(load_toml<Bounds>("percent = 100").errors(), "percent").message, "must be less than 100"));
}

TEST_CASE("bounds on durations count in the duration's own unit") {
  auto too_long = load_toml<Bounds>("timeout = \"90s\"");
  CHECK(contains(only_at(too_long.errors(), "timeout").message, "must be in [1, 60]"));
  CHECK(contains(only_at(too_long.errors(), "timeout").message, "got 1m30s"));
  CHECK_FALSE(load_toml<Bounds>("timeout = \"0s\"").ok());
  CHECK(load_toml<Bounds>("timeout = \"45s\"").ok());

  // delay is in milliseconds: max<5000> is five seconds
  CHECK(load_toml<Bounds>("delay = \"5000ms\"").ok());
  CHECK(contains(only_at(load_toml<Bounds>("delay = \"6s\"").errors(), "delay").message, "must be at most 5000"));
  CHECK(contains(only_at(load_toml<Bounds>("ttl = \"0s\"").errors(), "ttl").message, "must be greater than 0"));
}

// --- lengths ---------------------------------------------------------------

TEST_CASE("length annotations accept strings and lists within their sizes") {
  auto r = load_toml<Lengths>(R"(
user = "alice"
nick = "12345678"
code = "abcd"
name = "x"
ports = [1, 2, 3]
tags = ["a", "b"]
ids = [1, 2, 3]
hosts = ["h1"]
limits = { mem = 2 }
)");
  INFO(strata::format(r.diagnostics()));
  CHECK(r.ok());
}

TEST_CASE("min_length<>, max_length<>, length<> and non_empty reject strings of the wrong size") {
  CHECK(contains(only_at(load_toml<Lengths>("user = \"al\"").errors(), "user").message,
                 "must have a length of at least 3"));
  CHECK(contains(only_at(load_toml<Lengths>("nick = \"123456789\"").errors(), "nick").message,
                 "must have a length of at most 8"));
  CHECK(contains(only_at(load_toml<Lengths>("code = \"a\"").errors(), "code").message,
                 "must have a length in [2, 4]"));
  CHECK(contains(only_at(load_toml<Lengths>("code = \"abcde\"").errors(), "code").message,
                 "must have a length in [2, 4]"));
  CHECK(contains(only_at(load_toml<Lengths>("name = \"\"").errors(), "name").message, "must not be empty"));
}

TEST_CASE("min_length<>, max_length<>, length<> and non_empty reject lists and tables of the wrong size") {
  CHECK(contains(only_at(load_toml<Lengths>("ports = [1]").errors(), "ports").message,
                 "must have a length of at least 2"));
  CHECK(contains(only_at(load_toml<Lengths>("tags = [\"a\", \"b\", \"c\"]").errors(), "tags").message,
                 "must have a length of at most 2"));
  CHECK(contains(only_at(load_toml<Lengths>("ids = []").errors(), "ids").message, "must have a length in [1, 3]"));
  CHECK(contains(only_at(load_toml<Lengths>("ids = [1, 2, 3, 4]").errors(), "ids").message,
                 "must have a length in [1, 3]"));
  CHECK(contains(only_at(load_toml<Lengths>("hosts = []").errors(), "hosts").message, "must not be empty"));
}

TEST_CASE("a length error on a list points at the list in the file") {
  auto r = load_toml<Lengths>("user = \"alice\"\n\nports = [7]\n");
  const auto e = only_at(r.errors(), "ports");
  CHECK(e.origin.kind == strata::origin_kind::file);
  CHECK(e.origin.line == 3);
}

// --- one_of ----------------------------------------------------------------

TEST_CASE("one_of<> accepts the listed numbers, strings and enumerators") {
  auto r = load_toml<Choices>("shards = 8\nlevel = \"warn\"\ncolor = \"green\"\n");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.value().shards == 8);
  CHECK(*r.value().level == "warn");
  CHECK(r.value().color == Color::green);
}

TEST_CASE("one_of<> rejects anything else and lists the allowed values") {
  const auto shards = only_at(load_toml<Choices>("shards = 3").errors(), "shards");
  CHECK(contains(shards.message, "must be one of 1, 2, 4, 8"));
  CHECK(contains(shards.message, "got 3"));
  const auto level = only_at(load_toml<Choices>("level = \"trace\"").errors(), "level");
  CHECK(contains(level.message, "must be one of 'debug', 'info', 'warn'"));
  CHECK(contains(level.message, "got 'trace'"));
  const auto color = only_at(load_toml<Choices>("color = \"blue\"").errors(), "color");
  CHECK(contains(color.message, "must be one of 'red', 'green'"));
}

// --- pattern ---------------------------------------------------------------

TEST_CASE("pattern<> must match the whole value") {
  CHECK(load_toml<Patterns>("slug = \"hello\"\nversion = \"v12.3\"").ok());
  for (const std::string text : {"slug = \"hello1\"", "slug = \"1hello\"", "slug = \"\"", "slug = \"Hello\""}) {
    CAPTURE(text);
    const auto e = only_at(load_toml<Patterns>(text).errors(), "slug");
    CHECK(contains(e.message, "must match the pattern '[a-z]+'"));
  }
  CHECK_FALSE(load_toml<Patterns>("version = \"v1.2-beta\"").ok());
  CHECK_FALSE(load_toml<Patterns>("version = \"release v1.2\"").ok());
}

// --- check -----------------------------------------------------------------

TEST_CASE("check<> runs the predicate and reports its message") {
  CHECK(load_toml<Checked>("replicas = 4\nroot = \"/srv\"").ok());
  const auto odd = only_at(load_toml<Checked>("replicas = 3").errors(), "replicas");
  CHECK(contains(odd.message, "must be even"));
  CHECK(contains(odd.message, "got 3"));
  const auto relative = only_at(load_toml<Checked>("root = \"srv\"").errors(), "root");
  CHECK(contains(relative.message, "must be an absolute path"));
}

// --- required --------------------------------------------------------------

TEST_CASE("required fields that no source sets are errors, even with a C++ default") {
  auto r = strata::configuration().load<Required>();
  CHECK_FALSE(r.ok());
  CHECK(r.errors().size() == 2);
  CHECK(contains(only_at(r.errors(), "token").message, "is required"));
  CHECK(contains(only_at(r.errors(), "region").message, "is required"));
  CHECK(at(r.errors(), "other").empty());
}

TEST_CASE("required fields are satisfied by any source") {
  auto file = load_toml<Required>("token = \"t\"\nregion = \"eu\"\n");
  CHECK(file.ok());
  CHECK(*file.value().token == "t");

  auto mixed = strata::configuration(strata::toml_text("token = \"t\"", "a.toml")).overrides({"region=us"}).load<Required>();
  CHECK(mixed.ok());
  CHECK(*mixed.value().region == "us");

  auto empty_string = load_toml<Required>("token = \"\"\nregion = \"\"\n");
  CHECK(empty_string.ok());  // set, even if empty: non_empty is a separate annotation
}

TEST_CASE("a required field inside a nested struct is an error when the whole table is missing") {
  auto missing = load_toml<NeedsVault>("other = 1");
  CHECK_FALSE(missing.ok());
  CHECK(contains(only_at(missing.errors(), "vault.token").message, "is required"));
  CHECK(load_toml<NeedsVault>("[vault]\ntoken = \"x\"").ok());
}

// --- doc -------------------------------------------------------------------

TEST_CASE("doc<> has no effect on loading") {
  const char* texts[] = {"workers = 8\nhost = \"h\"", "workers = 0", "workers = \"eight\"", "hosts = 1", ""};
  for (const std::string text : texts) {
    CAPTURE(text);
    const auto documented = load_toml<Documented>(text);
    auto plain = load_toml<Undocumented>(text);
    CHECK(documented.diagnostics() == plain.diagnostics());
    REQUIRE(documented.ok() == plain.ok());
    if (documented.ok()) {
      CHECK(documented.value().workers == plain.value().workers);
      CHECK(*documented.value().host == plain.value().host);
    }
  }
}

// ============================================================================
// secret: the value never appears in a report, whatever goes wrong with it.
// ============================================================================

namespace secret_spec {

using strata::annotated;

enum class Mode { normal, hidden };
BOOST_DESCRIBE_ENUM(Mode, normal, hidden)

struct Db {
  std::string host = "localhost";
  annotated<std::string, strata::secret, strata::min_length<12>> password = "default-password";
};
BOOST_DESCRIBE_STRUCT(Db, (), (host, password))

struct Secrets {
  annotated<std::string, strata::secret, strata::min_length<32>> jwt_secret = "0123456789abcdef0123456789abcdef";
  annotated<int, strata::secret> pin = 1234;
  annotated<std::string, strata::secret, strata::pattern<"[0-9a-f]+">> api_key = "abc";
  annotated<Mode, strata::secret> mode = Mode::normal;
  annotated<std::string, strata::secret, strata::one_of<"alpha", "beta">> choice = "alpha";
  annotated<std::vector<std::string>, strata::secret, strata::max_length<1>> tokens;
  annotated<std::chrono::seconds, strata::secret> rotation{std::chrono::seconds{60}};
  Db db;
  std::string name = "public";
};
BOOST_DESCRIBE_STRUCT(Secrets, (), (jwt_secret, pin, api_key, mode, choice, tokens, rotation, db, name))

}  // namespace secret_spec

using namespace secret_spec;
using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;

namespace {

/// Fails the test if `hidden` shows up anywhere a report can carry it.
void check_never_shown(const strata::result<Secrets>& r, std::string_view hidden) {
  const std::string report = strata::format(r.diagnostics());
  INFO("report:\n" << report);
  CHECK_FALSE(r.ok());  // each case below is invalid, so the secret had a chance to leak
  CHECK_FALSE(contains(report, hidden));
  CHECK_FALSE(contains(strata::to_json(r.diagnostics()), hidden));
  for (const strata::diagnostic& d : r.diagnostics()) {
    CHECK_FALSE(contains(d.message, hidden));
    CHECK_FALSE(contains(d.hint, hidden));
    CHECK_FALSE(contains(d.origin.name, hidden));
  }
  for (const auto& [path, origin] : r.origins()) CHECK_FALSE(contains(origin.name, hidden));
  try {
    (void)r.value();
    FAIL("value() should throw for an invalid configuration");
  } catch (const strata::config_error& e) {
    CHECK_FALSE(contains(e.what(), hidden));
  }
}

}  // namespace

TEST_CASE("a secret that fails min_length is reported without its value") {
  auto r = load_toml<Secrets>("jwt_secret = \"hunter2-is-too-short\"\n");
  const auto e = only_at(r.errors(), "jwt_secret");
  CHECK(contains(e.message, "must have a length of at least 32"));
  CHECK(e.origin.line == 1);  // where it came from is still shown
  check_never_shown(r, "hunter2");
}

TEST_CASE("a secret with the wrong type is reported without its value") {
  auto from_file = load_toml<Secrets>("pin = \"pin-7731\"\n");
  CHECK(contains(only_at(from_file.errors(), "pin").message, "expected an integer"));
  check_never_shown(from_file, "7731");

  auto out_of_range = load_toml<Secrets>("pin = 4294967296\n");
  CHECK(contains(only_at(out_of_range.errors(), "pin").message, "out of range"));
  check_never_shown(out_of_range, "4294967296");

  auto from_override = strata::configuration().overrides({"pin=pin-7731"}).load<Secrets>();
  CHECK(contains(only_at(from_override.errors(), "pin").message, "redacted"));
  check_never_shown(from_override, "7731");

  auto duration = strata::configuration().overrides({"rotation=rot-9977"}).load<Secrets>();
  CHECK_FALSE(only_at(duration.errors(), "rotation").message.empty());
  check_never_shown(duration, "9977");
}

TEST_CASE("a secret that fails a pattern or one_of is reported without its value") {
  auto pattern = load_toml<Secrets>("api_key = \"SECRET-KEY-XYZ\"\n");
  CHECK(contains(only_at(pattern.errors(), "api_key").message, "must match the pattern"));
  check_never_shown(pattern, "SECRET-KEY");

  auto choice = load_toml<Secrets>("choice = \"gamma-choice\"\n");
  // the allowed values of a secret are secrets too: only their number is told
  CHECK(only_at(choice.errors(), "choice").message == "must be one of 2 allowed values (secret)");
  check_never_shown(choice, "alpha");
  check_never_shown(choice, "gamma-choice");
}

TEST_CASE("a secret enum name that is wrong gets no did-you-mean echoing it") {
  auto r = load_toml<Secrets>("mode = \"hiddem\"\n");
  const auto e = only_at(r.errors(), "mode");
  CHECK(e.hint.empty());
  check_never_shown(r, "hiddem");
}

TEST_CASE("a secret list is reported without its elements") {
  auto r = load_toml<Secrets>("tokens = [\"tok-one\", \"tok-two\"]\n");
  CHECK(contains(only_at(r.errors(), "tokens").message, "must have a length of at most 1"));
  check_never_shown(r, "tok-");
}

TEST_CASE("a secret given as an override or argument is not echoed through its origin") {
  auto over = strata::configuration().overrides({"jwt_secret=hunter2-override"}).load<Secrets>();
  const auto e = only_at(over.errors(), "jwt_secret");
  CHECK(e.origin.kind == strata::origin_kind::overrides);
  CHECK(contains(e.origin.name, "jwt_secret"));
  check_never_shown(over, "hunter2");

  const char* argv[] = {"app", "db.password=hunter2-arg", "serve"};
  auto arg = strata::configuration(strata::args(3, argv)).load<Secrets>();
  const auto p = only_at(arg.errors(), "db.password");
  CHECK(p.origin.kind == strata::origin_kind::args);
  check_never_shown(arg, "hunter2");
}

TEST_CASE("a secret inside a whole-table override is not echoed through a sibling's origin") {
  auto over = strata::configuration().overrides({R"(db={password="hunter2-in-table", host=5})"}).load<Secrets>();
  const auto e = only_at(over.errors(), "db.host");
  CHECK(e.origin.name == "db={…}");
  check_never_shown(over, "hunter2");
}

TEST_CASE("a TOML syntax error never splits the report with a raw newline") {
  auto r = load_toml<Secrets>("name = tru\n");
  REQUIRE(r.errors().size() == 1);
  CHECK_FALSE(contains(r.errors()[0].message, "\n"));
}

TEST_CASE("a valid secret is loaded as given") {
  auto r = strata::configuration(strata::toml_text("jwt_secret = \"abcdefghijklmnopqrstuvwxyz0123456789\"\n"))
               .overrides({"db.password=correct-horse-battery"})
               .load<Secrets>();
  REQUIRE(r.ok());
  CHECK(*r.value().jwt_secret == "abcdefghijklmnopqrstuvwxyz0123456789");
  CHECK(*r.value().db.password == "correct-horse-battery");
}

TEST_CASE("non-secret fields still show their values") {
  auto r = load_toml<Secrets>("db = { host = 5 }\nname = 7\n");
  CHECK(contains(only_at(r.errors(), "db.host").message, "expected a string, got an integer"));
  auto override_text = strata::configuration().overrides({"name=[1]"}).load<Secrets>();
  CHECK(only_at(override_text.errors(), "name").origin.name == "name=[1]");
}

namespace element_spec {
struct Elements {
  std::vector<strata::annotated<std::string, strata::pattern<"https?://.+">>> origins;
  std::map<std::string, strata::annotated<int, strata::range<1, 10>>> weights;
  std::vector<strata::annotated<std::string, strata::secret, strata::min_length<8>>> keys;
};
BOOST_DESCRIBE_STRUCT(Elements, (), (origins, weights, keys))
}  // namespace element_spec

TEST_CASE("annotations on list elements and map values check each one") {
  auto r = load_toml<element_spec::Elements>(
      "origins = [\"https://a\", \"ftp://b\"]\nweights = {a = 3, b = 30}\nkeys = [\"long-enough\", \"hunter2\"]\n");
  CHECK(contains(only_at(r.errors(), "origins[1]").message, "must match the pattern"));
  CHECK(contains(only_at(r.errors(), "weights.b").message, "must be in [1, 10]"));
  CHECK(only_at(r.errors(), "keys[1]").origin.line == 3);
  CHECK(r.errors().size() == 3);
  CHECK_FALSE(contains(strata::format(r.diagnostics()), "hunter2"));
  element_spec::Elements e;
  e.origins.emplace_back("mailto:x");
  CHECK_FALSE(strata::valid(e));
}
