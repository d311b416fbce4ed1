// Structs wider than Boost.Describe's 52 members: described base classes
// contribute their members as if declared in the struct (Starship has a
// table per module, about a hundred). A struct over the limit without bases
// is a compile error naming the limit and the fix
// (compile_fail/too_many_members.cpp).
#include "support.hpp"

namespace ws {
/// What every Starship module has.
struct Module {
  std::string format = "$symbol";
  std::string symbol;
  std::string style = "bold";
  bool disabled = false;
};
BOOST_DESCRIBE_STRUCT(Module, (), (format, symbol, style, disabled))
STRATA_CONFIGURED(Module, {.unknown_keys = strata::unknown_keys::ignore})

struct ModulesAtoM {
  Module aws;
  Module azure;
  Module battery;
  Module buf;
  Module bun;
  Module c;
  Module character;
  Module cmake;
  Module cmd_duration;
  Module cobol;
  Module conda;
  Module container;
  Module crystal;
  Module daml;
  Module dart;
  Module deno;
  Module directory;
  Module docker_context;
  Module dotnet;
  Module elixir;
  Module elm;
  Module env_var;
  Module erlang;
  Module fennel;
  Module fill;
  Module fossil_branch;
  Module gcloud;
  Module git_branch;
  Module git_commit;
  Module git_state;
  Module git_metrics;
  Module git_status;
  Module golang;
  Module gradle;
  Module guix_shell;
  Module haskell;
  Module haxe;
  Module helm;
  Module hostname;
  Module java;
  Module jobs;
  Module julia;
  Module kotlin;
};
BOOST_DESCRIBE_STRUCT(ModulesAtoM, (), (aws, azure, battery, buf, bun, c, character, cmake, cmd_duration, cobol, conda, container, crystal, daml, dart, deno, directory, docker_context, dotnet, elixir, elm, env_var, erlang, fennel, fill, fossil_branch, gcloud, git_branch, git_commit, git_state, git_metrics, git_status, golang, gradle, guix_shell, haskell, haxe, helm, hostname, java, jobs, julia, kotlin))

struct ModulesNtoZ {
  Module kubernetes;
  Module line_break;
  Module localip;
  Module lua;
  Module memory_usage;
  Module meson;
  Module hg_branch;
  Module nim;
  Module nix_shell;
  Module nodejs;
  Module ocaml;
  Module opa;
  Module openstack;
  Module os;
  Module package;
  Module perl;
  Module php;
  Module pijul_channel;
  Module pulumi;
  Module purescript;
  Module python;
  Module raku;
  Module red;
  Module rlang;
  Module ruby;
  Module rust;
  Module scala;
  Module shell;
  Module shlvl;
  Module singularity;
  Module solidity;
  Module spack;
  Module status;
  Module sudo;
  Module swift;
  Module terraform;
  Module time;
  Module typst;
  Module username;
  Module vagrant;
  Module vcsh;
  Module vlang;
  Module zig;
};
BOOST_DESCRIBE_STRUCT(ModulesNtoZ, (), (kubernetes, line_break, localip, lua, memory_usage, meson, hg_branch, nim, nix_shell, nodejs, ocaml, opa, openstack, os, package, perl, php, pijul_channel, pulumi, purescript, python, raku, red, rlang, ruby, rust, scala, shell, shlvl, singularity, solidity, spack, status, sudo, swift, terraform, time, typst, username, vagrant, vcsh, vlang, zig))

struct Prompt : ModulesAtoM, ModulesNtoZ {
  std::string format = "$all";
  bool add_newline = true;
  int scan_timeout = 30;
};
BOOST_DESCRIBE_STRUCT(Prompt, (ModulesAtoM, ModulesNtoZ), (format, add_newline, scan_timeout))
STRATA_CONFIGURED(Prompt, {.prefix = "STARSHIP_", .mapping = strata::mapping::tree})
}  // namespace ws

using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;

static_assert(boost::mp11::mp_size<strata::detail::members_of<ws::Prompt>>::value == 89);
static_assert(strata::check_schema<ws::Prompt>());
static_assert(strata::env_name<ws::Prompt>("zig.style") == "STARSHIP_ZIG__STYLE");

TEST_CASE("members of described base classes load like the struct's own") {
  const auto r = load_toml<ws::Prompt>(
      "add_newline = false\n[aws]\nsymbol = \"☁️ \"\n[zig]\ndisabled = true\n[time]\nstyle = \"bright-white\"\n");
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  CHECK_FALSE(r.value().add_newline);
  CHECK(r.value().aws.symbol == "☁️ ");
  CHECK(r.value().zig.disabled);
  CHECK(r.value().time.style == "bright-white");
  CHECK(r.value().nodejs.format == "$symbol");
  CHECK(r.origin_of("zig.disabled").line == 5);
}

TEST_CASE("unknown keys of a wide struct get a did-you-mean over every member, inherited ones too") {
  const auto r = load_toml<ws::Prompt>("[gti_branch]\nstyle = \"x\"\n");
  const auto d = only_at(r.diagnostics(), "gti_branch");
  CHECK(d.hint == "did you mean 'git_branch'?");
}

TEST_CASE("tools walk inherited members: dump, schema, env reference") {
  ws::Prompt p;
  p.zig.symbol = "↯";
  const std::string toml = strata::to_toml(p);
  CHECK(contains(toml, "[aws]\n"));
  CHECK(contains(toml, "[zig]\nformat = \"$symbol\"\nsymbol = \"↯\""));
  const auto back = load_toml<ws::Prompt>(toml);
  REQUIRE_MESSAGE(back.ok(), strata::format(back.diagnostics()));
  CHECK(back.value().zig.symbol == "↯");
  const auto schema = strata_test::json_reader::parse(strata::json_schema<ws::Prompt>());
  REQUIRE(schema);
  CHECK((*schema)["properties"].obj().size() == 89 + 1);  // and `defaults`
  CHECK(contains(strata::env_reference<ws::Prompt>(), "`STARSHIP_AWS__SYMBOL`"));
  const auto env = strata::configuration(strata::env(std::map<std::string, std::string>{{"STARSHIP_GIT_BRANCH__STYLE", "red"}}))
                       .load<ws::Prompt>();
  REQUIRE(env.ok());
  CHECK(env.value().git_branch.style == "red");
}
