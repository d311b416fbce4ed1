// benchmarks/handwritten/musicgen_env.hpp: the 20 environment variables
// plain::load_full() reads (musicgen_loader.hpp), with valid values, for the
// issue-9 benchmark to set before measuring either side: strata derives the
// same names for musicgen::MusicGenConfig (prefix MUSICGEN_, tree mapping).
//
// With examples/musicgen/configs/{app/base.toml, model/musicgen_small.toml,
// infrastructure/local.toml} these make a valid configuration: base.toml
// enables auth, and MUSICGEN_AUTH__JWT_SECRET is 40 characters.
#pragma once

#include <cstdlib>
#include <string_view>
#include <utility>

namespace plain {

struct env_setting {
  const char* name;
  const char* value;
};

inline constexpr env_setting musicgen_env[20] = {
    // integers
    {"MUSICGEN_API__PORT", "8080"},
    {"MUSICGEN_API__WORKERS", "8"},
    {"MUSICGEN_AUTH__JWT_EXPIRATION_HOURS", "12"},
    {"MUSICGEN_AUDIO__SAMPLE_RATE", "32000"},
    {"MUSICGEN_EXTERNAL_SERVICES__REDIS__PORT", "6380"},
    {"MUSICGEN_EXTERNAL_SERVICES__POSTGRESQL__POOL_SIZE", "15"},
    // booleans
    {"MUSICGEN_API__DEBUG", "false"},
    {"MUSICGEN_AUTH__ENABLED", "true"},
    {"MUSICGEN_FEATURES__MIDI_EXPORT", "yes"},
    {"MUSICGEN_DEV_TOOLS__PROFILING_ENABLED", "on"},
    // doubles
    {"MUSICGEN_GENERATION__DEFAULT_TEMPERATURE", "0.9"},
    {"MUSICGEN_RESOURCES__MAX_MEMORY_USAGE_PERCENT", "85.5"},
    {"MUSICGEN_RESOURCES__GPU_MEMORY_FRACTION", "0.75"},
    // strings and a path
    {"MUSICGEN_AUTH__JWT_SECRET", "bench-secret-0123456789-abcdefghijklmnop"},  // 40 characters
    {"MUSICGEN_EXTERNAL_SERVICES__REDIS__HOST", "redis.internal"},
    {"MUSICGEN_EXTERNAL_SERVICES__POSTGRESQL__SSL_MODE", "require"},
    {"MUSICGEN_MODEL__CACHE_DIR", "/var/cache/musicgen/models"},
    // enums
    {"MUSICGEN_MODEL__DEVICE", "cpu"},
    {"MUSICGEN_GENERATION__QUALITY_MODE", "high"},
    {"MUSICGEN_AUDIO__FORMAT", "flac"},
};

static_assert(std::string_view(musicgen_env[13].value).size() == 40);

/// setenv()s all 20 (overwriting).
inline void set_musicgen_env() {
  for (const env_setting& s : musicgen_env) ::setenv(s.name, s.value, 1);
}

}  // namespace plain
