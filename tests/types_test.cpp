// Every supported scalar field type: bool, every integer width
// (range-checked, never wrapped), float/double, std::string,
// std::filesystem::path, described enums and std::chrono durations, from
// TOML files and from override text.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
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
  for (const std::string bad : {"plain=12abc", "plain=abc", "plain=1.5", "plain=", "plain=+-5", "plain=--5", "plain=0x",
                                "plain=-0x10", "plain=1__000", "plain=_1", "plain=1_", "plain=0b102", "plain=0X10"}) {
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
                           "idle = \"--5s\"", "idle = \"5s-\"", "idle = \"5x\""}) {
    CAPTURE(text);
    auto r = load_toml<Durations>(text);
    CHECK_FALSE(r.ok());
    CHECK(r.errors().size() == 1);
  }
}

TEST_CASE("a negative duration reads back as format_duration writes it") {
  auto r = load_toml<Durations>("read_timeout = \"-1500ms\"\n");
  REQUIRE(r.ok());
  CHECK(r.value().read_timeout == std::chrono::milliseconds(-1500));
  CHECK(strata::detail::format_duration(r.value().read_timeout) == "-1s500ms");
}
