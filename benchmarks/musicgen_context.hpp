// benchmarks/musicgen_context.hpp: the MusicGen configuration as
// examples/musicgen/main.cpp loads it: the `development` profile of
// examples/musicgen/configs (base.toml, development.toml composing a model
// and an infrastructure file) with an injected environment.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <strata/load.hpp>

#include "musicgen_config.hpp"

#ifndef MUSICGEN_CONFIGS
#define MUSICGEN_CONFIGS "examples/musicgen/configs"
#endif

namespace strata_bench {

inline strata::configuration musicgen_context() {
  return strata::configuration(strata::profile(std::filesystem::path(MUSICGEN_CONFIGS) / "app", "development"),
                               strata::env(std::map<std::string, std::string>{
                                   {"JWT_SECRET", "dev-only-secret-never-printed-0123456789"},
                                   {"REDIS_PORT", "6380"},
                                   {"MUSICGEN_API__PORT", "8080"}}));
}

}  // namespace strata_bench
