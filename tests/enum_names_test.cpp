// Enumerators as real files spell them: STRATA_ENUM's naming policy and
// explicit names; exact spellings win over case-insensitive matches; long
// lists are cut in messages.
#include "support.hpp"

namespace et {
enum class PullPolicy { always, never, if_not_present };
BOOST_DESCRIBE_ENUM(PullPolicy, always, never, if_not_present)
STRATA_ENUM(PullPolicy, strata::naming::kebab_case)

enum class Executor { shell, docker, docker_machine, kubernetes };
BOOST_DESCRIBE_ENUM(Executor, shell, docker, docker_machine, kubernetes)
STRATA_ENUM(Executor, strata::enumerator<Executor::docker_machine, "docker+machine">)

enum class Edition { e2015, e2018, e2021 };
BOOST_DESCRIBE_ENUM(Edition, e2015, e2018, e2021)
STRATA_ENUM(Edition, strata::enumerator<Edition::e2015, "2015">, strata::enumerator<Edition::e2018, "2018">,
            strata::enumerator<Edition::e2021, "2021">)

enum class Animation { ease, ease_out, ease_out_expo, linear };
BOOST_DESCRIBE_ENUM(Animation, ease, ease_out, ease_out_expo, linear)
STRATA_ENUM(Animation, strata::naming::pascal_case)

enum class Unit { m, M, k };  // metres and mega: only the exact spelling tells them apart
BOOST_DESCRIBE_ENUM(Unit, m, M, k)

enum class Mixed { ab, AB };
BOOST_DESCRIBE_ENUM(Mixed, ab, AB)

enum class Colour { black, red, green, yellow, blue, magenta, cyan, white, grey, orange, pink, purple };
BOOST_DESCRIBE_ENUM(Colour, black, red, green, yellow, blue, magenta, cyan, white, grey, orange, pink, purple)

struct Runner {
  PullPolicy pull_policy = PullPolicy::always;
  Executor executor = Executor::shell;
  Edition edition = Edition::e2015;
  Animation animation = Animation::linear;
  Unit unit = Unit::k;
  Mixed mixed = Mixed::ab;
  Colour colour = Colour::black;
  strata::annotated<Edition, strata::one_of<Edition::e2018, Edition::e2021>> modern = Edition::e2021;
};
BOOST_DESCRIBE_STRUCT(Runner, (), (pull_policy, executor, edition, animation, unit, mixed, colour, modern))
STRATA_CONFIGURED(Runner, {.prefix = "RUN_"})
}  // namespace et

using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;

static_assert(strata::detail::enum_name(et::PullPolicy::if_not_present) == "if-not-present");
static_assert(strata::detail::enum_name(et::Executor::docker_machine) == "docker+machine");
static_assert(strata::detail::enum_name(et::Executor::docker) == "docker");
static_assert(strata::detail::enum_name(et::Edition::e2018) == "2018");
static_assert(strata::detail::enum_name(et::Animation::ease_out_expo) == "EaseOutExpo");
static_assert(strata::detail::enum_from_name<et::Unit>("M") == et::Unit::M);
static_assert(strata::detail::enum_from_name<et::Unit>("m") == et::Unit::m);
static_assert(strata::detail::enum_from_name<et::Unit>("K") == et::Unit::k);

TEST_CASE("enumerators load by their policy's spelling and their explicit names") {
  const auto r = load_toml<et::Runner>(
      "pull_policy = \"if-not-present\"\nexecutor = \"docker+machine\"\nedition = \"2018\"\nanimation = \"EaseOutExpo\"\n");
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  CHECK(r.value().pull_policy == et::PullPolicy::if_not_present);
  CHECK(r.value().executor == et::Executor::docker_machine);
  CHECK(r.value().edition == et::Edition::e2018);
  CHECK(r.value().animation == et::Animation::ease_out_expo);
}

TEST_CASE("matching ignores case, but an exact spelling wins: 'M' is M, not m") {
  const auto r = load_toml<et::Runner>("unit = \"M\"\nanimation = \"easeoutexpo\"\npull_policy = \"IF-NOT-PRESENT\"\n");
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  CHECK(r.value().unit == et::Unit::M);
  CHECK(r.value().animation == et::Animation::ease_out_expo);
  CHECK(r.value().pull_policy == et::PullPolicy::if_not_present);
  CHECK(load_toml<et::Runner>("unit = \"m\"\n").value().unit == et::Unit::m);
  CHECK(load_toml<et::Runner>("unit = \"K\"\n").value().unit == et::Unit::k);
}

TEST_CASE("a spelling two enumerators share but for case is an error naming both") {
  const auto r = load_toml<et::Runner>("mixed = \"Ab\"\n");
  const auto d = only_at(r.diagnostics(), "mixed");
  CHECK(d.message == "'Ab' is ambiguous: it matches 'ab' and 'AB' but for case");
  CHECK(d.hint == "write one of them exactly");
  CHECK(load_toml<et::Runner>("mixed = \"AB\"\n").value().mixed == et::Mixed::AB);
}

TEST_CASE("an unknown spelling lists the file's spellings and hints in them") {
  const auto r = load_toml<et::Runner>("pull_policy = \"if_not_present\"\nexecutor = \"docker-machine\"\n");
  const auto pull = only_at(r.diagnostics(), "pull_policy");
  CHECK(pull.message == "'if_not_present' is not one of 'always', 'never', 'if-not-present'");
  CHECK(pull.hint == "did you mean 'if-not-present'?");
  const auto executor = only_at(r.diagnostics(), "executor");
  CHECK(executor.hint == "did you mean 'docker+machine'?");
  CHECK(executor.origin.line == 2);
}

TEST_CASE("an enum error lists at most eight names, then how many more") {
  const auto r = load_toml<et::Runner>("colour = \"violet\"\n");
  const auto d = only_at(r.diagnostics(), "colour");
  CHECK(d.message ==
        "'violet' is not one of 'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white' and 4 more");
  CHECK(d.hint == "the schema (json_schema) lists every name");
  const auto near = only_at(load_toml<et::Runner>("colour = \"purpel\"\n").diagnostics(), "colour");
  CHECK(near.hint == "did you mean 'purple'?");
  // the type mismatch lists them the same way
  const auto typed = only_at(load_toml<et::Runner>("colour = 3\n").diagnostics(), "colour");
  CHECK(contains(typed.message, "'white' and 4 more, got an integer"));
}

TEST_CASE("env, arguments and one_of read the same spellings") {
  const auto r = strata::configuration(strata::env(std::map<std::string, std::string>{{"RUN_EDITION", "2021"}}),
                                       strata::args(std::vector<std::string>{"executor=docker+machine"}))
                     .overrides({"modern=2015"})
                     .load<et::Runner>();
  REQUIRE(r.errors().size() == 1);
  const auto d = only_at(r.diagnostics(), "modern");
  CHECK(d.message == "must be one of '2018', '2021', got '2015'");
  CHECK(d.origin.kind == strata::origin_kind::overrides);
  const auto fine = strata::configuration(strata::env(std::map<std::string, std::string>{{"RUN_EDITION", "2021"}}),
                                          strata::args(std::vector<std::string>{"executor=docker+machine"}))
                        .load<et::Runner>();
  REQUIRE(fine.ok());
  CHECK(fine.value().edition == et::Edition::e2021);
  CHECK(fine.value().executor == et::Executor::docker_machine);
}

TEST_CASE("dumps, the schema and the env reference write the file's spellings") {
  et::Runner r;
  r.pull_policy = et::PullPolicy::if_not_present;
  r.executor = et::Executor::docker_machine;
  r.edition = et::Edition::e2021;
  r.animation = et::Animation::ease_out;
  const std::string toml = strata::to_toml(r);
  CHECK(contains(toml, "pull_policy = \"if-not-present\""));
  CHECK(contains(toml, "executor = \"docker+machine\""));
  CHECK(contains(toml, "edition = \"2021\""));
  CHECK(contains(toml, "animation = \"EaseOut\""));
  const auto back = load_toml<et::Runner>(toml);
  REQUIRE_MESSAGE(back.ok(), strata::format(back.diagnostics()));
  CHECK(back.value().animation == et::Animation::ease_out);
  CHECK(contains(strata::to_json(r), "\"executor\": \"docker+machine\""));
  const std::string schema = strata::json_schema<et::Runner>();
  CHECK(contains(schema, "\"2015\","));
  CHECK(contains(schema, "\"if-not-present\""));
  CHECK(contains(strata::env_reference<et::Runner>(), "one of shell \\| docker \\| docker+machine \\| kubernetes"));
}
