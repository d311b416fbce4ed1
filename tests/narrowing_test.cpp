// tests/narrowing_test.cpp: every conversion is exact or an error. Numbers
// as text read TOML's notations (`0x10`, `1_000`, `inf`) like files do;
// nothing is rounded to zero, wrapped, or added up twice (`1h1h`).
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <boost/describe.hpp>

#include "support.hpp"

namespace narrowing_test {

using namespace std::chrono;

enum class Level { low, high };
BOOST_DESCRIBE_ENUM(Level, low, high)

struct Numbers {
  int port = 0;
  std::int64_t big = 0;
  std::uint8_t small = 0;
  float f = 0;
  double d = 0;
  Level level = Level::low;
};
BOOST_DESCRIBE_STRUCT(Numbers, (), (port, big, small, f, d, level))
STRATA_CONFIGURED(Numbers, {.prefix = "NW_"})

struct Durations {
  milliseconds timeout{0};
  hours retention{0};
  duration<std::uint32_t> unsigned_s{0};
  strata::annotated<nanoseconds, strata::duration_unit<seconds>> counted{0};
  sys_time<nanoseconds> at{};
  nanoseconds fine{0};
};
BOOST_DESCRIBE_STRUCT(Durations, (), (timeout, retention, unsigned_s, counted, at, fine))

template <class T>
strata::result<T> with(std::vector<std::string> settings) {
  return strata::configuration().overrides(std::move(settings)).load<T>();
}

}  // namespace narrowing_test

using namespace narrowing_test;
using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;

TEST_CASE("overrides, arguments and env read TOML's integer notations") {
  for (const auto& [text, value] : std::vector<std::pair<std::string, int>>{
           {"0x10", 16}, {"0xff_ff", 65535}, {"0o17", 15}, {"0b101", 5}, {"1_000", 1000}, {"-1_000", -1000},
           {"+8_080", 8080}}) {
    CAPTURE(text);
    const auto r = with<Numbers>({"port=" + text});
    REQUIRE(r.ok());
    CHECK(r->port == value);
  }
  const auto a = strata::configuration(strata::args({"big=0x7fff_ffff_ffff_ffff"})).load<Numbers>();
  REQUIRE(a.ok());
  CHECK(a->big == std::numeric_limits<std::int64_t>::max());
  const auto e = strata::configuration(strata::env(std::map<std::string, std::string>{{"NW_PORT", "0o777"}})).load<Numbers>();
  REQUIRE(e.ok());
  CHECK(e->port == 0777);
  // beyond the field's type: out of range, never wrapped
  CHECK(contains(only_at(with<Numbers>({"port=0xDEAD_beef"}).errors(), "port").message, "out of range for int32_t"));
  CHECK(contains(only_at(with<Numbers>({"small=0x100"}).errors(), "small").message, "out of range for uint8_t"));
}

TEST_CASE("floats as text read TOML's notations: digit groups, inf and nan") {
  const auto r = with<Numbers>({"d=1_000.5", "f=-inf"});
  REQUIRE(r.ok());
  CHECK(r->d == 1000.5);
  CHECK(r->f == -std::numeric_limits<float>::infinity());
  const auto n = with<Numbers>({"d=nan"});
  REQUIRE(n.ok());
  CHECK(std::isnan(n->d));
  CHECK(contains(only_at(with<Numbers>({"d=1__0.5"}).errors(), "d").message, "not a number"));
}

TEST_CASE("a float field never rounds a non-zero value to 0, and holds its largest value") {
  const auto tiny = only_at(load_toml<Numbers>("f = 1e-50").errors(), "f");
  CHECK(tiny.message == "'1e-50' is too small for float: it would be 0");
  CHECK(contains(only_at(with<Numbers>({"f=1e-50"}).errors(), "f").message, "too small for float"));
  // a double reports what is beyond it the same way
  CHECK(contains(only_at(with<Numbers>({"d=1e-400"}).errors(), "d").message, "out of range for a double"));
  // the largest float, as a float prints it (above FLT_MAX as a double, but it rounds to it)
  const auto max = load_toml<Numbers>("f = 3.4028235e+38");
  REQUIRE(max.ok());
  CHECK(max->f == std::numeric_limits<float>::max());
  CHECK(contains(only_at(load_toml<Numbers>("f = 3.4028236e+38").errors(), "f").message, "out of range for float"));
  // subnormal floats are values, not zero
  const auto sub = load_toml<Numbers>("f = 1e-45");
  REQUIRE(sub.ok());
  CHECK(sub->f == std::numeric_limits<float>::denorm_min());
}

TEST_CASE("a TOML integer a float field cannot hold exactly is an error") {
  const auto exact = load_toml<Numbers>("d = 9007199254740992\nf = 16777216");
  REQUIRE(exact.ok());
  CHECK(exact->d == 9007199254740992.0);
  const auto d = only_at(load_toml<Numbers>("d = 9007199254740993").errors(), "d");
  CHECK(d.message == "'9007199254740993' is not exactly representable as a double");
  CHECK(contains(only_at(load_toml<Numbers>("f = 16777217").errors(), "f").message,
                 "not exactly representable as a float"));
  CHECK(contains(only_at(load_toml<Numbers>("d = 9223372036854775807").errors(), "d").message,
                 "not exactly representable"));
}

TEST_CASE("an enum is never read from a number") {
  CHECK(only_at(load_toml<Numbers>("level = 1").errors(), "level").message ==
        "expected a string naming one of 'low', 'high', got an integer");
  CHECK(contains(only_at(with<Numbers>({"level=1"}).errors(), "level").message, "not one of 'low', 'high'"));
}

TEST_CASE("a duration names each unit once, the largest first: 1h1h is not 2h") {
  for (const std::string bad : {"1h1h", "30m1h", "1s1s", "5ms1s", "1m1d"}) {
    CAPTURE(bad);
    const auto e = only_at(with<Durations>({"timeout=" + bad}).errors(), "timeout");
    CHECK(e.message == "'" + bad + "' is not a duration");
    CHECK(contains(e.hint, "the largest first"));
  }
  const auto r = with<Durations>({"timeout=1d1h1m1s1ms"});
  REQUIRE(r.ok());
  CHECK(r->timeout == days(1) + hours(1) + minutes(1) + seconds(1) + milliseconds(1));
}

TEST_CASE("json_schema's duration pattern accepts what the loader reads, and nothing else") {
  const std::regex pattern{std::string(strata::detail::duration_pattern)};  // ECMAScript, as JSON Schema
  for (const std::string text : {"1h30m", "-5s", "250ms", "2d", "1m30s500ms", "0s", "1d1h1m1s1ms1us1ns",
                                 "-106751d23h47m16s854775808ns"}) {
    CAPTURE(text);
    CHECK(std::regex_match(text, pattern));
    CHECK(with<Durations>({"fine=" + text}).ok());
  }
  for (const std::string text : {"1h1h", "30m1h", "", "-", "5", "1.5s", "1ms1m", "30S"}) {
    CAPTURE(text);
    CHECK_FALSE(std::regex_match(text, pattern));
    CHECK_FALSE(with<Durations>({"fine=" + text}).ok());
  }
}

TEST_CASE("a duration beyond its field's ticks is out of range, never wrapped") {
  // 2^63 ms is 106751991167d7h12m55s808ms
  CHECK(only_at(with<Durations>({"timeout=106751991167d7h12m55s808ms"}).errors(), "timeout").message ==
        "'106751991167d7h12m55s808ms' is duration out of range");
  const auto max = with<Durations>({"timeout=106751991167d7h12m55s807ms"});
  REQUIRE(max.ok());
  CHECK(max->timeout == milliseconds::max());
  // hours' largest value is far beyond 2^63 nanoseconds, and still exact
  const auto h = with<Durations>({"retention=" + strata::detail::format_duration(hours::max())});
  REQUIRE(h.ok());
  CHECK(h->retention == hours::max());
  CHECK(contains(only_at(with<Durations>({"unsigned_s=-1s"}).errors(), "unsigned_s").message, "unsigned"));
  CHECK(contains(only_at(with<Durations>({"unsigned_s=4294967296s"}).errors(), "unsigned_s").message,
                 "duration out of range"));
}

TEST_CASE("a counted duration reads TOML's integer notations, exactly or not at all") {
  const auto r = with<Durations>({"counted=1_000"});
  REQUIRE(r.ok());
  CHECK(r->counted.value() == seconds(1000));
  // 9223372036 s is within 2^63 ns; one more second is not
  CHECK(load_toml<Durations>("counted = 9223372036").ok());
  CHECK(contains(only_at(load_toml<Durations>("counted = 9223372037").errors(), "counted").message,
                 "duration out of range"));
  CHECK(contains(only_at(with<Durations>({"counted=99999999999999999999"}).errors(), "counted").message,
                 "duration out of range"));
}

TEST_CASE("a date outside its field's range is an error, not a wrapped time") {
  CHECK(only_at(load_toml<Durations>("at = 1600-01-01T00:00:00Z").errors(), "at").message ==
        "'1600-01-01T00:00:00Z' is out of range for this field's unit");
  CHECK(load_toml<Durations>("at = 2262-04-11T23:47:16.854775807Z").ok());
  CHECK(contains(only_at(load_toml<Durations>("at = 2262-04-11T23:47:16.854775808Z").errors(), "at").message,
                 "out of range"));
}
