// Config groups chosen from the overrides (Hydra's `model=large`): the
// choice replaces the group's entry of the defaults chain; an unknown choice
// lists the group's files; a key that is both a group and a settable field
// is an error, with `/key=` and `"key"=` as the ways out.
#include <string>

#include "support.hpp"

namespace config_groups_spec {

struct Model {
  std::string name = "none";
  int size = 0;
};
BOOST_DESCRIBE_STRUCT(Model, (), (name, size))

struct Run {
  int steps = 1;
  Model model;
  std::string infra = "none";  // a field named like the group `infra`
};
BOOST_DESCRIBE_STRUCT(Run, (), (steps, model, infra))

}  // namespace config_groups_spec

using namespace config_groups_spec;
using strata_test::contains;
using strata_test::temp_dir;

namespace {
/// conf/run.toml choosing model/small and infra/local.
std::filesystem::path write_tree(const temp_dir& dir) {
  dir.write("conf/model/small.toml", "[model]\nname = \"small\"\nsize = 1\n");
  dir.write("conf/model/large.toml", "[model]\nname = \"large\"\nsize = 3\n");
  dir.write("conf/infra/local.toml", "steps = 2\n");
  dir.write("conf/infra/cloud.toml", "steps = 7\n");
  return dir.write("conf/run.toml", "defaults = [{model = \"small\"}, {infra = \"local\"}]\n");
}

strata::result<Run> load(const std::filesystem::path& file, std::vector<std::string> overrides) {
  return strata::configuration(strata::toml_file(file)).overrides(overrides).load<Run>();
}
}  // namespace

TEST_CASE("an override naming a group of the defaults chain selects that group's file") {
  temp_dir dir;
  const auto run = write_tree(dir);
  auto r = load(run, {"model=large", "steps=5"});
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->model.name == "large");
  CHECK(r->model.size == 3);
  CHECK(r->steps == 5);
  for (const auto& [path, o] : r.origins()) CHECK_FALSE(contains(o.name, "small.toml"));
}

TEST_CASE("a command-line group choice beats a file's override entry") {
  temp_dir dir;
  write_tree(dir);
  const auto prod = dir.write("conf/prod.toml", "defaults = [\"run\", {\"override model\" = \"small\"}]\n");
  auto r = load(prod, {"model=large"});
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->model.name == "large");
}

TEST_CASE("an unknown group choice lists the group's files with a did-you-mean") {
  temp_dir dir;
  const auto run = write_tree(dir);
  auto r = load(run, {"model=lage"});
  REQUIRE_FALSE(r.ok());
  const std::string report = strata::format(r.diagnostics());
  INFO(report);
  CHECK(contains(report, "model: lage"));
  CHECK(contains(report, "'large', 'small'"));
  CHECK(contains(report, "did you mean 'large'?"));
  CHECK(contains(report, "model=lage"));  // where the choice was made
}

TEST_CASE("a key that is both a group and a field a value could set is an error, not a guess") {
  temp_dir dir;
  const auto run = write_tree(dir);
  auto r = load(run, {"infra=cloud"});
  REQUIRE_FALSE(r.ok());
  const std::string report = strata::format(r.diagnostics());
  INFO(report);
  CHECK(contains(report, "'infra' is both a config group and a field"));
  CHECK(contains(report, "/infra="));
  SUBCASE("/infra= chooses the group") {
    auto g = load(run, {"/infra=cloud"});
    INFO(strata::format(g.diagnostics()));
    REQUIRE(g.ok());
    CHECK(g->steps == 7);
    CHECK(g->infra == "none");
  }
  SUBCASE("\"infra\"= sets the field") {
    auto f = load(run, {"\"infra\"=cloud"});
    INFO(strata::format(f.diagnostics()));
    REQUIRE(f.ok());
    CHECK(f->steps == 2);
    CHECK(f->infra == "cloud");
  }
}

TEST_CASE("a key naming no group of the chain stays a value override") {
  temp_dir dir;
  dir.write("conf/model/small.toml", "[model]\nname = \"small\"\n");
  const auto plain = dir.write("conf/plain.toml", "steps = 3\n");  // no defaults list: no group
  auto r = load(plain, {"infra=cloud"});
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->infra == "cloud");
}

TEST_CASE("/group= with no such group, or with a path for a choice, is an error") {
  temp_dir dir;
  const auto run = write_tree(dir);
  auto r = load(run, {"/data=imagenet"});
  REQUIRE_FALSE(r.ok());
  CHECK(contains(strata::format(r.diagnostics()), "no group 'data' in the composition"));
  auto p = load(run, {"/model=../secrets"});
  REQUIRE_FALSE(p.ok());
  CHECK(contains(strata::format(p.diagnostics()), "a group choice is the name of a file"));
}
