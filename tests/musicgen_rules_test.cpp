// tests/musicgen_rules_test.cpp: the MusicGen AI configuration of
// examples/musicgen (seeds/002) against its "Validation Rules": one test per
// rule that breaks just that rule, one that breaks many at once, and the
// profiles as shipped (development clean, production clean with its
// variables, production without them reporting each one with file:line and
// never printing a secret).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>
#include <strata/tools.hpp>

#include "../examples/musicgen/musicgen_config.hpp"

#ifndef STRATA_MUSICGEN_CONFIGS
#define STRATA_MUSICGEN_CONFIGS "examples/musicgen/configs"
#endif

namespace {

using musicgen::MusicGenConfig;
using vars = std::map<std::string, std::string>;

const std::filesystem::path configs_dir = STRATA_MUSICGEN_CONFIGS;
const std::filesystem::path app_dir = configs_dir / "app";

strata::result<MusicGenConfig> load(const std::string& profile, vars environment = {},
                                    std::initializer_list<std::string_view> overrides = {}) {
  return strata::configuration(strata::profile(app_dir, profile), strata::env(std::move(environment)))
      .overrides(overrides)
      .load<MusicGenConfig>();
}

/// The development profile with `overrides` and an empty environment.
strata::result<MusicGenConfig> development(std::initializer_list<std::string_view> overrides) {
  return load("development", {}, overrides);
}

const std::string good_jwt_secret = "prod-jwt-secret-0123456789abcdefghijklmnop";

/// Every variable production needs (seeds/002, "Required Production Variables").
vars production_env() {
  return {{"JWT_SECRET", good_jwt_secret},
          {"WANDB_API_KEY", "wandb-key-0123456789"},
          {"POSTGRES_HOST", "postgres.example.com"},
          {"POSTGRES_PASSWORD", "postgres-password-0123"},
          {"REDIS_HOST", "redis.example.com"},
          {"REDIS_PASSWORD", "redis-password-0123"},
          {"MODEL_CACHE_DIR", "/app/cache/models"},
          {"AUDIO_OUTPUT_DIR", "/app/outputs/audio"}};
}

/// The production profile with every variable set, plus `overrides`.
strata::result<MusicGenConfig> production(std::initializer_list<std::string_view> overrides) {
  return load("production", production_env(), overrides);
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

/// The load has exactly one error, at `path`, whose message contains `says`.
void require_only_error(const strata::result<MusicGenConfig>& r, std::string_view path, std::string_view says) {
  INFO("diagnostics:\n" << strata::format(r.diagnostics()));
  const auto errors = r.errors();
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == path);
  CHECK_MESSAGE(contains(errors[0].message, says), "message: " << errors[0].message);
}

/// Loads clean: no error and no warning.
void require_clean(const strata::result<MusicGenConfig>& r) {
  INFO("diagnostics:\n" << strata::format(r.diagnostics()));
  CHECK(r.ok());
  CHECK(r.diagnostics().empty());
}

/// The 1-based line of the first line of `file` that contains `text`.
int line_of(const std::filesystem::path& file, std::string_view text) {
  std::ifstream in(file);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (contains(line, text)) return n;
  return 0;
}

}  // namespace

TEST_SUITE_BEGIN("musicgen");

// ---- the profiles as shipped -----------------------------------------------

TEST_CASE("musicgen: development loads clean with an empty environment") {
  const auto r = load("development");
  require_clean(r);
  REQUIRE(r.ok());
  const MusicGenConfig& c = r.value();
  CHECK(c.app.environment == musicgen::Environment::development);
  CHECK(*c.app.debug);
  CHECK_FALSE(*c.auth.enabled);
  CHECK(c.model.device == musicgen::Device::cpu);
  CHECK(*c.model.default_model == "facebook/musicgen-small");  // composed from model/musicgen_small.toml
  CHECK(c.model.cache_dir == std::filesystem::path("./cache/models"));  // ${MODEL_CACHE_DIR:./cache/models}
  CHECK(*c.external_services.redis.port == 6379);                      // "${REDIS_PORT:6379}" fills an int
  CHECK(*c.external_services.postgresql.database == "musicgen_dev");
  CHECK(contains(r.origin_of("model.default_model").name, "musicgen_small.toml"));
}

TEST_CASE("musicgen: production with every required variable loads clean") {
  const auto r = load("production", production_env());
  require_clean(r);
  REQUIRE(r.ok());
  const MusicGenConfig& c = r.value();
  CHECK(c.app.environment == musicgen::Environment::production);
  CHECK_FALSE(*c.app.debug);
  CHECK(*c.auth.enabled);
  CHECK(*c.auth.jwt_secret == good_jwt_secret);
  CHECK(c.auth.jwt_algorithm == musicgen::JwtAlgorithm::RS256);
  CHECK(*c.model.default_model == "facebook/musicgen-large");
  CHECK(c.model.cache_dir == std::filesystem::path("/app/cache/models"));
  CHECK(*c.external_services.redis.host == "redis.example.com");
  CHECK(*c.external_services.postgresql.ssl_mode == "require");
  CHECK(*c.external_services.postgresql.database == "musicgen_prod");  // ${POSTGRES_DB:musicgen_prod}
  CHECK(*c.limits.max_requests_per_hour == 1000);
  CHECK(contains(r.origin_of("external_services.redis.host").name, "kubernetes.toml"));
}

TEST_CASE("musicgen: staging with its variables loads clean") {
  require_clean(load("staging", {{"JWT_SECRET", good_jwt_secret}, {"POSTGRES_PASSWORD", "staging-password"}}));
}

TEST_CASE("musicgen: production without its variables reports each one with file:line") {
  const auto r = load("production");
  const std::string report = strata::format(r.diagnostics());
  INFO("diagnostics:\n" << report);
  CHECK_FALSE(r.ok());
  const std::filesystem::path production_toml = app_dir / "production.toml";
  const std::filesystem::path kubernetes_toml = configs_dir / "infrastructure" / "kubernetes.toml";
  struct expectation {
    std::string variable, path;
    std::filesystem::path file;
  };
  const std::vector<expectation> expected = {
      {"JWT_SECRET", "auth.jwt_secret", production_toml},
      {"WANDB_API_KEY", "external_services.wandb.api_key", production_toml},
      {"REDIS_HOST", "external_services.redis.host", kubernetes_toml},
      {"REDIS_PASSWORD", "external_services.redis.password", kubernetes_toml},
      {"POSTGRES_HOST", "external_services.postgresql.host", kubernetes_toml},
      {"POSTGRES_PASSWORD", "external_services.postgresql.password", kubernetes_toml},
      {"MODEL_CACHE_DIR", "model.cache_dir", kubernetes_toml},
      {"AUDIO_OUTPUT_DIR", "audio.output_dir", kubernetes_toml},
  };
  for (const expectation& e : expected) {
    CAPTURE(e.variable);
    const int line = line_of(e.file, "${" + e.variable);
    REQUIRE(line > 0);
    const auto errors = r.errors();
    const auto it = std::find_if(errors.begin(), errors.end(), [&](const strata::diagnostic& d) {
      return d.path == e.path && contains(d.message, e.variable);
    });
    REQUIRE_MESSAGE(it != errors.end(), "no error names " << e.variable << " at " << e.path);
    CHECK(it->origin.kind == strata::origin_kind::file);
    CHECK(std::filesystem::path(it->origin.name).filename() == e.file.filename());
    CHECK(it->origin.line == line);
    CHECK(contains(report, fmt::format("{}:{}:", e.file.filename().string(), line)));
  }
  // ${VAR:?message}: the file's message is part of the report.
  CHECK(contains(report, "mount the model cache volume"));
  // Nothing else is wrong with production: every other error is about a
  // field whose variable is missing (the JWT rule sees an empty secret).
  std::set<std::string> paths;
  for (const auto& e : expected) paths.insert(e.path);
  for (const auto& d : r.errors()) CHECK_MESSAGE(paths.count(d.path) == 1, "unexpected error at " << d.path);
}

TEST_CASE("musicgen: secrets are never printed, whatever goes wrong") {
  // JWT_SECRET is set but too short; the others are set and fine; many
  // other things fail around them.
  vars environment = production_env();
  environment["JWT_SECRET"] = "hunter2-sentinel";
  environment["REDIS_PASSWORD"] = "redis-sentinel-password";
  environment["POSTGRES_PASSWORD"] = "postgres-sentinel-password";
  environment["MUSICGEN_EXTERNAL_SERVICES__WANDB__API_KEY"] = "wandb-sentinel-key";
  environment["REDIS_PORT"] = "not-a-port";
  const auto r = load("production", environment,
                      {"app.debug=true", "external_services.postgresql.ssl_mode=\"none\""});
  CHECK_FALSE(r.ok());
  const std::string outputs[] = {strata::format(r.diagnostics()), strata::to_json(r.diagnostics()),
                                 strata::explain(r)};
  for (const std::string& out : outputs) {
    INFO(out);
    for (std::string_view secret : {"hunter2", "redis-sentinel", "postgres-sentinel", "wandb-sentinel"})
      CHECK_FALSE(contains(out, secret));
  }
  CHECK(contains(strata::format(r.diagnostics()), "auth.jwt_secret: must be at least 32 characters"));
}

// ---- app ---------------------------------------------------------------------

TEST_CASE("musicgen rule: app.name is required and non-empty") {
  require_only_error(development({"app.name=\"\""}), "app.name", "must not be empty");
}

TEST_CASE("musicgen rule: app.environment is development, staging or production") {
  require_only_error(development({"app.environment=\"qa\""}), "app.environment", "development");
}

TEST_CASE("musicgen rule: app.debug must be disabled in production") {
  SUBCASE("the production profile") {
    require_only_error(production({"app.debug=true"}), "app.debug", "must be disabled in production");
  }
  SUBCASE("app.environment = production under another profile") {
    const auto r = load("staging", {{"JWT_SECRET", good_jwt_secret}, {"POSTGRES_PASSWORD", "pw"}},
                        {"app.environment=\"production\"", "app.debug=true"});
    require_only_error(r, "app.debug", "must be disabled in production");
    CHECK(r.warnings().size() == 1);  // environment and profile disagree
  }
}

// ---- api ---------------------------------------------------------------------

TEST_CASE("musicgen rule: api.port is 1-65535") {
  require_only_error(development({"api.port=70000"}), "api.port", "[1, 65535]");
  require_only_error(development({"api.port=0"}), "api.port", "[1, 65535]");
}

TEST_CASE("musicgen rule: api.workers is 1-32") {
  require_only_error(development({"api.workers=33"}), "api.workers", "[1, 32]");
}

TEST_CASE("musicgen rule: api.rate_limiting.requests_per_minute is 1-10000") {
  require_only_error(development({"api.rate_limiting.requests_per_minute=0"}), "api.rate_limiting.requests_per_minute",
                     "[1, 10000]");
}

TEST_CASE("musicgen rule: api.cors.origins are valid URLs") {
  const auto r = development({"api.cors.origins=[\"https://musicgen-ai.com\", \"musicgen-ai.com\"]"});
  require_only_error(r, "api.cors.origins[1]", "is not a valid URL");
  CHECK(r.errors()[0].origin.kind == strata::origin_kind::overrides);
  CHECK(development({"api.cors.origins=[\"https://a.example\", \"http://localhost:3000/app\"]"}).ok());
}

// ---- auth --------------------------------------------------------------------

TEST_CASE("musicgen rule: auth.jwt_secret has at least 32 characters when auth is enabled") {
  const auto r = development({"auth.enabled=true", "auth.jwt_secret=\"short-secret\""});
  require_only_error(r, "auth.jwt_secret", "at least 32 characters when auth is enabled");
  CHECK_FALSE(contains(strata::format(r.diagnostics()), "short-secret"));
  // Off: no length rule. Exactly 32: accepted.
  CHECK(development({"auth.enabled=false", "auth.jwt_secret=\"short-secret\""}).ok());
  CHECK(development({"auth.enabled=true", "auth.jwt_secret=\"0123456789abcdef0123456789abcdef\""}).ok());
}

TEST_CASE("musicgen rule: auth.jwt_expiration_hours is 1-8760") {
  require_only_error(development({"auth.jwt_expiration_hours=8761"}), "auth.jwt_expiration_hours", "[1, 8760]");
}

TEST_CASE("musicgen rule: auth must be enabled in production") {
  require_only_error(production({"auth.enabled=false"}), "auth.enabled", "must be enabled in production");
}

// ---- model -------------------------------------------------------------------

TEST_CASE("musicgen rule: model.cache_size is 1-20") {
  require_only_error(development({"model.cache_size=21"}), "model.cache_size", "[1, 20]");
}

TEST_CASE("musicgen rule: model.device is auto, cpu, cuda or mps") {
  require_only_error(development({"model.device=\"tpu\""}), "model.device", "auto");
  const auto r = development({"model.device=\"AUTO\""});  // names ignore case
  REQUIRE(r.ok());
  CHECK(r.value().model.device == musicgen::Device::auto_);
}

TEST_CASE("musicgen rule: model.download_timeout_seconds is 30-3600") {
  require_only_error(development({"model.download_timeout_seconds=29"}), "model.download_timeout_seconds",
                     "[30, 3600]");
}

// ---- generation --------------------------------------------------------------

TEST_CASE("musicgen rule: generation.default_duration is 0.1-300.0 seconds") {
  require_only_error(development({"generation.default_duration=0.05"}), "generation.default_duration",
                     "[0.1, 300]");
}

TEST_CASE("musicgen rule: generation.max_duration is greater than default_duration") {
  // development: default_duration = 5.0
  require_only_error(development({"generation.max_duration=5.0"}), "generation.max_duration",
                     "must be greater than default_duration (5), got 5");
  require_only_error(development({"generation.default_duration=45.0"}), "generation.max_duration",
                     "must be greater than default_duration (45), got 30");
}

TEST_CASE("musicgen rule: generation.default_temperature is 0.1-2.0") {
  require_only_error(development({"generation.default_temperature=2.5"}), "generation.default_temperature",
                     "[0.1, 2]");
}

TEST_CASE("musicgen rule: generation.max_batch_size is 1-32") {
  require_only_error(development({"generation.max_batch_size=64"}), "generation.max_batch_size", "[1, 32]");
}

// ---- audio -------------------------------------------------------------------

TEST_CASE("musicgen rule: audio.sample_rate is a supported rate") {
  require_only_error(development({"audio.sample_rate=12345"}), "audio.sample_rate", "44100");
  CHECK(development({"audio.sample_rate=96000"}).ok());
}

TEST_CASE("musicgen rule: audio.format is a supported format") {
  require_only_error(development({"audio.format=\"aac\""}), "audio.format", "flac");
}

TEST_CASE("musicgen rule: audio.bit_depth is 8, 16, 24 or 32") {
  require_only_error(development({"audio.bit_depth=12"}), "audio.bit_depth", "must be one of 8, 16, 24, 32");
}

TEST_CASE("musicgen rule: audio.channels is 1 or 2") {
  require_only_error(development({"audio.channels=6"}), "audio.channels", "must be one of 1, 2");
}

TEST_CASE("musicgen rule: audio.normalization is peak, rms, lufs or none") {
  require_only_error(development({"audio.normalization=\"loud\""}), "audio.normalization", "lufs");
}

TEST_CASE("musicgen rule: audio.backup_retention_days is 1-365") {
  require_only_error(development({"audio.backup_retention_days=400"}), "audio.backup_retention_days", "[1, 365]");
}

// ---- resources ---------------------------------------------------------------

TEST_CASE("musicgen rule: every resources percentage is 10.0-95.0") {
  // development: max_memory 80, cleanup 70; each value below keeps
  // cleanup < max_memory so only the range rule breaks.
  SUBCASE("max_memory_usage_percent") {
    require_only_error(development({"resources.max_memory_usage_percent=96.0"}), "resources.max_memory_usage_percent",
                       "[10, 95]");
  }
  SUBCASE("max_cpu_usage_percent") {
    require_only_error(development({"resources.max_cpu_usage_percent=5.0"}), "resources.max_cpu_usage_percent",
                       "[10, 95]");
  }
  SUBCASE("cleanup_threshold_percent") {
    require_only_error(development({"resources.cleanup_threshold_percent=9.5"}),
                       "resources.cleanup_threshold_percent", "[10, 95]");
  }
}

TEST_CASE("musicgen rule: resources.cleanup_threshold_percent is below max_memory_usage_percent") {
  require_only_error(development({"resources.cleanup_threshold_percent=80.0"}), "resources.cleanup_threshold_percent",
                     "must be below max_memory_usage_percent (80)");
}

TEST_CASE("musicgen rule: resources.monitoring_interval_seconds is 1.0-300.0") {
  require_only_error(development({"resources.monitoring_interval_seconds=0.5"}),
                     "resources.monitoring_interval_seconds", "[1, 300]");
}

TEST_CASE("musicgen rule: resources.gpu_memory_fraction is 0.1-1.0") {
  require_only_error(development({"resources.gpu_memory_fraction=1.5"}), "resources.gpu_memory_fraction",
                     "[0.1, 1]");
}

// ---- external_services -------------------------------------------------------

TEST_CASE("musicgen rule: service ports are 1-65535") {
  SUBCASE("redis, through \"${REDIS_PORT:6379}\"") {
    const auto r = load("development", {{"REDIS_PORT", "0"}});
    require_only_error(r, "external_services.redis.port", "[1, 65535]");
    const strata::origin o = r.errors()[0].origin;
    CHECK(std::filesystem::path(o.name).filename() == "local.toml");
    CHECK(o.line == line_of(configs_dir / "infrastructure" / "local.toml", "${REDIS_PORT"));
  }
  SUBCASE("postgresql") {
    require_only_error(development({"external_services.postgresql.port=65536"}), "external_services.postgresql.port",
                       "[1, 65535]");
  }
}

TEST_CASE("musicgen rule: pool sizes are 1-100") {
  SUBCASE("redis") {
    require_only_error(development({"external_services.redis.connection_pool_size=0"}),
                       "external_services.redis.connection_pool_size", "[1, 100]");
  }
  SUBCASE("postgresql") {
    require_only_error(development({"external_services.postgresql.pool_size=101"}),
                       "external_services.postgresql.pool_size", "[1, 100]");
  }
}

TEST_CASE("musicgen rule: postgresql.ssl_mode is a PostgreSQL SSL mode") {
  require_only_error(development({"external_services.postgresql.ssl_mode=\"verify\""}),
                     "external_services.postgresql.ssl_mode", "'verify-ca', 'verify-full'");
  for (std::string_view mode : {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}) {
    CAPTURE(mode);
    const std::string setting = fmt::format("external_services.postgresql.ssl_mode=\"{}\"", mode);
    CHECK(development({setting}).ok());
  }
}

// ---- the other choices the document lists -------------------------------------

TEST_CASE("musicgen rule: listed choices (jwt_algorithm, quality_mode, memory_pressure_handling, log_frequency)") {
  SUBCASE("auth.jwt_algorithm") {
    require_only_error(development({"auth.jwt_algorithm=\"none\""}), "auth.jwt_algorithm", "RS512");
  }
  SUBCASE("generation.quality_mode") {
    require_only_error(development({"generation.quality_mode=\"ultra\""}), "generation.quality_mode", "standard");
  }
  SUBCASE("resources.memory_pressure_handling") {
    require_only_error(development({"resources.memory_pressure_handling=\"panic\""}),
                       "resources.memory_pressure_handling", "aggressive");
  }
  SUBCASE("external_services.wandb.log_frequency") {
    require_only_error(development({"external_services.wandb.log_frequency=\"debug\""}),
                       "external_services.wandb.log_frequency", "verbose");
  }
}

// ---- validation ----------------------------------------------------------------

TEST_CASE("musicgen rule: validation.max_prompt_length is 1-10000") {
  require_only_error(development({"validation.max_prompt_length=10001"}), "validation.max_prompt_length",
                     "[1, 10000]");
}

TEST_CASE("musicgen rule: validation.min_duration is 0.01-10.0") {
  require_only_error(development({"validation.min_duration=0.001"}), "validation.min_duration", "[0.01, 10]");
}

TEST_CASE("musicgen rule: validation.max_file_size_mb is 1-1000") {
  require_only_error(development({"validation.max_file_size_mb=1001"}), "validation.max_file_size_mb", "[1, 1000]");
}

// ---- all at once ---------------------------------------------------------------

TEST_CASE("musicgen: many broken rules come back together") {
  // app.environment = production turns on the production rules under the
  // development profile (whose app.debug is true and auth off).
  const auto r = load("development", {{"REDIS_PORT", "99999"}},
                      {"app.name=\"\"", "app.environment=\"production\"", "api.port=0", "api.workers=64",
                       "api.cors.origins=[\"ftp://files.example.com\"]", "auth.jwt_expiration_hours=0",
                       "model.cache_size=0", "model.device=\"tpu\"", "generation.default_duration=500.0",
                       "generation.default_temperature=0.0", "audio.sample_rate=44000", "audio.bit_depth=20",
                       "resources.max_memory_usage_percent=50.0", "resources.cleanup_threshold_percent=60.0",
                       "resources.gpu_memory_fraction=0.0", "external_services.postgresql.ssl_mode=\"on\"",
                       "external_services.postgresql.pool_size=1000", "validation.max_file_size_mb=0"});
  const std::set<std::string> expected = {
      "app.name",
      "app.debug",     // production rule
      "auth.enabled",  // production rule
      "api.port",
      "api.workers",
      "api.cors.origins[0]",
      "auth.jwt_expiration_hours",
      "model.cache_size",
      "model.device",
      "generation.default_duration",
      "generation.max_duration",  // 30 is not above 500
      "generation.default_temperature",
      "audio.sample_rate",
      "audio.bit_depth",
      "resources.cleanup_threshold_percent",  // 60 is not below 50
      "resources.gpu_memory_fraction",
      "external_services.redis.port",
      "external_services.postgresql.ssl_mode",
      "external_services.postgresql.pool_size",
      "validation.max_file_size_mb",
  };
  INFO("diagnostics:\n" << strata::format(r.diagnostics()));
  std::multiset<std::string> found;
  for (const auto& d : r.errors()) found.insert(d.path);
  CHECK(found == std::multiset<std::string>(expected.begin(), expected.end()));
  CHECK(r.warnings().size() == 1);  // app.environment says production, the profile is development
}

TEST_SUITE_END();
