// TOML dates and times: std::chrono::sys_time<D> (offset date-times, held
// as UTC), local_time<D> (local date-times) and year_month_day (local
// dates), from TOML values and from RFC 3339 text; never rounded; dumped as
// native TOML dates; a codec receives a date-time as its text.
#include <chrono>
#include <optional>

#include "support.hpp"

namespace dt {
using namespace std::chrono;

struct Stamp {  // a codec type: receives TOML date-times as RFC 3339 text
  std::string text;
  bool operator==(const Stamp&) const = default;
};
}  // namespace dt

template <>
struct strata::codec<dt::Stamp> {
  static std::optional<dt::Stamp> parse(std::string_view text, std::string&) { return dt::Stamp{std::string(text)}; }
  static std::string format(const dt::Stamp& s) { return s.text; }
};

namespace dt {
struct Runner {
  sys_seconds token_obtained_at{};
  sys_seconds token_expires_at{};
  std::chrono::sys_time<std::chrono::milliseconds> precise{};
  local_seconds maintenance{};
  year_month_day released{year(2024), month(1), day(1)};
  std::optional<sys_seconds> next_run;
  std::vector<year_month_day> holidays;
  Stamp stamp;
};
BOOST_DESCRIBE_STRUCT(Runner, (), (token_obtained_at, token_expires_at, precise, maintenance, released, next_run,
                                   holidays, stamp))
STRATA_CONFIGURED(Runner, {.prefix = "RUNNER_"})
}  // namespace dt

using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;
using namespace std::chrono;
using vars = std::map<std::string, std::string>;

namespace {
constexpr sys_seconds utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return sys_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi) + seconds(s);
}
}  // namespace

TEST_CASE("native TOML dates and date-times load into sys_time, local_time and year_month_day") {
  const auto r = load_toml<dt::Runner>(R"(
token_obtained_at = 2024-06-17T20:30:46Z
token_expires_at = 0001-01-01T00:00:00Z
precise = 2024-06-17T22:30:46.250+02:00
maintenance = 2024-07-01T03:00:00
released = 2024-06-17
next_run = 2024-06-18 06:00:00z
holidays = [2024-12-25, 2024-12-26]
stamp = 2024-06-17T20:30:46.5-05:30
)");
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  const dt::Runner& v = r.value();
  CHECK(v.token_obtained_at == utc(2024, 6, 17, 20, 30, 46));
  CHECK(v.token_expires_at == utc(1, 1, 1));
  CHECK(v.precise == utc(2024, 6, 17, 20, 30, 46) + milliseconds(250));  // the offset applied: held as UTC
  CHECK(v.maintenance == local_days(year(2024) / 7 / 1) + hours(3));
  CHECK(v.released == year(2024) / 6 / 17);
  REQUIRE(v.next_run);
  CHECK(*v.next_run == utc(2024, 6, 18, 6));
  CHECK(v.holidays == std::vector<year_month_day>{year(2024) / 12 / 25, year(2024) / 12 / 26});
  CHECK(v.stamp.text == "2024-06-17T20:30:46.5-05:30");
  CHECK(r.origin_of("token_obtained_at").line == 2);
}

TEST_CASE("a local date-time into sys_time is an error that says why") {
  const auto r = load_toml<dt::Runner>("token_obtained_at = 2024-06-17T20:30:46\n");
  const auto d = only_at(r.diagnostics(), "token_obtained_at");
  CHECK(d.message ==
        "'2024-06-17T20:30:46' is a local date-time: without an offset it names no single point in time");
  CHECK(d.hint == "write its offset from UTC: 2024-06-17T20:30:46Z or 2024-06-17T20:30:46+02:00");
  CHECK(d.origin.line == 1);
}

TEST_CASE("each field type names the kind of value it wants") {
  const auto r = load_toml<dt::Runner>(
      "maintenance = 2024-07-01T03:00:00Z\nreleased = 2024-06-17T00:00:00\ntoken_expires_at = 2024-06-17\n"
      "precise = 07:32:00\n");
  CHECK(only_at(r.diagnostics(), "maintenance").message ==
        "'2024-07-01T03:00:00Z' is an offset date-time; this field is a local date-time");
  CHECK(contains(only_at(r.diagnostics(), "maintenance").hint, "std::chrono::sys_time"));
  CHECK(only_at(r.diagnostics(), "released").message == "'2024-06-17T00:00:00' is a local date-time; this field is a date");
  CHECK(only_at(r.diagnostics(), "token_expires_at").message == "'2024-06-17' is a date; this field is an offset date-time");
  CHECK(only_at(r.diagnostics(), "precise").message == "'07:32:00' is a time of day; this field is an offset date-time");
}

TEST_CASE("a date written as a TOML string in a file is a type error with the fix") {
  const auto r = load_toml<dt::Runner>("token_obtained_at = \"2024-06-17T20:30:46Z\"\nreleased = 20240617\n");
  const auto quoted = only_at(r.diagnostics(), "token_obtained_at");
  CHECK(quoted.message == "expected an offset date-time, got a string");
  CHECK(quoted.hint == "write it without quotes, as a TOML date-time: 2024-06-17T20:30:46Z");
  CHECK(only_at(r.diagnostics(), "released").message == "expected a date, got an integer");
}

TEST_CASE("a fraction of a second the field cannot hold is an error, never rounded") {
  const auto r = load_toml<dt::Runner>("token_obtained_at = 2024-06-17T20:30:46.5Z\nprecise = 2024-06-17T20:30:46.0001Z\n");
  CHECK(only_at(r.diagnostics(), "token_obtained_at").message == "'2024-06-17T20:30:46.5Z' is not a whole number of seconds");
  CHECK(only_at(r.diagnostics(), "precise").message == "'2024-06-17T20:30:46.0001Z' is not a whole number of milliseconds");
}

TEST_CASE("RFC 3339 text from env, arguments, overrides and interpolation") {
  const auto r = strata::configuration(
                     strata::toml_text("maintenance = \"${WINDOW}\"\n", "runner.toml"),
                     strata::env(vars{{"RUNNER_TOKEN_OBTAINED_AT", "2024-06-17T20:30:46Z"},
                                      {"RUNNER_HOLIDAYS", "[2024-12-25]"},
                                      {"WINDOW", "2024-07-01T03:00:00"}}),
                     strata::args(std::vector<std::string>{"released=2024-06-17", "precise=2024-06-17T20:30:46.125+00:00"}))
                     .overrides({"next_run=2024-06-18t06:00:00-01:00"})
                     .load<dt::Runner>();
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  CHECK(r.value().token_obtained_at == utc(2024, 6, 17, 20, 30, 46));
  CHECK(r.value().holidays == std::vector<year_month_day>{year(2024) / 12 / 25});
  CHECK(r.value().maintenance == local_days(year(2024) / 7 / 1) + hours(3));
  CHECK(r.value().released == year(2024) / 6 / 17);
  CHECK(r.value().precise == utc(2024, 6, 17, 20, 30, 46) + milliseconds(125));
  CHECK(*r.value().next_run == utc(2024, 6, 18, 7));
  CHECK(r.origin_of("maintenance").via == "WINDOW");
}

TEST_CASE("text that is not RFC 3339, or not a calendar date, is an error with the syntax") {
  const auto r = strata::configuration(strata::env(vars{{"RUNNER_RELEASED", "17.06.2024"},
                                                        {"RUNNER_TOKEN_OBTAINED_AT", "2024-02-30T00:00:00Z"},
                                                        {"RUNNER_TOKEN_EXPIRES_AT", "2024-06-17T23:59:60Z"},
                                                        {"RUNNER_MAINTENANCE", "2024-06-17T25:00:00"}}))
                     .load<dt::Runner>();
  const auto released = only_at(r.diagnostics(), "released");
  CHECK(released.message == "'17.06.2024' is not a date or date-time");
  CHECK(contains(released.hint, "2024-06-17T20:30:46Z"));
  CHECK(only_at(r.diagnostics(), "token_obtained_at").message == "'2024-02-30T00:00:00Z' is not a calendar date");
  CHECK(only_at(r.diagnostics(), "token_expires_at").hint == "a leap second cannot be held; use :59");
  CHECK(only_at(r.diagnostics(), "maintenance").message == "'2024-06-17T25:00:00' is not a time of day");
}

TEST_CASE("dumps write native TOML dates, and they load back") {
  dt::Runner v;
  v.token_obtained_at = utc(2024, 6, 17, 20, 30, 46);
  v.token_expires_at = utc(1, 1, 1);
  v.precise = utc(2024, 6, 17) + milliseconds(250);
  v.maintenance = local_days(year(2024) / 7 / 1) + hours(3);
  v.released = year(2024) / 6 / 17;
  v.next_run = utc(1969, 12, 31, 23, 59, 59);
  v.holidays = {year(2024) / 12 / 25};
  v.stamp.text = "2024-06-17T20:30:46Z";
  const std::string toml = strata::to_toml(v);
  CHECK(contains(toml, "token_obtained_at = 2024-06-17T20:30:46Z\n"));
  CHECK(contains(toml, "token_expires_at = 0001-01-01T00:00:00Z\n"));
  CHECK(contains(toml, "precise = 2024-06-17T00:00:00.25Z\n"));
  CHECK(contains(toml, "maintenance = 2024-07-01T03:00:00\n"));
  CHECK(contains(toml, "released = 2024-06-17\n"));
  CHECK(contains(toml, "next_run = 1969-12-31T23:59:59Z\n"));
  CHECK(contains(toml, "holidays = [2024-12-25]\n"));
  CHECK(contains(toml, "stamp = \"2024-06-17T20:30:46Z\"\n"));  // a codec type's text is a string
  const auto back = load_toml<dt::Runner>(toml);
  REQUIRE_MESSAGE(back.ok(), strata::format(back.diagnostics()));
  CHECK(strata::to_toml(back.value()) == toml);
  CHECK(back.value().precise == v.precise);
  CHECK(back.value().next_run == v.next_run);

  const auto json = strata_test::json_reader::parse(strata::to_json(v));
  REQUIRE(json);
  CHECK((*json)["token_obtained_at"].str() == "2024-06-17T20:30:46Z");
  CHECK((*json)["released"].str() == "2024-06-17");
  CHECK(contains(strata::explain(back), "released = 2024-06-17"));
}

TEST_CASE("the schema gives each date its format") {
  const auto schema = strata_test::json_reader::parse(strata::json_schema<dt::Runner>());
  REQUIRE(schema);
  const auto& p = (*schema)["properties"];
  CHECK(p["token_obtained_at"]["anyOf"][0]["format"].str() == "date-time");
  CHECK(p["maintenance"]["anyOf"][0]["format"].str() == "partial-date-time");
  CHECK(p["released"]["anyOf"][0]["format"].str() == "date");
  CHECK(p["released"]["default"].str() == "2024-01-01");
  CHECK(contains(strata::env_reference<dt::Runner>(), "| `RUNNER_TOKEN_OBTAINED_AT` | `token_obtained_at` | date-time |"));
}
