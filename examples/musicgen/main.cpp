// examples/musicgen/main.cpp: the MusicGen AI configuration (seeds/002)
// loaded with strata.
//
//   musicgen [configs-dir]
//   musicgen config <command> [--profile NAME] [--file PATH]...
//
// Without `config`, the demo:
// 1. loads the `development` profile (configs/app/base.toml, then
//    development.toml, which composes model/musicgen_small.toml and
//    infrastructure/local.toml) plus an environment and an override, and
//    prints the effective configuration with the origin of every value;
// 2. loads the `production` profile with the deployment's hosts and paths
//    but WITHOUT its secrets, and prints every problem at once.
// Exit 0 when the first loads and the second is rejected, 1 otherwise.
//
// The environments are injected maps so the demo prints the same thing
// everywhere; a service passes strata::env() to read the process environment.
//
// With `config`, strata's configuration tool (strata::cli::run) on the real
// process environment: validate, check, dump, explain, schema, env, sample,
// profiles (see `musicgen config --help`). The profile is --profile, else
// APP_ENV, else development; the configs directory is APP_CONFIG_DIR
// if set, else the example's own.
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <tuple>

#include <fmt/core.h>

#include <strata/load.hpp>
#include <strata/src.hpp>  // the engine: in one source file of the program
#include <strata/tools/cli.hpp>

#include "musicgen_config.hpp"

#ifndef MUSICGEN_CONFIGS
#define MUSICGEN_CONFIGS "examples/musicgen/configs"
#endif

namespace {

void rule(std::string_view title) {
  fmt::print("\n== {} {}\n", title, std::string(title.size() < 74 ? 74 - title.size() : 0, '='));
}

// Like the original's `load_config(environment=..., overrides=[...])`.
strata::result<musicgen::MusicGenConfig> load_config(const std::filesystem::path& configs, const std::string& name,
                                                     std::map<std::string, std::string> environment,
                                                     std::initializer_list<std::string_view> overrides = {}) {
  return strata::configuration(strata::profile(configs / "app", name), strata::env(std::move(environment)))
      .overrides(overrides)
      .load<musicgen::MusicGenConfig>();
}

}  // namespace

/// `musicgen config ...`: argv[0] is "config".
int config_command(int argc, char** argv) {
  const char* dir = std::getenv("APP_CONFIG_DIR");
  const std::filesystem::path configs = dir && *dir ? dir : MUSICGEN_CONFIGS;
  return strata::cli::run<musicgen::MusicGenConfig>(
      argc, argv,
      [&](const strata::cli::options& o) {
        return strata::cli::layered(std::tuple{strata::profile(configs / "app", o.profile)}, o.files,
                                    std::tuple{strata::env()});
      },
      {.program = "musicgen config", .profiles = configs / "app"});
}

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "config") return config_command(argc - 1, argv + 1);
  if (argc > 2) {
    fmt::print(stderr, "usage: {0} [configs-dir]\n       {0} config <command> [options]  (see {0} config --help)\n",
               argv[0]);
    return 2;
  }
  const std::filesystem::path configs = argc > 1 ? argv[1] : MUSICGEN_CONFIGS;
  bool as_expected = true;

  // 1. Development. JWT_SECRET is read by base.toml's "${JWT_SECRET:}" (auth
  //    is off in development, the value is shown redacted all the same);
  //    REDIS_PORT fills an int through "${REDIS_PORT:6379}"; a MUSICGEN_
  //    variable and an override beat every file.
  {
    rule("development: the effective configuration");
    const auto dev = load_config(configs, "development",
                                 {{"JWT_SECRET", "dev-only-secret-never-printed-0123456789"},
                                  {"REDIS_PORT", "6380"},
                                  {"MUSICGEN_API__PORT", "8080"}},
                                 {"api.workers=2"});
    fmt::print("\n{}", strata::explain(dev));
    if (!dev.diagnostics().empty()) fmt::print("\n{}", strata::format(dev.diagnostics()));
    if (dev.ok()) {
      const musicgen::MusicGenConfig& config = dev.value();
      fmt::print("\n  API port {} ({}), model {} on {}, {} workers\n", *config.api.port,
                 strata::to_string(dev.origin_of("api.port")), *config.model.default_model,
                 config.model.device == musicgen::Device::cpu ? "the CPU" : "an accelerator", *config.api.workers);
      fmt::print("  Any value can come from the environment, e.g. {}=8\n",
                 strata::env_name<musicgen::MusicGenConfig>("api.workers").view());
    } else {
      fmt::print("\nunexpected: the development profile is invalid\n");
      as_expected = false;
    }
  }

  // 2. Production without JWT_SECRET, WANDB_API_KEY, REDIS_PASSWORD and
  //    POSTGRES_PASSWORD: every missing variable is reported with the file
  //    and line that needs it, with the rules that then fail, in one report.
  {
    rule("production without its secrets: every problem at once");
    const auto prod = load_config(configs, "production",
                                  {{"POSTGRES_HOST", "postgres.example.com"},
                                   {"REDIS_HOST", "redis.example.com"},
                                   {"MODEL_CACHE_DIR", "/app/cache/models"},
                                   {"AUDIO_OUTPUT_DIR", "/app/outputs/audio"}});
    fmt::print("\n{}", strata::format(prod.diagnostics()));
    if (prod.ok()) {
      fmt::print("\nunexpected: production loaded without its secrets\n");
      as_expected = false;
    }
  }

  fmt::print("\n{}\n", as_expected ? "development loaded, production without secrets rejected: as expected."
                                   : "the configurations did not behave as expected.");
  return as_expected ? 0 : 1;
}
