// strata::duration_unit<U>: a bare number in a duration field counts units
// of U (gitlab-runner's `session_timeout = 1800`, Alacritty's
// `blink_interval = 750`); without it a bare number stays an error.
#include "support.hpp"

namespace du {
using namespace std::chrono;
struct Session {
  strata::annotated<seconds, strata::duration_unit<seconds>> session_timeout{1800};
  strata::annotated<milliseconds, strata::duration_unit<milliseconds>, strata::max<5000>> blink_interval{750};
  strata::annotated<milliseconds, strata::duration_unit<seconds>> grace{2000};  // whole seconds into a finer field
  strata::annotated<minutes, strata::duration_unit<seconds>> rotation{60};     // seconds into a coarser field
  seconds plain{5};
};
BOOST_DESCRIBE_STRUCT(Session, (), (session_timeout, blink_interval, grace, rotation, plain))
STRATA_CONFIGURED(Session, {.prefix = "S_"})
}  // namespace du

using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;
using namespace std::chrono;

TEST_CASE("a bare number counts the declared unit; duration strings still work") {
  const auto r = load_toml<du::Session>("session_timeout = 3600\nblink_interval = 500\ngrace = \"1500ms\"\nrotation = 7200\n");
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  CHECK(*r.value().session_timeout == hours(1));
  CHECK(*r.value().blink_interval == milliseconds(500));
  CHECK(*r.value().grace == milliseconds(1500));
  CHECK(*r.value().rotation == hours(2));
  CHECK(r.origin_of("session_timeout").line == 1);
}

TEST_CASE("a number into a duration without a unit is an error with both fixes") {
  const auto r = load_toml<du::Session>("plain = 30\n");
  const auto d = only_at(r.diagnostics(), "plain");
  CHECK(d.message == "expected a duration string such as \"30s\", got an integer");
  CHECK(d.hint ==
        "write it with a unit (\"30s\"), or declare the field's unit with strata::duration_unit<std::chrono::seconds>");
}

TEST_CASE("numbers the field cannot hold exactly are errors, never rounded") {
  const auto r = load_toml<du::Session>("rotation = 90\nblink_interval = 1.5\n");
  CHECK(only_at(r.diagnostics(), "rotation").message == "'90' is not a whole number of minutes");
  CHECK(only_at(r.diagnostics(), "blink_interval").message ==
        "expected a number or a duration string such as \"30s\", got a float");
  CHECK(r.errors().size() == 2);
}

TEST_CASE("constraints judge the duration the number makes") {
  const auto r = load_toml<du::Session>("blink_interval = 6000\n");
  CHECK(only_at(r.diagnostics(), "blink_interval").message == "must be at most 5000, got 6s");
}

TEST_CASE("text from env and arguments: bare numbers in the unit too") {
  const auto r = strata::configuration(strata::env(std::map<std::string, std::string>{{"S_SESSION_TIMEOUT", "60"}}),
                                       strata::args(std::vector<std::string>{"blink_interval=250", "grace=3"}))
                     .load<du::Session>();
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  CHECK(*r.value().session_timeout == minutes(1));
  CHECK(*r.value().blink_interval == milliseconds(250));
  CHECK(*r.value().grace == seconds(3));
  const auto bad = strata::configuration(strata::env(std::map<std::string, std::string>{{"S_PLAIN", "30"}})).load<du::Session>();
  CHECK(only_at(bad.diagnostics(), "plain").hint == "a bare number is ambiguous: add a unit (30s, 250ms, 5m)");
}

TEST_CASE("dumps write a whole number of the unit, as the file did, and load back") {
  du::Session s;
  s.grace = milliseconds(2500);  // not whole seconds: written as a duration
  const std::string toml = strata::to_toml(s);
  CHECK(contains(toml, "session_timeout = 1800\n"));
  CHECK(contains(toml, "blink_interval = 750\n"));
  CHECK(contains(toml, "grace = \"2s500ms\"\n"));
  CHECK(contains(toml, "rotation = 3600\n"));
  CHECK(contains(toml, "plain = \"5s\"\n"));
  const auto back = load_toml<du::Session>(toml);
  REQUIRE_MESSAGE(back.ok(), strata::format(back.diagnostics()));
  CHECK(strata::to_toml(back.value()) == toml);
  CHECK(contains(strata::to_json(s), "\"session_timeout\": 1800"));
  const auto schema = strata_test::json_reader::parse(strata::json_schema<du::Session>());
  REQUIRE(schema);
  const auto& timeout = (*schema)["properties"]["session_timeout"];
  CHECK(timeout["default"].num() == 1800);
  CHECK(contains(timeout["description"].str(), "or a number of seconds"));
}
