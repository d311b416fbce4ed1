// GitLab Runner's config.toml, as https://docs.gitlab.com/runner/configuration/advanced-configuration.html
// documents it: date-times the runner writes itself, PascalCase cache keys,
// integer seconds, `docker+machine`-style names. The runner ignores keys it
// does not know (it decodes with BurntSushi/toml), so the sections where a
// stray table is a mere mistake warn rather than fail.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <strata/strata.hpp>

namespace gitlab {
using seconds_setting = strata::annotated<std::chrono::seconds, strata::duration_unit<std::chrono::seconds>>;

enum class LogLevel { debug, info, warn, error, fatal, panic };
BOOST_DESCRIBE_ENUM(LogLevel, debug, info, warn, error, fatal, panic)

enum class Executor { shell, docker, docker_windows, docker_machine, docker_autoscaler, instance, kubernetes, custom, ssh,
                      parallels, virtualbox };
BOOST_DESCRIBE_ENUM(Executor, shell, docker, docker_windows, docker_machine, docker_autoscaler, instance, kubernetes,
                    custom, ssh, parallels, virtualbox)
STRATA_ENUM(Executor, strata::naming::kebab_case, strata::enumerator<Executor::docker_machine, "docker+machine">)

enum class PullPolicy { always, never, if_not_present };
BOOST_DESCRIBE_ENUM(PullPolicy, always, never, if_not_present)
STRATA_ENUM(PullPolicy, strata::naming::kebab_case)

struct SessionServer {
  std::string listen_address;
  std::string advertise_address;
  seconds_setting session_timeout{std::chrono::minutes(30)};
};
BOOST_DESCRIBE_STRUCT(SessionServer, (), (listen_address, advertise_address, session_timeout))

struct CustomBuildDir {
  bool enabled = false;
};
BOOST_DESCRIBE_STRUCT(CustomBuildDir, (), (enabled))

struct S3 {
  std::string server_address, bucket_name, bucket_location, authentication_type;
  std::string access_key;
  strata::annotated<std::string, strata::secret> secret_key;
  bool insecure = false;
};
BOOST_DESCRIBE_STRUCT(S3, (), (server_address, bucket_name, bucket_location, authentication_type, access_key,
                               secret_key, insecure))
STRATA_CONFIGURED(S3, {.keys = strata::naming::pascal_case})

struct Gcs {
  std::string credentials_file, bucket_name;
  strata::annotated<std::string, strata::key<"AccessID">> access_id;
  strata::annotated<std::string, strata::secret> private_key;
};
BOOST_DESCRIBE_STRUCT(Gcs, (), (credentials_file, bucket_name, access_id, private_key))
STRATA_CONFIGURED(Gcs, {.keys = strata::naming::pascal_case})

struct Azure {
  std::string account_name, container_name, storage_domain;
  strata::annotated<std::string, strata::secret> account_key;
};
BOOST_DESCRIBE_STRUCT(Azure, (), (account_name, container_name, storage_domain, account_key))
STRATA_CONFIGURED(Azure, {.keys = strata::naming::pascal_case})

enum class CacheType { s3, gcs, azure };
BOOST_DESCRIBE_ENUM(CacheType, s3, gcs, azure)

struct Cache {
  std::optional<CacheType> type;
  std::string path;
  bool shared = false;
  std::int64_t max_uploaded_archive_size = 0;  // bytes; 0: no limit
  // the runner spells the providers' tables in lower case
  strata::annotated<S3, strata::key<"s3">> s3;
  strata::annotated<Gcs, strata::key<"gcs">> gcs;
  strata::annotated<Azure, strata::key<"azure">> azure;
};
BOOST_DESCRIBE_STRUCT(Cache, (), (type, path, shared, max_uploaded_archive_size, s3, gcs, azure))
STRATA_CONFIGURED(Cache, {.keys = strata::naming::pascal_case})

struct Docker {
  std::string host;
  bool tls_verify = false;
  std::string image;
  bool privileged = false;
  bool disable_entrypoint_overwrite = false;
  bool oom_kill_disable = false;
  bool disable_cache = false;
  std::vector<std::string> volumes;
  std::int64_t shm_size = 0;
  std::string network_mode;
  std::optional<std::variant<PullPolicy, std::vector<PullPolicy>>> pull_policy;  // one or several
  std::vector<std::string> allowed_images;
};
BOOST_DESCRIBE_STRUCT(Docker, (), (host, tls_verify, image, privileged, disable_entrypoint_overwrite, oom_kill_disable,
                                   disable_cache, volumes, shm_size, network_mode, pull_policy, allowed_images))
STRATA_CONFIGURED(Docker, {.unknown_keys = strata::unknown_keys::warn})

struct Runner {
  std::string name;
  strata::annotated<std::string, strata::pattern<"https?://.+">> url;
  std::int64_t id = 0;
  strata::annotated<std::string, strata::secret> token;
  std::chrono::sys_seconds token_obtained_at{};
  std::chrono::sys_seconds token_expires_at{};  // 0001-01-01T00:00:00Z: never
  Executor executor = Executor::shell;
  int limit = 0;
  std::string builds_dir, cache_dir;
  std::vector<std::string> environment;
  CustomBuildDir custom_build_dir;
  Cache cache;
  std::optional<Docker> docker;
};
BOOST_DESCRIBE_STRUCT(Runner, (), (name, url, id, token, token_obtained_at, token_expires_at, executor, limit,
                                   builds_dir, cache_dir, environment, custom_build_dir, cache, docker))

struct Config {
  strata::annotated<int, strata::min<1>> concurrent = 1;
  seconds_setting check_interval{0};  // 0: the default, 3 s
  std::optional<LogLevel> log_level;
  seconds_setting shutdown_timeout{0};
  std::string listen_address;
  SessionServer session_server;
  std::vector<Runner> runners;
};
BOOST_DESCRIBE_STRUCT(Config, (), (concurrent, check_interval, log_level, shutdown_timeout, listen_address,
                                   session_server, runners))
STRATA_CONFIGURED(Config, {.prefix = "RUNNER_", .mapping = strata::mapping::tree})
}  // namespace gitlab
