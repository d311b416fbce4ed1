// The MusicGen configuration in YAML, with the validation results of the
// TOML version:
//   - examples/musicgen/configs_yaml, Hydra-style files written for the
//     project with the values of examples/musicgen/configs (TOML): every
//     profile, clean and broken, gives the same values and the same
//     diagnostics (paths and messages; the origins name the YAML files);
//   - the YAML of the original document itself (../shared/seeds/002), taken
//     from its ```yaml blocks at test time: the section blocks form
//     base.yaml, the development/staging/production blocks keep their
//     `defaults` lists (`- base`, `- override /model: ...`). The document
//     has no model or infrastructure files; those of configs_yaml stand in.
//     Skipped, with a notice, when ../shared is absent.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <strata/sources/yaml.hpp>

#include "../examples/musicgen/musicgen_config.hpp"
#include "support.hpp"

#ifndef STRATA_MUSICGEN_CONFIGS
#define STRATA_MUSICGEN_CONFIGS "examples/musicgen/configs"
#endif
#ifndef STRATA_SHARED_DIR
#define STRATA_SHARED_DIR "../shared"
#endif

namespace {

namespace fs = std::filesystem;
using musicgen::MusicGenConfig;
using strata_test::contains;
using vars = std::map<std::string, std::string>;

const fs::path toml_dir = fs::path(STRATA_MUSICGEN_CONFIGS) / "app";
const fs::path yaml_root = fs::path(STRATA_MUSICGEN_CONFIGS).parent_path() / "configs_yaml";

vars production_env() {
  return {{"JWT_SECRET", "prod-jwt-secret-0123456789abcdefghijklmnop"},
          {"WANDB_API_KEY", "wandb-key-0123456789"},
          {"WANDB_ENTITY", "musicgen-team"},
          {"POSTGRES_HOST", "postgres.example.com"},
          {"POSTGRES_USER", "musicgen"},
          {"POSTGRES_PASSWORD", "postgres-password-0123"},
          {"REDIS_HOST", "redis.example.com"},
          {"REDIS_PASSWORD", "redis-password-0123"},
          {"MODEL_CACHE_DIR", "/app/cache/models"},
          {"AUDIO_OUTPUT_DIR", "/app/outputs/audio"}};
}

strata::result<MusicGenConfig> load_profile(const fs::path& dir, const std::string& profile, vars environment,
                                            const std::vector<std::string>& overrides) {
  return strata::configuration(strata::profile(dir, profile), strata::env(std::move(environment)))
      .overrides(overrides)
      .load<MusicGenConfig>();
}

using finding = std::tuple<strata::severity, std::string, std::string>;  // severity, path, message

std::multiset<finding> findings(const strata::result<MusicGenConfig>& r) {
  std::multiset<finding> out;
  for (const auto& d : r.diagnostics()) out.emplace(d.severity, d.path, d.message);
  return out;
}

/// The same values and the same diagnostics from TOML and from YAML.
void require_same(const strata::result<MusicGenConfig>& toml, const strata::result<MusicGenConfig>& yaml) {
  INFO("TOML:\n" << strata::format(toml.diagnostics()) << "YAML:\n" << strata::format(yaml.diagnostics()));
  CHECK(toml.ok() == yaml.ok());
  CHECK(findings(toml) == findings(yaml));
  CHECK(strata::to_toml(strata::detail::result_access::value(toml), strata::reveal_secrets) ==
        strata::to_toml(strata::detail::result_access::value(yaml), strata::reveal_secrets));
  for (const auto& d : yaml.diagnostics())
    if (d.origin.kind == strata::origin_kind::file) CHECK(fs::path(d.origin.name).extension() == ".yaml");
}

/// One case: a profile, an environment, overrides.
struct scenario {
  std::string profile;
  vars environment;
  std::vector<std::string> overrides;
};

const std::vector<std::string> broken_rules = {
    "app.name=\"\"", "app.environment=\"production\"", "api.port=0", "api.cors.origins=[\"ftp://files.example.com\"]",
    "auth.jwt_expiration_hours=0", "model.cache_size=0", "generation.default_duration=500.0", "audio.bit_depth=20",
    "resources.max_memory_usage_percent=50.0", "resources.cleanup_threshold_percent=60.0",
    "external_services.postgresql.ssl_mode=\"on\""};

std::vector<scenario> scenarios() {
  return {{"development", {}, {}},
          {"staging", {{"JWT_SECRET", "staging-jwt-secret-0123456789abcdefghij"}, {"POSTGRES_PASSWORD", "pw"}}, {}},
          {"production", production_env(), {}},
          {"production", {}, {}},                                   // every missing variable reported
          {"production", production_env(), {"app.debug=true", "auth.enabled=false"}},
          {"development", {{"REDIS_PORT", "99999"}}, broken_rules}};
}

/// The ```yaml blocks of a Markdown text.
std::vector<std::string> yaml_blocks(std::istream& in) {
  std::vector<std::string> blocks;
  std::string line, block;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside && line.rfind("```yaml", 0) == 0) {
      inside = true;
      block.clear();
    } else if (inside && line.rfind("```", 0) == 0) {
      inside = false;
      blocks.push_back(block);
    } else if (inside) {
      block += line + "\n";
    }
  }
  return blocks;
}

/// The first line of a block that is not blank.
std::string first_line(const std::string& block) {
  std::istringstream in(block);
  std::string line;
  while (std::getline(in, line))
    if (line.find_first_not_of(" \t") != std::string::npos) return line;
  return {};
}

}  // namespace

TEST_SUITE_BEGIN("musicgen");

TEST_CASE("musicgen in YAML: every profile gives the values and diagnostics of the TOML files") {
  for (const scenario& s : scenarios()) {
    CAPTURE(s.profile);
    CAPTURE(s.overrides.size());
    require_same(load_profile(toml_dir, s.profile, s.environment, s.overrides),
                 load_profile(yaml_root / "app", s.profile, s.environment, s.overrides));
  }
}

TEST_CASE("musicgen in YAML: a profile file alone composes base, model and infrastructure itself") {
  auto r = strata::configuration(strata::yaml_file(yaml_root / "app" / "production.yaml"),
                                 strata::env(production_env()))
               .load<MusicGenConfig>();
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(*r->model.default_model == "facebook/musicgen-large");
  CHECK(*r->external_services.redis.host == "redis.example.com");
  const strata::origin o = r.origin_of("external_services.redis.host");
  CHECK(o.name == (yaml_root / "infrastructure" / "kubernetes.yaml").string());
  CHECK(o.line == 16);  // `    host: "${REDIS_HOST}"`
  CHECK(o.via == "REDIS_HOST");
  const auto toml = load_profile(toml_dir, "production", production_env(), {});
  CHECK(strata::to_toml(*r, strata::reveal_secrets) == strata::to_toml(*toml, strata::reveal_secrets));
}

TEST_CASE("musicgen in YAML: the original document's own YAML blocks load, with the TOML version's results") {
  const fs::path seed_dir = fs::path(STRATA_SHARED_DIR) / "seeds";
  fs::path seed;
  std::error_code ec;
  for (auto it = fs::directory_iterator(seed_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (it->path().filename().string().rfind("002_", 0) == 0) seed = it->path();
  if (seed.empty()) {
    MESSAGE("skipped: " << seed_dir.string() << " has no 002_*.txt (the shared folder is absent)");
    return;
  }
  std::ifstream in(seed);
  const std::vector<std::string> blocks = yaml_blocks(in);
  std::string base;
  std::map<std::string, std::string> profiles;  // the last block of each file wins
  const std::set<std::string> sections = {"app", "api", "auth", "model", "generation", "audio", "resources",
                                          "external_services", "features", "dev_tools", "validation"};
  for (const std::string& block : blocks) {
    const std::string first = first_line(block);
    for (const char* p : {"development", "staging", "production"})
      if (first == std::string("# ") + p + ".yaml") profiles[p] = block;
    const std::string key = first.substr(0, first.find(':'));
    if (first.find(':') != std::string::npos && sections.count(key)) base += block + "\n";
  }
  REQUIRE(profiles.size() == 3);
  REQUIRE(contains(base, "external_services:"));
  REQUIRE(contains(profiles["production"], "override /infrastructure: kubernetes"));

  strata_test::temp_dir dir;
  dir.write("configs/app/base.yaml", base);
  for (const auto& [name, text] : profiles) dir.write("configs/app/" + name + ".yaml", text);
  for (const char* group : {"model", "infrastructure"})
    for (const auto& entry : fs::directory_iterator(yaml_root / group))
      fs::copy_file(entry.path(), (fs::create_directories(dir.path() / "configs" / group),
                                   dir.path() / "configs" / group / entry.path().filename()));

  // With the document's required variables set, each profile loads clean,
  // as the TOML version does; each broken rule gives the same error.
  for (const char* p : {"development", "staging", "production"}) {
    CAPTURE(std::string(p));
    const auto yaml = load_profile(dir.path() / "configs" / "app", p, production_env(), {});
    const auto toml = load_profile(toml_dir, p, production_env(), {});
    INFO("seed YAML:\n" << strata::format(yaml.diagnostics()));
    CHECK(yaml.ok());
    CHECK(yaml.diagnostics().empty());
    CHECK(findings(yaml) == findings(toml));
    CHECK(yaml->app.environment == toml->app.environment);
    CHECK(*yaml->model.default_model == *toml->model.default_model);  // the override /model choice
    for (const std::string& rule : broken_rules) {
      CAPTURE(rule);
      const auto broken_yaml = load_profile(dir.path() / "configs" / "app", p, production_env(), {rule});
      const auto broken_toml = load_profile(toml_dir, p, production_env(), {rule});
      std::set<std::string> yaml_paths, toml_paths;
      for (const auto& d : broken_yaml.errors()) yaml_paths.insert(d.path + ": " + d.message);
      for (const auto& d : broken_toml.errors()) toml_paths.insert(d.path + ": " + d.message);
      CHECK(yaml_paths == toml_paths);
    }
  }
}

TEST_CASE("musicgen in YAML: secrets are never printed") {
  vars environment = production_env();
  environment["JWT_SECRET"] = "hunter2-sentinel";
  environment["REDIS_PASSWORD"] = "redis-sentinel-password";
  const auto r = load_profile(yaml_root / "app", "production", environment, {"app.debug=true"});
  CHECK_FALSE(r.ok());
  for (const std::string& out : {strata::format(r.diagnostics()), strata::to_json(r.diagnostics()), strata::explain(r)})
    for (std::string_view secret : {"hunter2", "redis-sentinel"}) CHECK_FALSE(contains(out, secret));
}

TEST_SUITE_END();
