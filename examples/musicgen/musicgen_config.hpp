// examples/musicgen/musicgen_config.hpp: the MusicGen AI configuration
// (seeds/002: Hydra + Pydantic in the original) declared for strata.
//
// One described struct per section, a root `MusicGenConfig`. The
// "Validation Rules" of the original document are enforced in two ways:
//   - a constraint annotation where one fits (ranges, allowed values,
//     non-empty), checked when the field is decoded;
//   - a `validate()` member for cross-field and conditional rules. Paths
//     reported there are relative to the struct whose validate() runs.
//
// This header is what code that *uses* the configuration includes, so it
// includes only the cheap declaration header.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <strata/strata.hpp>

namespace musicgen {

// ---- choices listed by the document: described enums ---------------------

enum class Environment { development, staging, production };
BOOST_DESCRIBE_ENUM(Environment, development, staging, production)

enum class JwtAlgorithm { HS256, HS384, HS512, RS256, RS384, RS512 };
BOOST_DESCRIBE_ENUM(JwtAlgorithm, HS256, HS384, HS512, RS256, RS384, RS512)

enum class Device { auto_, cpu, cuda, mps };  // "auto": a trailing '_' is dropped
BOOST_DESCRIBE_ENUM(Device, auto_, cpu, cuda, mps)

enum class QualityMode { fast, standard, high };
BOOST_DESCRIBE_ENUM(QualityMode, fast, standard, high)

enum class AudioFormat { wav, mp3, flac, ogg };
BOOST_DESCRIBE_ENUM(AudioFormat, wav, mp3, flac, ogg)

enum class Normalization { peak, rms, lufs, none };
BOOST_DESCRIBE_ENUM(Normalization, peak, rms, lufs, none)

enum class MemoryPressureHandling { conservative, moderate, aggressive };
BOOST_DESCRIBE_ENUM(MemoryPressureHandling, conservative, moderate, aggressive)

enum class LogFrequency { minimal, normal, verbose };
BOOST_DESCRIBE_ENUM(LogFrequency, minimal, normal, verbose)

// Shorthands for the annotations used most.
template <class T, class... A>
using field = strata::annotated<T, A...>;
using port_t = field<int, strata::range<1, 65535>, strata::doc<"TCP port, 1-65535">>;
using pool_size_t = field<int, strata::range<1, 100>, strata::doc<"connection pool size, 1-100">>;
using percent_t = field<double, strata::range<10.0, 95.0>, strata::doc<"percentage, 10.0-95.0">>;
using secret_t = field<std::string, strata::secret>;

/// An http(s) URL with a host: what a CORS origin must be. Hand-written
/// rather than std::regex so this header stays cheap.
constexpr bool is_http_url(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) rest = url.substr(8);
  else if (url.starts_with("http://")) rest = url.substr(7);
  else return false;
  const std::size_t host_end = rest.find_first_of(":/?#");
  const std::string_view host = rest.substr(0, host_end);
  if (host.empty()) return false;
  for (char c : host)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
      return false;
  for (char c : rest)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
  return true;
}

/// A number for a message: 5 and 72.5, not 5.000000 and 72.500000.
inline std::string show_number(double x) {
  std::string text = std::to_string(x);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

// ---- app ------------------------------------------------------------------

struct AppConfig {
  field<std::string, strata::non_empty, strata::doc<"application name">> name = "MusicGen AI";
  std::string version = "1.0.0";
  field<Environment, strata::doc<"development | staging | production">> environment = Environment::development;
  field<bool, strata::doc<"debug mode; must be off in production">> debug = false;
};
BOOST_DESCRIBE_STRUCT(AppConfig, (), (name, version, environment, debug))

// ---- api ------------------------------------------------------------------

struct CorsConfig {
  bool enabled = true;
  field<std::vector<std::string>, strata::doc<"allowed origins, http(s) URLs">> origins;
  std::vector<std::string> methods = {"GET", "POST", "PUT", "DELETE"};
  bool credentials = true;

  void validate(strata::validation& v) const {
    for (std::size_t i = 0; i < origins->size(); ++i)
      if (!is_http_url((*origins)[i]))
        v.error("origins[" + std::to_string(i) + "]",
                "'" + (*origins)[i] + "' is not a valid URL; a CORS origin looks like https://app.example.com");
  }
};
BOOST_DESCRIBE_STRUCT(CorsConfig, (), (enabled, origins, methods, credentials))

struct ApiRateLimiting {
  bool enabled = true;
  field<int, strata::range<1, 10000>, strata::doc<"requests per minute per client, 1-10000">> requests_per_minute = 60;
  field<int, strata::min<1>> burst_limit = 10;
};
BOOST_DESCRIBE_STRUCT(ApiRateLimiting, (), (enabled, requests_per_minute, burst_limit))

struct ApiConfig {
  field<std::string, strata::non_empty> host = "0.0.0.0";
  port_t port = 8000;
  field<int, strata::range<1, 32>, strata::doc<"worker processes, 1-32">> workers = 4;
  bool reload = false;
  bool debug = false;
  CorsConfig cors;
  ApiRateLimiting rate_limiting;
};
BOOST_DESCRIBE_STRUCT(ApiConfig, (), (host, port, workers, reload, debug, cors, rate_limiting))

// ---- auth -----------------------------------------------------------------

struct AuthRateLimiting {
  bool enabled = true;
  field<int, strata::range<1, 10000>> requests_per_minute = 30;
  field<int, strata::min<1>> per_user_limit = 100;
};
BOOST_DESCRIBE_STRUCT(AuthRateLimiting, (), (enabled, requests_per_minute, per_user_limit))

struct AuthConfig {
  /// Shortest JWT secret accepted while authentication is enabled.
  static constexpr std::size_t min_secret_length = 32;

  field<bool, strata::doc<"authentication; must be on in production">> enabled = true;
  field<std::string, strata::secret, strata::doc<"JWT signing secret, at least 32 characters">> jwt_secret;
  JwtAlgorithm jwt_algorithm = JwtAlgorithm::HS256;
  field<int, strata::range<1, 8760>, strata::doc<"token lifetime in hours, 1-8760 (1 year)">> jwt_expiration_hours = 8;
  bool api_key_required = true;
  AuthRateLimiting rate_limiting;

  // Conditional rule: a length constraint on the field would also fire when
  // auth is off (development leaves the secret empty).
  void validate(strata::validation& v) const {
    if (*enabled && jwt_secret->size() < min_secret_length)
      v.error("jwt_secret", "must be at least 32 characters when auth is enabled; set JWT_SECRET");
  }
};
BOOST_DESCRIBE_STRUCT(AuthConfig, (),
                      (enabled, jwt_secret, jwt_algorithm, jwt_expiration_hours, api_key_required, rate_limiting))

// ---- model ----------------------------------------------------------------

struct ModelConfig {
  field<std::string, strata::non_empty> default_model = "facebook/musicgen-small";
  field<int, strata::range<1, 20>, strata::doc<"models kept in memory, 1-20">> cache_size = 2;
  std::filesystem::path cache_dir = "./cache/models";
  // Whether CUDA/MPS is actually present is a property of the host, checked
  // when the model loads; the configuration restricts the choice.
  field<Device, strata::doc<"auto | cpu | cuda | mps">> device = Device::auto_;
  bool mixed_precision = true;
  bool compile_model = true;
  field<int, strata::range<30, 3600>, strata::doc<"model download timeout, 30-3600 s">> download_timeout_seconds = 180;
  std::vector<std::string> preload_models;
};
BOOST_DESCRIBE_STRUCT(ModelConfig, (),
                      (default_model, cache_size, cache_dir, device, mixed_precision, compile_model,
                       download_timeout_seconds, preload_models))

// ---- generation -----------------------------------------------------------

struct GenerationConfig {
  field<double, strata::range<0.1, 300.0>, strata::doc<"seconds, 0.1-300.0">> default_duration = 10.0;
  field<double, strata::doc<"seconds; must exceed default_duration">> max_duration = 60.0;
  field<double, strata::range<0.1, 2.0>, strata::doc<"sampling temperature, 0.1-2.0">> default_temperature = 0.8;
  field<int, strata::min<0>> default_top_k = 250;
  field<double, strata::range<0.0, 1.0>> default_top_p = 0.0;
  field<int, strata::range<1, 32>, strata::doc<"1-32">> max_batch_size = 4;
  field<int, strata::min<1>> timeout_seconds = 120;
  QualityMode quality_mode = QualityMode::standard;
  bool priority_queue_enabled = true;

  void validate(strata::validation& v) const {
    if (!(*max_duration > *default_duration))
      v.error("max_duration", "must be greater than default_duration (" + show_number(*default_duration) +
                                  "), got " + show_number(*max_duration));
  }
};
BOOST_DESCRIBE_STRUCT(GenerationConfig, (),
                      (default_duration, max_duration, default_temperature, default_top_k, default_top_p,
                       max_batch_size, timeout_seconds, quality_mode, priority_queue_enabled))

// ---- audio ----------------------------------------------------------------

struct AudioConfig {
  field<int, strata::one_of<8000, 16000, 22050, 24000, 32000, 44100, 48000, 96000>, strata::doc<"Hz">> sample_rate =
      24000;
  AudioFormat format = AudioFormat::wav;
  field<int, strata::one_of<8, 16, 24, 32>> bit_depth = 16;
  field<int, strata::one_of<1, 2>, strata::doc<"1 (mono) or 2 (stereo)">> channels = 1;
  Normalization normalization = Normalization::peak;
  std::filesystem::path output_dir = "./outputs/audio";
  std::filesystem::path temp_dir = "./tmp/audio";
  bool cleanup_temp_files = true;
  bool backup_outputs = true;
  field<int, strata::range<1, 365>, strata::doc<"days, 1-365">> backup_retention_days = 7;
};
BOOST_DESCRIBE_STRUCT(AudioConfig, (),
                      (sample_rate, format, bit_depth, channels, normalization, output_dir, temp_dir,
                       cleanup_temp_files, backup_outputs, backup_retention_days))

// ---- resources ------------------------------------------------------------

struct ResourcesConfig {
  percent_t max_memory_usage_percent = 75.0;
  percent_t max_cpu_usage_percent = 80.0;
  percent_t cleanup_threshold_percent = 70.0;
  field<double, strata::range<1.0, 300.0>, strata::doc<"seconds, 1.0-300.0">> monitoring_interval_seconds = 60.0;
  bool auto_cleanup_enabled = true;
  field<double, strata::range<0.1, 1.0>, strata::doc<"share of GPU memory, 0.1-1.0">> gpu_memory_fraction = 0.8;
  MemoryPressureHandling memory_pressure_handling = MemoryPressureHandling::moderate;

  void validate(strata::validation& v) const {
    if (!(*cleanup_threshold_percent < *max_memory_usage_percent))
      v.error("cleanup_threshold_percent", "must be below max_memory_usage_percent (" +
                                               show_number(*max_memory_usage_percent) +
                                               "): cleanup has to start before the memory limit is reached");
  }
};
BOOST_DESCRIBE_STRUCT(ResourcesConfig, (),
                      (max_memory_usage_percent, max_cpu_usage_percent, cleanup_threshold_percent,
                       monitoring_interval_seconds, auto_cleanup_enabled, gpu_memory_fraction,
                       memory_pressure_handling))

// ---- external_services ----------------------------------------------------

struct WandbConfig {
  bool enabled = false;
  std::string project = "musicgen-ai";
  std::string entity;
  secret_t api_key;
  LogFrequency log_frequency = LogFrequency::normal;
};
BOOST_DESCRIBE_STRUCT(WandbConfig, (), (enabled, project, entity, api_key, log_frequency))

struct RedisConfig {
  bool enabled = true;
  field<std::string, strata::non_empty> host = "localhost";
  port_t port = 6379;
  secret_t password;
  bool ssl = false;
  pool_size_t connection_pool_size = 20;
  field<int, strata::min<1>> max_connections = 100;
};
BOOST_DESCRIBE_STRUCT(RedisConfig, (), (enabled, host, port, password, ssl, connection_pool_size, max_connections))

struct PostgresConfig {
  bool enabled = true;
  field<std::string, strata::non_empty> host = "localhost";
  port_t port = 5432;
  field<std::string, strata::non_empty> database = "musicgen";
  field<std::string, strata::non_empty> username = "musicgen";
  secret_t password;
  // "verify-ca" and "verify-full" are not C++ identifiers: a string with
  // the allowed values instead of an enum.
  field<std::string, strata::one_of<"disable", "allow", "prefer", "require", "verify-ca", "verify-full">,
        strata::doc<"PostgreSQL sslmode">>
      ssl_mode = "prefer";
  pool_size_t pool_size = 20;
};
BOOST_DESCRIBE_STRUCT(PostgresConfig, (), (enabled, host, port, database, username, password, ssl_mode, pool_size))

struct ExternalServicesConfig {
  WandbConfig wandb;
  RedisConfig redis;
  PostgresConfig postgresql;
};
BOOST_DESCRIBE_STRUCT(ExternalServicesConfig, (), (wandb, redis, postgresql))

// ---- features, dev_tools --------------------------------------------------

struct FeaturesConfig {
  bool streaming_generation = true;
  bool multi_instrument = false;
  bool batch_processing = true;
  bool conditioning = true;
  bool model_switching = true;
  bool audio_effects = false;
  bool midi_export = false;
};
BOOST_DESCRIBE_STRUCT(FeaturesConfig, (),
                      (streaming_generation, multi_instrument, batch_processing, conditioning, model_switching,
                       audio_effects, midi_export))

struct DevToolsConfig {
  bool profiling_enabled = false;
  bool debug_sql = false;
  bool mock_slow_operations = false;
  bool test_mode = false;
  bool hot_reload = false;
  bool auto_open_browser = false;
  bool development_server = false;
};
BOOST_DESCRIBE_STRUCT(DevToolsConfig, (),
                      (profiling_enabled, debug_sql, mock_slow_operations, test_mode, hot_reload, auto_open_browser,
                       development_server))

// ---- validation, limits ---------------------------------------------------

struct ValidationConfig {
  bool strict_mode = true;
  bool validate_audio_output = true;
  bool validate_model_outputs = true;
  field<int, strata::range<1, 10000>, strata::doc<"characters, 1-10000">> max_prompt_length = 800;
  field<double, strata::range<0.01, 10.0>, strata::doc<"seconds, 0.01-10.0">> min_duration = 1.0;
  field<int, strata::range<1, 1000>, strata::doc<"MB, 1-1000">> max_file_size_mb = 50;
};
BOOST_DESCRIBE_STRUCT(ValidationConfig, (),
                      (strict_mode, validate_audio_output, validate_model_outputs, max_prompt_length, min_duration,
                       max_file_size_mb))

struct LimitsConfig {
  field<int, strata::min<1>> max_requests_per_hour = 10000;
  field<int, strata::min<1>> max_generation_time_minutes = 10;
  field<int, strata::min<1>> max_concurrent_generations = 4;
};
BOOST_DESCRIBE_STRUCT(LimitsConfig, (), (max_requests_per_hour, max_generation_time_minutes, max_concurrent_generations))

// ---- the whole configuration ----------------------------------------------

struct MusicGenConfig {
  AppConfig app;
  ApiConfig api;
  AuthConfig auth;
  ModelConfig model;
  GenerationConfig generation;
  AudioConfig audio;
  ResourcesConfig resources;
  ExternalServicesConfig external_services;
  FeaturesConfig features;
  DevToolsConfig dev_tools;
  ValidationConfig validation;
  LimitsConfig limits;

  /// Production is the `production` profile, or app.environment saying so.
  bool is_production(std::string_view profile) const {
    return profile == "production" || *app.environment == Environment::production;
  }

  // Rules that span sections. Paths are relative to the root.
  void validate(strata::validation& v) const {
    if (is_production(v.profile())) {
      if (*app.debug) v.error("app.debug", "must be disabled in production");
      if (!*auth.enabled) v.error("auth.enabled", "must be enabled in production");
    }
    // A profile file that forgets to set its own environment.
    const std::string_view declared = *app.environment == Environment::production ? "production"
                                      : *app.environment == Environment::staging  ? "staging"
                                                                                  : "development";
    const bool known_profile = v.profile() == "development" || v.profile() == "staging" || v.profile() == "production";
    if (known_profile && v.profile() != declared)
      v.warning("app.environment", "is '" + std::string(declared) + "' but the '" + std::string(v.profile()) +
                                       "' profile is loaded");
  }
};
BOOST_DESCRIBE_STRUCT(MusicGenConfig, (),
                      (app, api, auth, model, generation, audio, resources, external_services, features, dev_tools,
                       validation, limits))
STRATA_CONFIGURED(MusicGenConfig, {.prefix = "MUSICGEN_", .mapping = strata::mapping::tree})

}  // namespace musicgen
