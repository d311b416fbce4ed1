// benchmarks/handwritten/musicgen_plain.hpp: the MusicGen configuration of
// examples/musicgen/musicgen_config.hpp as plain structs: the same struct
// names, members, C++ types and defaults, with every strata::annotated<T, ...>
// replaced by T, no Boost.Describe and no strata include.
//
// Two uses (issue 9):
//   - the "plain structs" baseline of the compile-time comparison
//     (benchmarks/compile_time/decl_plain.cpp against decl_strata.cpp);
//   - the target of the hand-written loader, musicgen_loader.hpp.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace plain {

// ---- choices ----------------------------------------------------------------

enum class Environment { development, staging, production };
enum class JwtAlgorithm { HS256, HS384, HS512, RS256, RS384, RS512 };
enum class Device { auto_, cpu, cuda, mps };  // written "auto" in files
enum class QualityMode { fast, standard, high };
enum class AudioFormat { wav, mp3, flac, ogg };
enum class Normalization { peak, rms, lufs, none };
enum class MemoryPressureHandling { conservative, moderate, aggressive };
enum class LogFrequency { minimal, normal, verbose };

// ---- app --------------------------------------------------------------------

struct AppConfig {
  std::string name = "MusicGen AI";
  std::string version = "1.0.0";
  Environment environment = Environment::development;
  bool debug = false;
};

// ---- api --------------------------------------------------------------------

struct CorsConfig {
  bool enabled = true;
  std::vector<std::string> origins;
  std::vector<std::string> methods = {"GET", "POST", "PUT", "DELETE"};
  bool credentials = true;
};

struct ApiRateLimiting {
  bool enabled = true;
  int requests_per_minute = 60;
  int burst_limit = 10;
};

struct ApiConfig {
  std::string host = "0.0.0.0";
  int port = 8000;
  int workers = 4;
  bool reload = false;
  bool debug = false;
  CorsConfig cors;
  ApiRateLimiting rate_limiting;
};

// ---- auth -------------------------------------------------------------------

struct AuthRateLimiting {
  bool enabled = true;
  int requests_per_minute = 30;
  int per_user_limit = 100;
};

struct AuthConfig {
  static constexpr std::size_t min_secret_length = 32;

  bool enabled = true;
  std::string jwt_secret;
  JwtAlgorithm jwt_algorithm = JwtAlgorithm::HS256;
  int jwt_expiration_hours = 8;
  bool api_key_required = true;
  AuthRateLimiting rate_limiting;
};

// ---- model ------------------------------------------------------------------

struct ModelConfig {
  std::string default_model = "facebook/musicgen-small";
  int cache_size = 2;
  std::filesystem::path cache_dir = "./cache/models";
  Device device = Device::auto_;
  bool mixed_precision = true;
  bool compile_model = true;
  int download_timeout_seconds = 180;
  std::vector<std::string> preload_models;
};

// ---- generation -------------------------------------------------------------

struct GenerationConfig {
  double default_duration = 10.0;
  double max_duration = 60.0;
  double default_temperature = 0.8;
  int default_top_k = 250;
  double default_top_p = 0.0;
  int max_batch_size = 4;
  int timeout_seconds = 120;
  QualityMode quality_mode = QualityMode::standard;
  bool priority_queue_enabled = true;
};

// ---- audio ------------------------------------------------------------------

struct AudioConfig {
  int sample_rate = 24000;
  AudioFormat format = AudioFormat::wav;
  int bit_depth = 16;
  int channels = 1;
  Normalization normalization = Normalization::peak;
  std::filesystem::path output_dir = "./outputs/audio";
  std::filesystem::path temp_dir = "./tmp/audio";
  bool cleanup_temp_files = true;
  bool backup_outputs = true;
  int backup_retention_days = 7;
};

// ---- resources --------------------------------------------------------------

struct ResourcesConfig {
  double max_memory_usage_percent = 75.0;
  double max_cpu_usage_percent = 80.0;
  double cleanup_threshold_percent = 70.0;
  double monitoring_interval_seconds = 60.0;
  bool auto_cleanup_enabled = true;
  double gpu_memory_fraction = 0.8;
  MemoryPressureHandling memory_pressure_handling = MemoryPressureHandling::moderate;
};

// ---- external_services ------------------------------------------------------

struct WandbConfig {
  bool enabled = false;
  std::string project = "musicgen-ai";
  std::string entity;
  std::string api_key;
  LogFrequency log_frequency = LogFrequency::normal;
};

struct RedisConfig {
  bool enabled = true;
  std::string host = "localhost";
  int port = 6379;
  std::string password;
  bool ssl = false;
  int connection_pool_size = 20;
  int max_connections = 100;
};

struct PostgresConfig {
  bool enabled = true;
  std::string host = "localhost";
  int port = 5432;
  std::string database = "musicgen";
  std::string username = "musicgen";
  std::string password;
  std::string ssl_mode = "prefer";
  int pool_size = 20;
};

struct ExternalServicesConfig {
  WandbConfig wandb;
  RedisConfig redis;
  PostgresConfig postgresql;
};

// ---- features, dev_tools ----------------------------------------------------

struct FeaturesConfig {
  bool streaming_generation = true;
  bool multi_instrument = false;
  bool batch_processing = true;
  bool conditioning = true;
  bool model_switching = true;
  bool audio_effects = false;
  bool midi_export = false;
};

struct DevToolsConfig {
  bool profiling_enabled = false;
  bool debug_sql = false;
  bool mock_slow_operations = false;
  bool test_mode = false;
  bool hot_reload = false;
  bool auto_open_browser = false;
  bool development_server = false;
};

// ---- validation, limits -----------------------------------------------------

struct ValidationConfig {
  bool strict_mode = true;
  bool validate_audio_output = true;
  bool validate_model_outputs = true;
  int max_prompt_length = 800;
  double min_duration = 1.0;
  int max_file_size_mb = 50;
};

struct LimitsConfig {
  int max_requests_per_hour = 10000;
  int max_generation_time_minutes = 10;
  int max_concurrent_generations = 4;
};

// ---- the whole configuration ------------------------------------------------

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
};

}  // namespace plain
