// Composition through `defaults` lists (the same for every file format):
// file entries, config groups, `override`, `_self_`, each file once, and
// the errors of each; a field named `defaults` is a field, not a list.
#include <string>
#include <vector>

#include "support.hpp"

namespace composition_spec {

struct Model {
  std::string name = "none";
  int size = 0;
};
BOOST_DESCRIBE_STRUCT(Model, (), (name, size))

struct Infra {
  std::string host = "localhost";
};
BOOST_DESCRIBE_STRUCT(Infra, (), (host))

struct Run {
  std::string name = "run";
  int steps = 1;
  Model model;
  Infra infra;
};
BOOST_DESCRIBE_STRUCT(Run, (), (name, steps, model, infra))

/// A type with a field of that name: its `defaults` is its own.
struct WithDefaults {
  std::vector<std::string> defaults;
  int steps = 1;
};
BOOST_DESCRIBE_STRUCT(WithDefaults, (), (defaults, steps))

struct Limits {
  int steps = 1;
};
BOOST_DESCRIBE_STRUCT(Limits, (), (steps))
struct Sectioned {
  std::vector<std::string> defaults;
  Limits limits;
};
BOOST_DESCRIBE_STRUCT(Sectioned, (), (defaults, limits))
STRATA_CONFIGURED(Sectioned, {.section = "app"})

}  // namespace composition_spec

using namespace composition_spec;
using strata_test::contains;
using strata_test::only_at;
using strata_test::temp_dir;

namespace {
/// A tree of configuration files: conf/{run.toml, base.toml, model/{small,large}.toml, infra/{local,cloud}.toml}.
void write_tree(const temp_dir& dir) {
  dir.write("conf/base.toml", "steps = 10\nname = \"base\"\n");
  dir.write("conf/model/small.toml", "[model]\nname = \"small\"\nsize = 1\n");
  dir.write("conf/model/large.toml", "[model]\nname = \"large\"\nsize = 3\n");
  dir.write("conf/infra/local.toml", "[infra]\nhost = \"localhost\"\n");
  dir.write("conf/infra/cloud.toml", "[infra]\nhost = \"cloud.example\"\n");
}

strata::result<Run> load_file(const std::filesystem::path& file) {
  return strata::configuration(strata::toml_file(file)).load<Run>();
}
}  // namespace

TEST_CASE("file entries load before the file, in order; paths are relative to the including file") {
  temp_dir dir;
  write_tree(dir);
  const auto run = dir.write("conf/runs/a.toml", "defaults = [\"../base\", \"../model/small\"]\nsteps = 20\n");
  auto r = load_file(run);
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->name == "base");
  CHECK(r->steps == 20);
  CHECK(r->model.name == "small");
  CHECK(r.origin_of("model.size").name == (dir.path() / "conf/model/small.toml").lexically_normal().string());
}

TEST_CASE("a group entry picks a file of the group's folder; /group is looked for in the folders above") {
  temp_dir dir;
  write_tree(dir);
  const auto run = dir.write("conf/runs/b.toml", "defaults = [{\"/model\" = \"large\"}, {\"/infra\" = \"cloud\"}]\n");
  auto r = load_file(run);
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->model.name == "large");
  CHECK(r->infra.host == "cloud.example");
  const auto next_to = dir.write("conf/c.toml", "defaults = [{model = \"small\"}]\n");
  CHECK(load_file(next_to)->model.name == "small");
}

TEST_CASE("an override replaces the group's choice made by a file below") {
  temp_dir dir;
  write_tree(dir);
  dir.write("conf/common.toml", "defaults = [{model = \"small\"}, {infra = \"local\"}]\n");
  const auto run = dir.write("conf/prod.toml", "defaults = [\"common\", {\"override model\" = \"large\"}]\n");
  auto r = load_file(run);
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->model.name == "large");
  CHECK(r->infra.host == "localhost");
  // small.toml was never read: its layer is not there
  for (const auto& [path, o] : r.origins()) CHECK_FALSE(contains(o.name, "small.toml"));
  // a file entry in another folder is that group's choice too
  dir.write("conf/legacy.toml", "defaults = [\"model/small\"]\n");
  const auto legacy = dir.write("conf/legacy_prod.toml", "defaults = [\"legacy\", {\"override /model\" = \"large\"}]\n");
  CHECK(load_file(legacy)->model.name == "large");
  // an override that names no file is reported where the override is
  const auto typo = dir.write("conf/typo.toml", "defaults = [\"common\", {\"override model\" = \"larg\"}]\n");
  const auto e = only_at(load_file(typo).errors(), "defaults");
  CHECK(contains(e.message, "'model: larg' names no file"));
  CHECK(e.hint == "available in '" + (dir.path() / "conf/model").string() + "': 'large', 'small'; did you mean 'large'?");
  CHECK(e.origin.name == typo.string());
}

TEST_CASE("an override nothing below uses is loaded where it stands (the Hydra seed's style)") {
  temp_dir dir;
  write_tree(dir);
  const auto run = dir.write("conf/dev.toml",
                             "defaults = [\"base\", {\"override /model\" = \"small\"}]\n[model]\nsize = 7\n");
  auto r = load_file(run);
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->model.name == "small");
  CHECK(r->model.size == 7);  // the file itself comes last
}

TEST_CASE("_self_ places the file's own values among its entries") {
  temp_dir dir;
  write_tree(dir);
  const auto run = dir.write("conf/self.toml", "defaults = [\"_self_\", \"model/small\"]\n[model]\nname = \"mine\"\n");
  auto r = load_file(run);
  REQUIRE(r.ok());
  CHECK(r->model.name == "small");  // the entry after _self_ wins
  const auto twice = dir.write("conf/twice.toml", "defaults = [\"_self_\", \"_self_\"]\n");
  CHECK(contains(only_at(load_file(twice).errors(), "defaults").message, "'_self_' is listed twice"));
}

TEST_CASE("a file loads once per source: a diamond, or a profile whose file lists base") {
  temp_dir dir;
  write_tree(dir);
  dir.write("conf/a.toml", "defaults = [\"base\"]\nsteps = 2\n");
  dir.write("conf/b.toml", "defaults = [\"base\"]\n");
  const auto top = dir.write("conf/top.toml", "defaults = [\"a\", \"b\"]\n");
  auto r = load_file(top);
  REQUIRE(r.ok());
  CHECK(r->steps == 2);  // base is not read again after a.toml

  dir.write("profiles/base.toml", "steps = 5\n");
  dir.write("profiles/dev.toml", "defaults = [\"base\"]\nname = \"dev\"\n");
  auto p = strata::configuration(strata::profile(dir.path() / "profiles", "dev")).load<Run>();
  REQUIRE(p.ok());
  CHECK(p->name == "dev");
  CHECK(p->steps == 5);
}

TEST_CASE("composition errors: no such file, no such group, a cycle, a malformed list or entry") {
  temp_dir dir;
  write_tree(dir);
  struct bad {
    const char* defaults;
    const char* message;
    const char* hint;
  };
  const bad cases[] = {
      {"[\"model/larg\"]", "'model/larg' names no file", "did you mean 'large'?"},
      {"[{model = \"huge\"}]", "'model: huge' names no file", "available in"},
      {"[{gpu = \"a100\"}]", "no folder 'gpu' next to the including file", "a group is a folder"},
      {"[{\"/gpu\" = \"a100\"}]", "no folder 'gpu' in", "a group is a folder"},
      {"\"base\"", "expected a list of file names", ""},
      {"[3]", "expected a file name (a string) or a group choice", ""},
      {"[{model = 3}]", "the choice for group 'model' must be a file name", ""},
      {"[{\"replace model\" = \"large\"}]", "'replace model' is not a config group", "override"},
      {"[{model = \"small\", infra = \"local\"}]", "expected a file name (a string) or a group choice", ""},
  };
  for (const bad& b : cases) {
    CAPTURE(std::string(b.defaults));
    const auto file = dir.write("conf/bad.toml", std::string("defaults = ") + b.defaults + "\n");
    auto r = load_file(file);
    const auto e = only_at(r.errors(), "defaults");
    CHECK(contains(e.message, b.message));
    CHECK(contains(e.hint, b.hint));
    CHECK(e.origin.name == file.string());
    CHECK(e.origin.line == 1);
  }
  dir.write("conf/x.toml", "defaults = [\"y\"]\n");
  dir.write("conf/y.toml", "defaults = [\"x\"]\n");
  auto cycle = load_file(dir.path() / "conf/x.toml");
  CHECK(only_at(cycle.errors(), "defaults").message == "composition cycle: x.toml -> y.toml -> x.toml");
}

TEST_CASE("optional group entries may be missing") {
  temp_dir dir;
  write_tree(dir);
  const auto run = dir.write("conf/opt.toml", "defaults = [{\"optional model\" = \"medium\"}]\n");
  auto r = load_file(run);
  CHECK(r.ok());
  CHECK(r.diagnostics().empty());
}

TEST_CASE("a field named defaults is loaded, not taken for composition") {
  temp_dir dir;
  const auto file = dir.write("with.toml", "defaults = [\"a\", \"b\"]\nsteps = 3\n");
  auto r = strata::configuration(strata::toml_file(file)).load<WithDefaults>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->defaults == std::vector<std::string>{"a", "b"});
  CHECK(r->steps == 3);
  CHECK(r.origin_of("defaults").line == 1);
}

TEST_CASE("with a section, a root-level defaults list composes and the section's own field is a field") {
  temp_dir dir;
  dir.write("s/limits.toml", "[app.limits]\nsteps = 9\n");
  const auto file = dir.write("s/app.toml", "defaults = [\"limits\"]\n[app]\ndefaults = [\"x\"]\n");
  auto r = strata::configuration(strata::toml_file(file)).load<Sectioned>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r->limits.steps == 9);
  CHECK(r->defaults == std::vector<std::string>{"x"});
}
