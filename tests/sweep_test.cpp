// strata::sweep<T>: Hydra's sweep grammar (lists, range, choice, glob,
// quoted values, zip), the cartesian product first axis slowest, every job
// validated up front; bad sweeps as sweep_error; artifacts (write_sweep).
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <strata/experiments.hpp>

#include "support.hpp"

namespace sweep_spec {

struct Model {
  std::string name = "none";
  int layers = 1;
};
BOOST_DESCRIBE_STRUCT(Model, (), (name, layers))

struct Train {
  strata::annotated<double, strata::range<0.0, 1.0>> lr = 0.1;
  int batch = 32;
  int warmup = 0;
  std::string tag = "t";
  strata::annotated<std::string, strata::secret> token = "x";
  strata::annotated<int, strata::value<3>> seed;
  Model model;
};
BOOST_DESCRIBE_STRUCT(Train, (), (lr, batch, warmup, tag, token, seed, model))

}  // namespace sweep_spec

using namespace sweep_spec;
using strata_test::contains;
using strata_test::temp_dir;

namespace {
strata::configuration plain() { return strata::configuration(strata::toml_text("batch = 16\n", "base")); }

std::vector<std::vector<std::string>> overrides_of(const std::vector<strata::job<Train>>& jobs) {
  std::vector<std::vector<std::string>> out;
  for (const auto& j : jobs) out.push_back(j.overrides);
  return out;
}

std::string sweep_failure(const strata::configuration& ctx, std::vector<std::string> axes,
                          strata::sweep_options options = {}) {
  try {
    (void)strata::sweep<Train>(ctx, axes, options);
  } catch (const strata::sweep_error& e) {
    return e.what();
  }
  return "no sweep_error";
}

/// conf/run.toml choosing model/small; model/{small,large,huge}.
std::filesystem::path write_groups(const temp_dir& dir) {
  dir.write("conf/model/small.toml", "[model]\nname = \"small\"\nlayers = 2\n");
  dir.write("conf/model/large.toml", "[model]\nname = \"large\"\nlayers = 24\n");
  dir.write("conf/model/huge.toml", "[model]\nname = \"huge\"\nlayers = 96\n");
  return dir.write("conf/run.toml", "defaults = [{model = \"small\"}]\n");
}
}  // namespace

TEST_CASE("the cartesian product of the axes, first axis slowest, each job loaded with its overrides") {
  auto jobs = strata::sweep<Train>(plain(), {"lr=0.1,0.01", "batch=range(32,129,32)"});
  REQUIRE(jobs.size() == 8);
  CHECK(jobs[0].overrides == std::vector<std::string>{"lr=0.1", "batch=32"});
  CHECK(jobs[1].overrides == std::vector<std::string>{"lr=0.1", "batch=64"});
  CHECK(jobs[4].overrides == std::vector<std::string>{"lr=0.01", "batch=32"});
  CHECK(jobs[7].overrides == std::vector<std::string>{"lr=0.01", "batch=128"});
  for (const auto& j : jobs) REQUIRE(j.config.ok());
  CHECK(jobs[5].config->lr == 0.01);
  CHECK(jobs[5].config->batch == 64);
  CHECK(jobs[5].name == "lr=0.01,batch=64");
  CHECK(strata::count_invalid(jobs) == 0);
  CHECK(overrides_of(strata::sweep<Train>(plain(), {"lr=0.1,0.01", "batch=range(32,129,32)"})) == overrides_of(jobs));
}

TEST_CASE("range: stop exclusive, default step 1, negative steps, floats") {
  CHECK(overrides_of(strata::sweep<Train>(plain(), {"batch=range(1,4)"})) ==
        std::vector<std::vector<std::string>>{{"batch=1"}, {"batch=2"}, {"batch=3"}});
  CHECK(overrides_of(strata::sweep<Train>(plain(), {"batch=range(10,0,-5)"})) ==
        std::vector<std::vector<std::string>>{{"batch=10"}, {"batch=5"}});
  CHECK(overrides_of(strata::sweep<Train>(plain(), {"lr=range(0.1,0.4,0.1)"})) ==
        std::vector<std::vector<std::string>>{{"lr=0.1"}, {"lr=0.2"}, {"lr=0.30000000000000004"}});
}

TEST_CASE("choice(...) and quoted values holding commas") {
  auto jobs = strata::sweep<Train>(plain(), {"tag=choice(\"a,b\", c)"});
  REQUIRE(jobs.size() == 2);
  REQUIRE(jobs[0].config.ok());
  CHECK(jobs[0].config->tag == "a,b");
  CHECK(jobs[1].config->tag == "c");
  CHECK(jobs[0].name == "tag=_a,b_");
}

TEST_CASE("zip pairs its keys' values instead of multiplying them") {
  auto jobs = strata::sweep<Train>(plain(), {"zip(lr=0.1,0.01; warmup=100,500)", "batch=8,16"});
  CHECK(overrides_of(jobs) == std::vector<std::vector<std::string>>{{"lr=0.1", "warmup=100", "batch=8"},
                                                                    {"lr=0.1", "warmup=100", "batch=16"},
                                                                    {"lr=0.01", "warmup=500", "batch=8"},
                                                                    {"lr=0.01", "warmup=500", "batch=16"}});
  REQUIRE(jobs[2].config.ok());
  CHECK(jobs[2].config->warmup == 500);
}

TEST_CASE("group choices are swept like values; glob(...) matches a group's files") {
  temp_dir dir;
  const auto run = write_groups(dir);
  const auto ctx = strata::configuration(strata::toml_file(run));
  auto jobs = strata::sweep<Train>(ctx, {"model=glob(*l*)"});
  CHECK(overrides_of(jobs) == std::vector<std::vector<std::string>>{{"model=large"}, {"model=small"}});
  REQUIRE(jobs[0].config.ok());
  CHECK(jobs[0].config->model.layers == 24);
  auto listed = strata::sweep<Train>(ctx, {"model=huge,small"});
  REQUIRE(listed[0].config.ok());
  CHECK(listed[0].config->model.name == "huge");
  auto g = strata::groups<Train>(ctx);
  REQUIRE(g.size() == 1);
  CHECK(g[0].name == "model");
  CHECK(g[0].chosen == "small");
  CHECK(g[0].choices == std::vector<std::string>{"huge", "large", "small"});
}

TEST_CASE("an unknown group choice is reported once for its axis, with the group's files") {
  temp_dir dir;
  const auto ctx = strata::configuration(strata::toml_file(write_groups(dir)));
  const std::string e = sweep_failure(ctx, {"model=large,lage", "lr=0.1,0.2"});
  INFO(e);
  CHECK(contains(e, "model=lage"));
  CHECK(contains(e, "did you mean 'large'?"));
  CHECK_FALSE(contains(e, "model=large:"));
  CHECK(std::count(e.begin(), e.end(), '\n') == 1);  // one line for the one bad value
  CHECK(contains(sweep_failure(ctx, {"model=glob(x*)"}), "matches no file of the group 'model' (its files: 'huge'"));
}

TEST_CASE("a value its field's parser or constraint refuses fails the sweep before any job") {
  const std::string parser = sweep_failure(plain(), {"batch=8,eight"});
  INFO(parser);
  CHECK(contains(parser, "axis 'batch': batch=eight"));
  const std::string constraint = sweep_failure(plain(), {"lr=0.5,2.0"});
  INFO(constraint);
  CHECK(contains(constraint, "lr=2.0"));
  CHECK_FALSE(contains(constraint, "lr=0.5"));
}

TEST_CASE("malformed sweeps are refused with the reason") {
  CHECK(contains(sweep_failure(plain(), {"batch="}), "the axis has no values"));
  CHECK(contains(sweep_failure(plain(), {"batch=range(5,5)"}), "the axis has no values"));
  CHECK(contains(sweep_failure(plain(), {"batch=1,,2"}), "an empty value between commas"));
  CHECK(contains(sweep_failure(plain(), {"batch=range(0,10,0)"}), "range step is zero"));
  CHECK(contains(sweep_failure(plain(), {"batch=range(0,10,-1)"}), "wrong sign"));
  CHECK(contains(sweep_failure(plain(), {"lr=range(0.5,0.1,0.1)"}), "wrong sign"));
  CHECK(contains(sweep_failure(plain(), {"batch=range(1)"}), "range takes"));
  CHECK(contains(sweep_failure(plain(), {"tag=\"a,b"}), "unbalanced quotes"));
  CHECK(contains(sweep_failure(plain(), {"justtext"}), "expected key=values"));
  CHECK(contains(sweep_failure(plain(), {"batch=1,2", "batch=3"}), "'batch' is swept by two axes"));
  CHECK(contains(sweep_failure(plain(), {"zip(lr=0.1,0.2; warmup=1)"}), "different lengths"));
  CHECK(contains(sweep_failure(plain(), {"seed=1,2"}), "'seed' is pinned by value<>"));
}

TEST_CASE("more jobs than the limit is an error; the limit is an option") {
  CHECK(contains(sweep_failure(plain(), {"batch=range(0,200)", "warmup=range(0,100)"}), "more than 10000 jobs"));
  CHECK(contains(sweep_failure(plain(), {"batch=1,2,3"}, {.max_jobs = 2}), "more than 2 jobs"));
  CHECK(strata::sweep<Train>(plain(), {"batch=1,2"}, {.max_jobs = 2}).size() == 2);
}

TEST_CASE("a job its whole configuration makes invalid is returned with its diagnostics") {
  const strata::configuration ctx = strata::configuration(strata::toml_text("batch = 16\n", "base")).overrides({"warmup=oops"});
  auto jobs = strata::sweep<Train>(ctx, {"batch=1,2"});
  REQUIRE(jobs.size() == 2);
  CHECK(strata::count_invalid(jobs) == 2);
  CHECK_FALSE(jobs[0].config.errors().empty());
}

TEST_CASE("a secret may be swept; its values stay out of names, dumps and the index") {
  auto jobs = strata::sweep<Train>(plain(), {"token=hunter2,swordfish"});
  REQUIRE(jobs.size() == 2);
  REQUIRE(jobs[1].config.ok());
  CHECK(static_cast<const std::string&>(jobs[1].config->token) == "swordfish");
  CHECK(jobs[0].name != jobs[1].name);
  temp_dir dir;
  strata::write_sweep(dir.path() / "runs", jobs);
  std::string everything;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path())) {
    everything += entry.path().string() + "\n";
    if (entry.is_regular_file()) {
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      everything += text.str();
    }
  }
  INFO(everything);
  CHECK_FALSE(contains(everything, "hunter2"));
  CHECK_FALSE(contains(everything, "swordfish"));
  CHECK(contains(strata::sweep_index(jobs), "token=<redacted>"));
  CHECK_FALSE(contains(sweep_failure(plain(), {"token=hunter2", "token=x"}), "hunter2"));
}

TEST_CASE("write_sweep writes each job's config.toml and an index of every job") {
  const strata::configuration ctx = plain();
  auto jobs = strata::sweep<Train>(ctx, {"batch=1,2"});
  temp_dir dir;
  strata::write_sweep(dir.path(), jobs);
  const auto dumped = strata::configuration(strata::toml_file(dir.path() / "batch=2" / "config.toml")).load<Train>();
  INFO(strata::format(dumped.diagnostics()));
  REQUIRE(dumped.ok());
  CHECK(dumped->batch == 2);
  std::ifstream in(dir.path() / "sweep.toml");
  std::stringstream text;
  text << in.rdbuf();
  CHECK(contains(text.str(), "batch=1"));
  CHECK(contains(text.str(), "ok"));
  CHECK(contains(text.str(), "jobs = 2"));
}
