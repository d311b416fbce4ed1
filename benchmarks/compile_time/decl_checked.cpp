// benchmarks/compile_time/decl_checked.cpp: decl_strata.cpp plus the
// declaration-site schema check of every MusicGen struct, as a config header
// would write it (<strata/check.hpp>, STRATA_CHECK after each struct).
// benchmarks/compile_time.sh reports decl_checked - decl_strata per struct.
#include <strata/check.hpp>

#include "musicgen_config.hpp"

namespace musicgen {
STRATA_CHECK(AppConfig);
STRATA_CHECK(CorsConfig);
STRATA_CHECK(ApiRateLimiting);
STRATA_CHECK(ApiConfig);
STRATA_CHECK(AuthRateLimiting);
STRATA_CHECK(AuthConfig);
STRATA_CHECK(ModelConfig);
STRATA_CHECK(GenerationConfig);
STRATA_CHECK(AudioConfig);
STRATA_CHECK(ResourcesConfig);
STRATA_CHECK(WandbConfig);
STRATA_CHECK(RedisConfig);
STRATA_CHECK(PostgresConfig);
STRATA_CHECK(ExternalServicesConfig);
STRATA_CHECK(FeaturesConfig);
STRATA_CHECK(DevToolsConfig);
STRATA_CHECK(ValidationConfig);
STRATA_CHECK(LimitsConfig);
STRATA_CHECK(MusicGenConfig);
}  // namespace musicgen

musicgen::MusicGenConfig make_musicgen_config() { return {}; }
