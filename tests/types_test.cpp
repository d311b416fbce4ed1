// Every supported field type. Scalars: bool, every integer width
// (range-checked, never wrapped), float/double, std::string,
// std::filesystem::path, described enums and std::chrono durations, from
// TOML files and from override text. Compound: std::optional, std::vector
// (replaced whole across layers), std::map and std::unordered_map<std::string,
// T> and nested structs (merged key by key), with element paths in errors.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "support.hpp"

namespace scalars_spec {

struct Flags {
  bool debug = false;
  bool verbose = true;
};
BOOST_DESCRIBE_STRUCT(Flags, (), (debug, verbose))

struct Integers {
  std::int8_t i8 = 0;
  std::uint8_t u8 = 0;
  std::int16_t i16 = 0;
  std::uint16_t u16 = 0;
  std::int32_t i32 = 0;
  std::uint32_t u32 = 0;
  std::int64_t i64 = 0;
  std::uint64_t u64 = 0;
  int plain = 0;
  unsigned long ul = 0;
};
BOOST_DESCRIBE_STRUCT(Integers, (), (i8, u8, i16, u16, i32, u32, i64, u64, plain, ul))

struct Floats {
  double ratio = 0.0;
  float scale = 0.0f;
};
BOOST_DESCRIBE_STRUCT(Floats, (), (ratio, scale))

struct Texts {
  std::string name = "default";
  std::filesystem::path dir = "/var/lib/app";
};
BOOST_DESCRIBE_STRUCT(Texts, (), (name, dir))

enum class Device { auto_, cpu, cuda, mps };
BOOST_DESCRIBE_ENUM(Device, auto_, cpu, cuda, mps)

enum Level { quiet, normal, loud };  // an unscoped enum works the same
BOOST_DESCRIBE_ENUM(Level, quiet, normal, loud)

struct Enums {
  Device device = Device::cpu;
  Level level = normal;
};
BOOST_DESCRIBE_STRUCT(Enums, (), (device, level))

struct Durations {
  std::chrono::milliseconds read_timeout{2500};
  std::chrono::seconds idle{30};
  std::chrono::minutes ttl{5};
  std::chrono::hours retention{24};
  std::chrono::nanoseconds tick{1};
  std::chrono::duration<double> smooth{1.0};
};
BOOST_DESCRIBE_STRUCT(Durations, (), (read_timeout, idle, ttl, retention, tick, smooth))

}  // namespace scalars_spec

using namespace scalars_spec;
using namespace std::chrono_literals;
using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;

template <class T>
strata::result<T> load_overrides(std::initializer_list<std::string_view> settings) {
  return strata::configuration().overrides(settings).load<T>();
}

// --- bool ------------------------------------------------------------------

TEST_CASE("bool fields take TOML booleans") {
  auto r = load_toml<Flags>("debug = true\nverbose = false\n");
  REQUIRE(r.ok());
  CHECK(r.value().debug);
  CHECK_FALSE(r.value().verbose);
}

TEST_CASE("bool fields reject other TOML types in a file") {
  for (const std::string text : {"debug = \"yes\"", "debug = 1", "debug = \"true\""}) {
    CAPTURE(text);
    auto r = load_toml<Flags>(text);
    CHECK(contains(only_at(r.errors(), "debug").message, "expected a boolean"));
    CHECK_THROWS_AS((void)r.value(), strata::config_error);
  }
}

TEST_CASE("bool text accepts true/false/1/0/yes/no/on/off in any case, nothing else") {
  for (const std::string yes : {"debug=true", "debug=TRUE", "debug=1", "debug=yes", "debug=On", "debug= yes "}) {
    CAPTURE(yes);
    auto r = load_overrides<Flags>({yes});
    REQUIRE(r.ok());
    CHECK(r.value().debug);
  }
  for (const std::string no : {"verbose=false", "verbose=0", "verbose=NO", "verbose=off"}) {
    CAPTURE(no);
    auto r = load_overrides<Flags>({no});
    REQUIRE(r.ok());
    CHECK_FALSE(r.value().verbose);
  }
  for (const std::string bad : {"debug=maybe", "debug=2", "debug=", "debug=y", "debug=truee"}) {
    CAPTURE(bad);
    const auto e = only_at(load_overrides<Flags>({bad}).errors(), "debug");
    CHECK(contains(e.message, "not a boolean"));
    CHECK_FALSE(e.hint.empty());
  }
}

// --- integers --------------------------------------------------------------

TEST_CASE("every integer width loads its whole range") {
  auto r = load_toml<Integers>(R"(
i8 = -128
u8 = 255
i16 = -32768
u16 = 65535
i32 = -2147483648
u32 = 4294967295
i64 = -9223372036854775808
u64 = 9223372036854775807
plain = 42
ul = 7
)");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  const Integers& v = r.value();
  CHECK(v.i8 == -128);
  CHECK(v.u8 == 255);
  CHECK(v.i16 == -32768);
  CHECK(v.u16 == 65535);
  CHECK(v.i32 == std::numeric_limits<std::int32_t>::min());
  CHECK(v.u32 == 4294967295u);
  CHECK(v.i64 == std::numeric_limits<std::int64_t>::min());
  CHECK(v.u64 == 9223372036854775807ull);
  CHECK(v.plain == 42);
  CHECK(v.ul == 7ul);

  auto max = load_toml<Integers>("i64 = 9223372036854775807\n");
  REQUIRE(max.ok());
  CHECK(max.value().i64 == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("an integer too large for its field is an error, never wrapped") {
  auto r = load_toml<Integers>("u16 = 70000\n");
  CHECK_FALSE(r.ok());
  const auto e = only_at(r.errors(), "u16");
  CHECK(contains(e.message, "'70000' is out of range for uint16_t [0, 65535]"));
  CHECK(e.origin.line == 1);
  CHECK(r.origins().size() >= 1);

  struct limits_case {
    const char* text;
    const char* path;
    const char* type;
  };
  for (const limits_case c : {limits_case{"i8 = 128", "i8", "int8_t"}, limits_case{"i8 = -129", "i8", "int8_t"},
                              limits_case{"u8 = 256", "u8", "uint8_t"}, limits_case{"i16 = 32768", "i16", "int16_t"},
                              limits_case{"i32 = 2147483648", "i32", "int32_t"},
                              limits_case{"u32 = 4294967296", "u32", "uint32_t"}}) {
    CAPTURE(c.text);
    const auto error = only_at(load_toml<Integers>(c.text).errors(), c.path);
    CHECK(contains(error.message, "out of range for"));
    CHECK(contains(error.message, c.type));
  }
}

TEST_CASE("a wrapped value never reaches the field") {
  // 65536 would wrap to 0 and 70000 to 4464 in a uint16_t
  auto r = strata::configuration(strata::toml_text("u16 = 65535", "base.toml"), strata::toml_text("u16 = 65536", "top.toml"))
               .load<Integers>();
  CHECK_FALSE(r.ok());
  CHECK(r.errors().size() == 1);
}

TEST_CASE("a negative number into an unsigned field is an error") {
  for (const std::string text : {"u8 = -1", "u16 = -1", "u32 = -1", "u64 = -1", "ul = -5"}) {
    CAPTURE(text);
    auto r = load_toml<Integers>(text);
    REQUIRE(r.errors().size() == 1);
    CHECK(contains(r.errors().front().message, "out of range"));
  }
  const auto e = only_at(load_overrides<Integers>({"u32=-1"}).errors(), "u32");
  CHECK(contains(e.message, "out of range for uint32_t"));
}

TEST_CASE("int64 and uint64 bounds are exact in override text") {
  auto ok = load_overrides<Integers>({"i64=-9223372036854775808", "u64=18446744073709551615"});
  REQUIRE(ok.ok());
  CHECK(ok.value().i64 == std::numeric_limits<std::int64_t>::min());
  CHECK(ok.value().u64 == std::numeric_limits<std::uint64_t>::max());

  CHECK(contains(only_at(load_overrides<Integers>({"i64=9223372036854775808"}).errors(), "i64").message,
                 "out of range for int64_t"));
  CHECK(contains(only_at(load_overrides<Integers>({"i64=-9223372036854775809"}).errors(), "i64").message,
                 "out of range for int64_t"));
  CHECK(contains(only_at(load_overrides<Integers>({"u64=18446744073709551616"}).errors(), "u64").message,
                 "out of range for uint64_t"));
}

TEST_CASE("integer text must be a whole integer") {
  auto ok = load_overrides<Integers>({"plain=+17", "i16= -3 "});
  REQUIRE(ok.ok());
  CHECK(ok.value().plain == 17);
  CHECK(ok.value().i16 == -3);
  for (const std::string bad : {"plain=12abc", "plain=abc", "plain=1.5", "plain=", "plain=0x10", "plain=+-5", "plain=--5"}) {
    CAPTURE(bad);
    CHECK(contains(only_at(load_overrides<Integers>({bad}).errors(), "plain").message, "not an integer"));
  }
}

TEST_CASE("a TOML string or float for an integer field is an error") {
  const auto s = only_at(load_toml<Integers>("plain = \"8080\"").errors(), "plain");
  CHECK(contains(s.message, "expected an integer, got a string"));
  const auto f = only_at(load_toml<Integers>("plain = 3.0").errors(), "plain");
  CHECK(contains(f.message, "expected an integer, got a float"));
  CHECK(contains(only_at(load_toml<Integers>("plain = true").errors(), "plain").message, "got a boolean"));
}

// --- floating point ----------------------------------------------------------

TEST_CASE("float and double fields take TOML floats and integers") {
  auto r = load_toml<Floats>("ratio = 0.25\nscale = 3\n");
  REQUIRE(r.ok());
  CHECK(r.value().ratio == doctest::Approx(0.25));
  CHECK(r.value().scale == doctest::Approx(3.0f));

  auto text = load_overrides<Floats>({"ratio=1e-3", "scale=-2"});
  REQUIRE(text.ok());
  CHECK(text.value().ratio == doctest::Approx(0.001));
  CHECK(text.value().scale == doctest::Approx(-2.0f));
}

TEST_CASE("float and double fields reject strings and out-of-range values") {
  CHECK(contains(only_at(load_toml<Floats>("ratio = \"0.5\"").errors(), "ratio").message,
                 "expected a number, got a string"));
  CHECK(contains(only_at(load_toml<Floats>("scale = 1e39").errors(), "scale").message, "out of range for float"));
  CHECK(contains(only_at(load_overrides<Floats>({"ratio=half"}).errors(), "ratio").message, "not a number"));
  CHECK(contains(only_at(load_overrides<Floats>({"ratio=0.5x"}).errors(), "ratio").message, "not a number"));
  CHECK(contains(only_at(load_overrides<Floats>({"ratio=+-0.5"}).errors(), "ratio").message, "not a number"));
}

// --- strings and paths -------------------------------------------------------

TEST_CASE("string and path fields take TOML strings") {
  auto r = load_toml<Texts>("name = \"x y\"\ndir = \"/srv/data\"\n");
  REQUIRE(r.ok());
  CHECK(r.value().name == "x y");
  CHECK(r.value().dir == std::filesystem::path("/srv/data"));

  auto unset = strata::configuration().load<Texts>();
  CHECK(unset.value().dir == std::filesystem::path("/var/lib/app"));
}

TEST_CASE("string and path fields reject other TOML types") {
  CHECK(contains(only_at(load_toml<Texts>("name = 5").errors(), "name").message, "expected a string, got an integer"));
  CHECK(contains(only_at(load_toml<Texts>("dir = [\"a\"]").errors(), "dir").message, "expected a string, got a list"));
}

// --- enums -------------------------------------------------------------------

TEST_CASE("enum fields match names case-insensitively") {
  for (const std::string name : {"cuda", "CUDA", "Cuda"}) {
    CAPTURE(name);
    auto r = load_toml<Enums>(std::string("device = \"") + name + "\"");
    REQUIRE(r.ok());
    CHECK(r.value().device == Device::cuda);
  }
  auto level = load_toml<Enums>("level = \"LOUD\"");
  REQUIRE(level.ok());
  CHECK(level.value().level == loud);
}

TEST_CASE("a trailing '_' is dropped from an enumerator's name") {
  auto r = load_toml<Enums>("device = \"auto\"");
  REQUIRE(r.ok());
  CHECK(r.value().device == Device::auto_);
  auto spelled = load_toml<Enums>("device = \"auto_\"");
  CHECK_FALSE(spelled.ok());
  CHECK(only_at(spelled.errors(), "device").hint == "did you mean 'auto'?");
}

TEST_CASE("a bad enum name lists the valid names and suggests the closest") {
  auto r = load_toml<Enums>("device = \"gpu\"");
  const auto e = only_at(r.errors(), "device");
  CHECK(contains(e.message, "'gpu' is not one of 'auto', 'cpu', 'cuda', 'mps'"));
  CHECK(e.hint == "did you mean 'cpu'?");

  const auto far = only_at(load_toml<Enums>("device = \"quantum\"").errors(), "device");
  CHECK(contains(far.message, "not one of"));
  CHECK(far.hint.empty());

  const auto from_text = only_at(load_overrides<Enums>({"device=cdua"}).errors(), "device");
  CHECK(from_text.hint == "did you mean 'cuda'?");
}

TEST_CASE("an enum field rejects a number") {
  const auto e = only_at(load_toml<Enums>("device = 1").errors(), "device");
  CHECK(contains(e.message, "expected a string naming one of 'auto', 'cpu', 'cuda', 'mps'"));
}

// --- durations ---------------------------------------------------------------

TEST_CASE("durations are strings with units") {
  auto r = load_toml<Durations>(R"(
read_timeout = "250ms"
idle = "30s"
ttl = "1h30m"
retention = "2d"
tick = "1500ns"
smooth = "1500ms"
)");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.value().read_timeout == 250ms);
  CHECK(r.value().idle == 30s);
  CHECK(r.value().ttl == 90min);
  CHECK(r.value().retention == 48h);
  CHECK(r.value().tick == 1500ns);
  CHECK(r.value().smooth.count() == doctest::Approx(1.5));

  auto more = load_toml<Durations>("read_timeout = \"5m\"\nidle = \"1h\"\nttl = \"2d\"\ntick = \"3us\"\n");
  REQUIRE(more.ok());
  CHECK(more.value().read_timeout == 300000ms);
  CHECK(more.value().idle == 3600s);
  CHECK(more.value().ttl == 2880min);
  CHECK(more.value().tick == 3000ns);
}

TEST_CASE("a bare number is not a duration") {
  const auto integer = only_at(load_toml<Durations>("idle = 30").errors(), "idle");
  CHECK(contains(integer.message, "expected a duration string"));
  const auto text = only_at(load_toml<Durations>("idle = \"30\"").errors(), "idle");
  CHECK(contains(text.message, "'30' is not a duration"));
  CHECK(contains(text.hint, "add a unit"));
  CHECK_FALSE(load_overrides<Durations>({"idle=30"}).ok());
}

TEST_CASE("a duration that does not fit the field's unit is an error, not rounded") {
  const auto e = only_at(load_toml<Durations>("idle = \"250ms\"").errors(), "idle");
  CHECK(contains(e.message, "'250ms' is not a whole number of seconds"));
  CHECK(contains(e.hint, "never rounds"));
  CHECK(contains(only_at(load_toml<Durations>("ttl = \"90s\"").errors(), "ttl").message, "not a whole number of minutes"));
  CHECK(load_toml<Durations>("ttl = \"120s\"").ok());
  CHECK(load_toml<Durations>("idle = \"2000ms\"").ok());
}

TEST_CASE("malformed durations are errors") {
  for (const std::string text : {"idle = \"\"", "idle = \"1.5s\"", "idle = \"10 parsecs\"", "idle = \"s\"", "idle = \"1h30\"",
                           "idle = \"-5s\"", "idle = \"5x\""}) {
    CAPTURE(text);
    auto r = load_toml<Durations>(text);
    CHECK_FALSE(r.ok());
    CHECK(r.errors().size() == 1);
  }
}

// ============================================================================
// Compound types: std::optional, std::vector, maps and nested structs.
// ============================================================================

namespace containers_spec {

using strata::annotated;

struct Endpoint {
  std::string host = "localhost";
  annotated<int, strata::range<1, 65535>> port = 80;
};
BOOST_DESCRIBE_STRUCT(Endpoint, (), (host, port))

struct Containers {
  std::optional<int> retries;
  std::optional<std::string> proxy;
  std::optional<Endpoint> fallback;
  std::vector<std::string> origins;
  std::vector<int> ports{1, 2};
  std::vector<Endpoint> upstreams;
  std::vector<std::vector<int>> matrix;
  std::map<std::string, std::string> labels{{"team", "core"}};
  std::unordered_map<std::string, int> limits;
  std::map<std::string, Endpoint> backends;
  Endpoint primary;
};
BOOST_DESCRIBE_STRUCT(Containers, (), (retries, proxy, fallback, origins, ports, upstreams, matrix, labels, limits,
                                      backends, primary))

}  // namespace containers_spec

using namespace containers_spec;
using strata_test::at;
using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;

namespace {
strata::result<Containers> layered(std::string base, std::string top) {
  return strata::configuration(strata::toml_text(std::move(base), "base.toml"), strata::toml_text(std::move(top), "top.toml"))
      .load<Containers>();
}
}  // namespace

// --- optional ----------------------------------------------------------------

TEST_CASE("an optional field no source sets stays empty") {
  auto r = strata::configuration().load<Containers>();
  REQUIRE(r.ok());
  CHECK_FALSE(r.value().retries.has_value());
  CHECK_FALSE(r.value().proxy.has_value());
  CHECK_FALSE(r.value().fallback.has_value());
}

TEST_CASE("an optional field that a source sets holds the value") {
  auto r = load_toml<Containers>("retries = 3\nproxy = \"http://proxy\"\n[fallback]\nport = 8080\n");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.value().retries == 3);
  CHECK(r.value().proxy == "http://proxy");
  REQUIRE(r.value().fallback.has_value());
  CHECK(r.value().fallback->host == "localhost");  // unset fields of the struct keep their defaults
  CHECK(r.value().fallback->port == 8080);
}

TEST_CASE("an optional field reports errors of its value type") {
  CHECK(contains(only_at(load_toml<Containers>("retries = \"3\"").errors(), "retries").message, "expected an integer"));
  CHECK(contains(only_at(load_toml<Containers>("[fallback]\nport = 0").errors(), "fallback.port").message,
                 "must be in [1, 65535]"));
}

// --- vector ------------------------------------------------------------------

TEST_CASE("a list field takes a TOML array") {
  auto r = load_toml<Containers>(R"(
origins = ["a", "b", "c"]
ports = []
matrix = [[1, 2], [3]]
[[upstreams]]
host = "u1"
[[upstreams]]
port = 9000
)");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.value().origins == std::vector<std::string>{"a", "b", "c"});
  CHECK(r.value().ports.empty());
  CHECK(r.value().matrix == std::vector<std::vector<int>>{{1, 2}, {3}});
  REQUIRE(r.value().upstreams.size() == 2);
  CHECK(r.value().upstreams[0].host == "u1");
  CHECK(r.value().upstreams[0].port == 80);
  CHECK(r.value().upstreams[1].host == "localhost");
  CHECK(r.value().upstreams[1].port == 9000);
}

TEST_CASE("an element error names the element's index and position") {
  auto r = load_toml<Containers>("origins = [\"a\", \"b\", 3]\n");
  const auto e = only_at(r.errors(), "origins[2]");
  CHECK(contains(e.message, "expected a string, got an integer"));
  CHECK(e.origin.kind == strata::origin_kind::file);
  CHECK(e.origin.name == "config.toml");
  CHECK(e.origin.line == 1);
  CHECK(e.origin.column == 22);
}

TEST_CASE("errors inside list elements have full paths") {
  auto r = load_toml<Containers>(R"(
matrix = [[1], [2, "x"]]
[[upstreams]]
host = "ok"
[[upstreams]]
port = 70000
prot = 1
)");
  CHECK(r.errors().size() == 3);
  CHECK(contains(only_at(r.errors(), "matrix[1][1]").message, "expected an integer"));
  CHECK(contains(only_at(r.errors(), "upstreams[1].port").message, "must be in [1, 65535]"));
  const auto unknown = only_at(r.errors(), "upstreams[1].prot");
  CHECK(unknown.hint == "did you mean 'port'?");
  CHECK(unknown.origin.line == 7);
}

TEST_CASE("a list in a higher layer replaces the lower one whole") {
  auto r = layered("origins = [\"a\", \"b\", \"c\"]\nports = [1, 2, 3]\n", "origins = [\"d\"]\n");
  REQUIRE(r.ok());
  CHECK(r.value().origins == std::vector<std::string>{"d"});
  CHECK(r.value().ports == std::vector<int>{1, 2, 3});  // untouched by the top layer
  CHECK(r.origin_of("origins").name == "top.toml");
  CHECK(r.origin_of("ports").name == "base.toml");

  auto emptied = layered("origins = [\"a\"]", "origins = []");
  REQUIRE(emptied.ok());
  CHECK(emptied.value().origins.empty());
}

TEST_CASE("a list of tables in a higher layer replaces the lower one whole") {
  auto r = layered("[[upstreams]]\nhost = \"a\"\n[[upstreams]]\nhost = \"b\"\n", "[[upstreams]]\nport = 81\n");
  REQUIRE(r.ok());
  REQUIRE(r.value().upstreams.size() == 1);
  CHECK(r.value().upstreams[0].host == "localhost");
  CHECK(r.value().upstreams[0].port == 81);
}

TEST_CASE("only the effective list is decoded") {
  auto r = layered("origins = [1, 2]", "origins = [\"fine\"]");
  CHECK(r.ok());
}

TEST_CASE("a list field rejects a non-array") {
  const auto e = only_at(load_toml<Containers>("origins = \"a,b\"").errors(), "origins");
  CHECK(contains(e.message, "expected a list, got a string"));
}

// --- maps --------------------------------------------------------------------

TEST_CASE("map fields take a TOML table with any keys") {
  auto r = load_toml<Containers>(R"(
[labels]
env = "prod"
"a.b" = "dotted"
[limits]
cpu = 2
mem = 512
[backends.eu]
host = "eu.example"
)");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.value().labels.at("team") == "core");  // the C++ default entry stays
  CHECK(r.value().labels.at("env") == "prod");
  CHECK(r.value().labels.at("a.b") == "dotted");
  CHECK(r.value().limits.at("cpu") == 2);
  CHECK(r.value().limits.at("mem") == 512);
  CHECK(r.value().backends.at("eu").host == "eu.example");
  CHECK(r.value().backends.at("eu").port == 80);
}

TEST_CASE("maps merge key by key across layers") {
  auto r = layered("[labels]\nteam = \"infra\"\nenv = \"dev\"\n[limits]\ncpu = 1\n[backends.eu]\nhost = \"eu\"\n",
                   "[labels]\nenv = \"prod\"\n[limits]\nmem = 2\n[backends.eu]\nport = 81\n[backends.us]\nport = 82\n");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  const Containers& c = r.value();
  CHECK(c.labels == std::map<std::string, std::string>{{"team", "infra"}, {"env", "prod"}});
  CHECK(c.limits == std::unordered_map<std::string, int>{{"cpu", 1}, {"mem", 2}});
  REQUIRE(c.backends.size() == 2);
  CHECK(c.backends.at("eu").host == "eu");
  CHECK(c.backends.at("eu").port == 81);
  CHECK(c.backends.at("us").host == "localhost");
  CHECK(c.backends.at("us").port == 82);
  CHECK(r.origin_of("labels.env").name == "top.toml");
  CHECK(r.origin_of("labels.team").name == "base.toml");
}

TEST_CASE("an error in a map entry names the entry") {
  auto r = load_toml<Containers>("[limits]\ncpu = \"two\"\n[labels]\n\"a.b\" = 1\n[backends.eu]\nport = 0\n");
  CHECK(r.errors().size() == 3);
  CHECK(contains(only_at(r.errors(), "limits.cpu").message, "expected an integer"));
  CHECK(contains(only_at(r.errors(), "labels.\"a.b\"").message, "expected a string"));
  CHECK(contains(only_at(r.errors(), "backends.eu.port").message, "must be in [1, 65535]"));
  CHECK(only_at(r.errors(), "limits.cpu").origin.line == 2);
}

TEST_CASE("a map field rejects a non-table") {
  CHECK(contains(only_at(load_toml<Containers>("limits = [1]").errors(), "limits").message,
                 "expected a table, got a list"));
}

// --- nested structs ------------------------------------------------------------

TEST_CASE("nested structs merge key by key across layers") {
  auto r = layered("[primary]\nhost = \"db.internal\"\nport = 5432\n", "[primary]\nport = 6432\n");
  REQUIRE(r.ok());
  CHECK(r.value().primary.host == "db.internal");
  CHECK(r.value().primary.port == 6432);
  CHECK(r.origin_of("primary.host").name == "base.toml");
  CHECK(r.origin_of("primary.port").name == "top.toml");
  CHECK(r.origin_of("primary.port").line == 2);
}

TEST_CASE("a nested struct accepts dotted keys and inline tables") {
  auto dotted = load_toml<Containers>("primary.host = \"a\"\nprimary.port = 1\n");
  REQUIRE(dotted.ok());
  CHECK(dotted.value().primary.host == "a");
  auto inline_table = load_toml<Containers>("primary = { host = \"b\", port = 2 }\n");
  REQUIRE(inline_table.ok());
  CHECK(inline_table.value().primary.port == 2);
}

TEST_CASE("a nested struct rejects a non-table and keeps its defaults") {
  auto r = load_toml<Containers>("primary = 5\n");
  const auto e = only_at(r.errors(), "primary");
  CHECK(contains(e.message, "expected a table, got an integer"));
  CHECK(at(r.errors(), "primary.host").empty());
}
