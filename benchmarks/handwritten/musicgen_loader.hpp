// benchmarks/handwritten/musicgen_loader.hpp: the MusicGen configuration
// loaded by hand, with toml++ and the standard library only: the baseline
// strata is measured against in issue 9.
//
// It does the work strata does for this configuration, written the way a
// careful engineer would write it without a library:
//   - bind():      every leaf looked up in its section table, its TOML type
//                  checked (a wrong type is an error naming the path and the
//                  file position), converted (integers range-checked into
//                  int, doubles accept integers, enums by name ignoring case,
//                  paths and string lists from strings), the default kept when
//                  the key is absent; a string holding `${...}` is
//                  interpolated from the environment (`${VAR}`,
//                  `${VAR:default}`, `${VAR:?message}`, `$${` for a literal
//                  `${`) and the text parsed as the field's type, so
//                  `port = "${REDIS_PORT:6379}"` fills an int;
//   - check():     every constraint annotation of musicgen_config.hpp
//                  (range, min, one_of, non_empty) and every validate() rule;
//   - load_full(): parse each file, bind them in order (later files win),
//                  read 20 environment variables named as strata derives them
//                  (MUSICGEN_ prefix, tree mapping), then check().
// Every problem is collected, none stops the load; secrets never appear in a
// message.
//
// What it does not do, and strata does: unknown-key and unknown-variable
// detection with did-you-mean hints, origins of every value, lazy
// interpolation (here a reference is resolved when its file is bound, so a
// `${VAR}` without default that a later file overrides still has to resolve),
// and the 80 other environment variables of the schema.
//
// Build: -DTOML_HEADER_ONLY=0 (the default here) and link libtomlplusplus.
#pragma once

#ifndef TOML_HEADER_ONLY
#define TOML_HEADER_ONLY 0
#endif
#ifndef TOML_SHARED_LIB
#define TOML_SHARED_LIB 1
#endif
#include <toml++/toml.h>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include "musicgen_plain.hpp"
#include "text.hpp"

namespace plain {

namespace hw {

// ---- enumerator names ---------------------------------------------------------
// Enumerators are 0..N-1 in declaration order, so a name's index is its value.

template <class E>
struct enum_names;

#define HW_ENUM_NAMES(E, LIST, ...)                                              \
  template <>                                                                    \
  struct enum_names<E> {                                                         \
    static constexpr std::string_view names[] = {__VA_ARGS__};                   \
    static constexpr std::string_view not_one_of = "not one of " LIST;           \
    static constexpr std::string_view naming = "a string naming one of " LIST;   \
  };

HW_ENUM_NAMES(Environment, "'development', 'staging', 'production'", "development", "staging", "production")
HW_ENUM_NAMES(JwtAlgorithm, "'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512'", "HS256", "HS384", "HS512",
              "RS256", "RS384", "RS512")
HW_ENUM_NAMES(Device, "'auto', 'cpu', 'cuda', 'mps'", "auto", "cpu", "cuda", "mps")
HW_ENUM_NAMES(QualityMode, "'fast', 'standard', 'high'", "fast", "standard", "high")
HW_ENUM_NAMES(AudioFormat, "'wav', 'mp3', 'flac', 'ogg'", "wav", "mp3", "flac", "ogg")
HW_ENUM_NAMES(Normalization, "'peak', 'rms', 'lufs', 'none'", "peak", "rms", "lufs", "none")
HW_ENUM_NAMES(MemoryPressureHandling, "'conservative', 'moderate', 'aggressive'", "conservative", "moderate",
              "aggressive")
HW_ENUM_NAMES(LogFrequency, "'minimal', 'normal', 'verbose'", "minimal", "normal", "verbose")

#undef HW_ENUM_NAMES

template <class E>
concept enumeration = std::is_enum_v<E>;

// ---- text: environment values and interpolated file strings -------------------
// Each returns an empty string_view on success, else what the text is not.

using handwritten::from_text;  // bool, int, double, std::string, std::filesystem::path
using handwritten::iequals;
using handwritten::show;
using handwritten::trim;

template <enumeration E>
std::string_view from_text(std::string_view text, E& out) {
  const std::string_view t = trim(text);
  const auto& names = enum_names<E>::names;
  for (std::size_t i = 0; i < std::size(names); ++i)
    if (iequals(t, names[i])) return out = static_cast<E>(i), std::string_view{};
  return enum_names<E>::not_one_of;
}

// ---- messages -------------------------------------------------------------------

/// "section.key"
inline std::string join(std::string_view section, std::string_view key) {
  std::string path;
  path.reserve(section.size() + 1 + key.size());
  path.append(section).append(1, '.').append(key);
  return path;
}

/// " (file:line:col)" for a node of a parsed file.
inline std::string position(const toml::node& n) {
  const toml::source_region& src = n.source();
  std::string out = " (";
  out += src.path ? *src.path : std::string("<toml>");
  out += ':' + std::to_string(src.begin.line) + ':' + std::to_string(src.begin.column) + ')';
  return out;
}

inline std::string_view type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

inline void mismatch(std::vector<std::string>& errors, std::string path, std::string_view expected,
                     const toml::node& n) {
  path.append(": expected ").append(expected).append(", got ").append(type_name(n)).append(position(n));
  errors.push_back(std::move(path));
}

// ---- interpolation ----------------------------------------------------------------

inline bool has_references(std::string_view text) { return text.find("${") != std::string_view::npos; }

inline bool is_variable_name(std::string_view name) {
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return false;
  for (char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

/// Resolves every reference of `text` from the process environment into
/// `out`; each unresolved one is an error for `path` (naming the variable,
/// never a value). False when any failed.
inline bool interpolate(std::string_view text, std::string& out, const std::string& path, const toml::node& n,
                        std::vector<std::string>& errors) {
  out.clear();
  bool ok = true;
  auto problem = [&](std::string message) {
    errors.push_back(path + ": " + message + position(n));
    ok = false;
  };
  std::string name;  // getenv needs a NUL-terminated name
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t dollar = text.find('$', i);
    if (dollar == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, dollar - i));
    i = dollar;
    if (text.compare(i, 3, "$${") == 0) {
      out.append("${");
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      out.push_back('$');
      ++i;
      continue;
    }
    const std::size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      problem("'${' is not closed by '}' (write '$${' for a literal '${')");
      break;
    }
    const std::string_view body = text.substr(i + 2, close - i - 2);
    i = close + 1;
    const std::size_t colon = body.find(':');
    name.assign(body.substr(0, colon));
    if (!is_variable_name(name)) {
      problem("'${" + std::string(body) + "}' does not name a variable");
      continue;
    }
    const char* value = std::getenv(name.c_str());
    const bool empty = value == nullptr || *value == '\0';
    if (colon == std::string_view::npos) {  // ${VAR}
      if (value) out.append(value);
      else problem(name + " is not set");
    } else if (colon + 1 < body.size() && body[colon + 1] == '?') {  // ${VAR:?message}
      if (!empty) out.append(value);
      else if (colon + 2 == body.size()) problem(name + " is not set");
      else problem(name + " is not set: " + std::string(body.substr(colon + 2)));
    } else {  // ${VAR:default}
      if (empty) out.append(body.substr(colon + 1));
      else out.append(value);
    }
  }
  return ok;
}

/// A file string with `${...}` for a field of any type: interpolated, then
/// parsed as text.
template <class T>
void read_interpolated(const toml::node& n, const std::string& text, std::string path, T& out, bool secret,
                       std::vector<std::string>& errors) {
  std::string resolved;
  if (!interpolate(text, resolved, path, n, errors)) return;
  if (const std::string_view error = from_text(resolved, out); !error.empty()) {
    path += ": ";
    if (!secret) path.append("'").append(resolved).append("' is ");
    path.append(error).append(position(n));
    errors.push_back(std::move(path));
  }
}

// ---- one node into one field --------------------------------------------------------
// `section` and `key` make the path, built only when there is something to say.

inline void read_node(const toml::node& n, std::string_view section, std::string_view key, int& out, bool,
                      std::vector<std::string>& errors) {
  if (const auto* i = n.as_integer()) {
    const std::int64_t wide = i->get();
    if (std::in_range<int>(wide)) out = static_cast<int>(wide);
    else
      errors.push_back(join(section, key) + ": " + std::to_string(wide) +
                       " is out of range for int [-2147483648, 2147483647]" + position(n));
  } else if (const auto* s = n.as_string(); s && has_references(s->get())) {
    read_interpolated(n, s->get(), join(section, key), out, false, errors);
  } else {
    mismatch(errors, join(section, key), "an integer", n);
  }
}

inline void read_node(const toml::node& n, std::string_view section, std::string_view key, double& out, bool,
                      std::vector<std::string>& errors) {
  if (const auto* f = n.as_floating_point()) out = f->get();
  else if (const auto* i = n.as_integer()) out = static_cast<double>(i->get());
  else if (const auto* s = n.as_string(); s && has_references(s->get()))
    read_interpolated(n, s->get(), join(section, key), out, false, errors);
  else mismatch(errors, join(section, key), "a number", n);
}

inline void read_node(const toml::node& n, std::string_view section, std::string_view key, bool& out, bool,
                      std::vector<std::string>& errors) {
  if (const auto* b = n.as_boolean()) out = b->get();
  else if (const auto* s = n.as_string(); s && has_references(s->get()))
    read_interpolated(n, s->get(), join(section, key), out, false, errors);
  else mismatch(errors, join(section, key), "a boolean", n);
}

inline void read_node(const toml::node& n, std::string_view section, std::string_view key, std::string& out,
                      bool secret, std::vector<std::string>& errors) {
  const auto* s = n.as_string();
  if (!s) return mismatch(errors, join(section, key), "a string", n);
  if (has_references(s->get())) read_interpolated(n, s->get(), join(section, key), out, secret, errors);
  else out = s->get();
}

inline void read_node(const toml::node& n, std::string_view section, std::string_view key,
                      std::filesystem::path& out, bool, std::vector<std::string>& errors) {
  const auto* s = n.as_string();
  if (!s) return mismatch(errors, join(section, key), "a string", n);
  if (has_references(s->get())) read_interpolated(n, s->get(), join(section, key), out, false, errors);
  else out.assign(s->get());
}

template <enumeration E>
void read_node(const toml::node& n, std::string_view section, std::string_view key, E& out, bool,
               std::vector<std::string>& errors) {
  const auto* s = n.as_string();
  if (!s) return mismatch(errors, join(section, key), enum_names<E>::naming, n);
  if (has_references(s->get())) return read_interpolated(n, s->get(), join(section, key), out, false, errors);
  if (const std::string_view error = from_text(s->get(), out); !error.empty())
    errors.push_back(join(section, key) + ": '" + s->get() + "' is " + std::string(error) + position(n));
}

inline void read_node(const toml::node& n, std::string_view section, std::string_view key,
                      std::vector<std::string>& out, bool, std::vector<std::string>& errors) {
  const auto* array = n.as_array();
  if (!array) return mismatch(errors, join(section, key), "an array of strings", n);
  out.clear();
  out.resize(array->size());
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const auto* s = element.as_string();
    if (!s) {
      mismatch(errors, join(section, key) + '[' + std::to_string(i) + ']', "a string", element);
    } else if (has_references(s->get())) {
      read_interpolated(element, s->get(), join(section, key) + '[' + std::to_string(i) + ']', out[i], false,
                        errors);
    } else {
      out[i] = s->get();
    }
  }
}

/// Looks `key` up in `table` (a section, or null when the file has none) and
/// reads it into `out`; an absent key keeps the default.
template <class T>
void read(const toml::table* table, std::string_view section, std::string_view key, T& out,
          std::vector<std::string>& errors, bool secret = false) {
  if (!table) return;
  if (const toml::node* n = table->get(key)) read_node(*n, section, key, out, secret, errors);
}

/// The sub-table `key` of `parent`; null when absent, or not a table (an error).
inline const toml::table* section(const toml::table* parent, std::string_view parent_path, std::string_view key,
                                  std::vector<std::string>& errors) {
  if (!parent) return nullptr;
  const toml::node* n = parent->get(key);
  if (!n) return nullptr;
  if (const toml::table* t = n->as_table()) return t;
  mismatch(errors, parent_path.empty() ? std::string(key) : join(parent_path, key), "a table", *n);
  return nullptr;
}

// ---- environment ----------------------------------------------------------------------

/// Reads variable `name` into `out` if it is set and not empty.
template <class T>
void read_env(const char* name, std::string_view path, T& out, std::vector<std::string>& errors,
              bool secret = false) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return;
  if (const std::string_view error = from_text(value, out); !error.empty()) {
    std::string message(path);
    message += ": ";
    if (!secret) message.append("'").append(value).append("' is ");
    message.append(error).append(" (env ").append(name).append(")");
    errors.push_back(std::move(message));
  }
}

// ---- constraints -------------------------------------------------------------------------

inline void range(int v, int lo, int hi, std::string_view path, std::vector<std::string>& errors) {
  if (v < lo || v > hi)
    errors.push_back(std::string(path) + ": must be in [" + show(lo) + ", " + show(hi) + "], got " + show(v));
}

inline void range(double v, double lo, double hi, std::string_view path, std::vector<std::string>& errors) {
  if (!(v >= lo && v <= hi))
    errors.push_back(std::string(path) + ": must be in [" + show(lo) + ", " + show(hi) + "], got " + show(v));
}

inline void at_least(int v, int lo, std::string_view path, std::vector<std::string>& errors) {
  if (v < lo) errors.push_back(std::string(path) + ": must be at least " + show(lo) + ", got " + show(v));
}

inline void non_empty(const std::string& v, std::string_view path, std::vector<std::string>& errors) {
  if (v.empty()) errors.push_back(std::string(path) + ": must not be empty");
}

template <std::size_t N>
void one_of(int v, const int (&allowed)[N], std::string_view path, std::vector<std::string>& errors) {
  for (int a : allowed)
    if (v == a) return;
  std::string message(path);
  message += ": must be one of ";
  for (std::size_t i = 0; i < N; ++i) message.append(i ? ", " : "").append(show(allowed[i]));
  message += ", got " + show(v);
  errors.push_back(std::move(message));
}

template <std::size_t N>
void one_of(const std::string& v, const std::string_view (&allowed)[N], std::string_view path,
            std::vector<std::string>& errors) {
  for (std::string_view a : allowed)
    if (v == a) return;
  std::string message(path);
  message += ": must be one of ";
  for (std::size_t i = 0; i < N; ++i) message.append(i ? ", '" : "'").append(allowed[i]).append("'");
  message += ", got '" + v + "'";
  errors.push_back(std::move(message));
}

/// An http(s) URL with a host: what a CORS origin must be.
inline bool is_http_url(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) rest = url.substr(8);
  else if (url.starts_with("http://")) rest = url.substr(7);
  else return false;
  const std::string_view host = rest.substr(0, rest.find_first_of(":/?#"));
  if (host.empty()) return false;
  for (char c : host)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
      return false;
  for (char c : rest)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
  return true;
}

}  // namespace hw

// ---- bind: one parsed document onto the configuration -------------------------------------

/// Reads every leaf `t` sets into `c`; leaves it does not set keep their
/// current value. Problems go to `errors`.
inline void bind(const toml::table& t, MusicGenConfig& c, std::vector<std::string>& errors) {
  using hw::read;
  using hw::section;
  auto& e = errors;
  const toml::table* root = &t;

  if (const toml::table* s = section(root, "", "app", e)) {
    read(s, "app", "name", c.app.name, e);
    read(s, "app", "version", c.app.version, e);
    read(s, "app", "environment", c.app.environment, e);
    read(s, "app", "debug", c.app.debug, e);
  }

  if (const toml::table* s = section(root, "", "api", e)) {
    read(s, "api", "host", c.api.host, e);
    read(s, "api", "port", c.api.port, e);
    read(s, "api", "workers", c.api.workers, e);
    read(s, "api", "reload", c.api.reload, e);
    read(s, "api", "debug", c.api.debug, e);
    if (const toml::table* cors = section(s, "api", "cors", e)) {
      read(cors, "api.cors", "enabled", c.api.cors.enabled, e);
      read(cors, "api.cors", "origins", c.api.cors.origins, e);
      read(cors, "api.cors", "methods", c.api.cors.methods, e);
      read(cors, "api.cors", "credentials", c.api.cors.credentials, e);
    }
    if (const toml::table* rl = section(s, "api", "rate_limiting", e)) {
      read(rl, "api.rate_limiting", "enabled", c.api.rate_limiting.enabled, e);
      read(rl, "api.rate_limiting", "requests_per_minute", c.api.rate_limiting.requests_per_minute, e);
      read(rl, "api.rate_limiting", "burst_limit", c.api.rate_limiting.burst_limit, e);
    }
  }

  if (const toml::table* s = section(root, "", "auth", e)) {
    read(s, "auth", "enabled", c.auth.enabled, e);
    read(s, "auth", "jwt_secret", c.auth.jwt_secret, e, /*secret=*/true);
    read(s, "auth", "jwt_algorithm", c.auth.jwt_algorithm, e);
    read(s, "auth", "jwt_expiration_hours", c.auth.jwt_expiration_hours, e);
    read(s, "auth", "api_key_required", c.auth.api_key_required, e);
    if (const toml::table* rl = section(s, "auth", "rate_limiting", e)) {
      read(rl, "auth.rate_limiting", "enabled", c.auth.rate_limiting.enabled, e);
      read(rl, "auth.rate_limiting", "requests_per_minute", c.auth.rate_limiting.requests_per_minute, e);
      read(rl, "auth.rate_limiting", "per_user_limit", c.auth.rate_limiting.per_user_limit, e);
    }
  }

  if (const toml::table* s = section(root, "", "model", e)) {
    read(s, "model", "default_model", c.model.default_model, e);
    read(s, "model", "cache_size", c.model.cache_size, e);
    read(s, "model", "cache_dir", c.model.cache_dir, e);
    read(s, "model", "device", c.model.device, e);
    read(s, "model", "mixed_precision", c.model.mixed_precision, e);
    read(s, "model", "compile_model", c.model.compile_model, e);
    read(s, "model", "download_timeout_seconds", c.model.download_timeout_seconds, e);
    read(s, "model", "preload_models", c.model.preload_models, e);
  }

  if (const toml::table* s = section(root, "", "generation", e)) {
    auto& g = c.generation;
    read(s, "generation", "default_duration", g.default_duration, e);
    read(s, "generation", "max_duration", g.max_duration, e);
    read(s, "generation", "default_temperature", g.default_temperature, e);
    read(s, "generation", "default_top_k", g.default_top_k, e);
    read(s, "generation", "default_top_p", g.default_top_p, e);
    read(s, "generation", "max_batch_size", g.max_batch_size, e);
    read(s, "generation", "timeout_seconds", g.timeout_seconds, e);
    read(s, "generation", "quality_mode", g.quality_mode, e);
    read(s, "generation", "priority_queue_enabled", g.priority_queue_enabled, e);
  }

  if (const toml::table* s = section(root, "", "audio", e)) {
    auto& a = c.audio;
    read(s, "audio", "sample_rate", a.sample_rate, e);
    read(s, "audio", "format", a.format, e);
    read(s, "audio", "bit_depth", a.bit_depth, e);
    read(s, "audio", "channels", a.channels, e);
    read(s, "audio", "normalization", a.normalization, e);
    read(s, "audio", "output_dir", a.output_dir, e);
    read(s, "audio", "temp_dir", a.temp_dir, e);
    read(s, "audio", "cleanup_temp_files", a.cleanup_temp_files, e);
    read(s, "audio", "backup_outputs", a.backup_outputs, e);
    read(s, "audio", "backup_retention_days", a.backup_retention_days, e);
  }

  if (const toml::table* s = section(root, "", "resources", e)) {
    auto& r = c.resources;
    read(s, "resources", "max_memory_usage_percent", r.max_memory_usage_percent, e);
    read(s, "resources", "max_cpu_usage_percent", r.max_cpu_usage_percent, e);
    read(s, "resources", "cleanup_threshold_percent", r.cleanup_threshold_percent, e);
    read(s, "resources", "monitoring_interval_seconds", r.monitoring_interval_seconds, e);
    read(s, "resources", "auto_cleanup_enabled", r.auto_cleanup_enabled, e);
    read(s, "resources", "gpu_memory_fraction", r.gpu_memory_fraction, e);
    read(s, "resources", "memory_pressure_handling", r.memory_pressure_handling, e);
  }

  if (const toml::table* s = section(root, "", "external_services", e)) {
    if (const toml::table* w = section(s, "external_services", "wandb", e)) {
      auto& x = c.external_services.wandb;
      constexpr std::string_view p = "external_services.wandb";
      read(w, p, "enabled", x.enabled, e);
      read(w, p, "project", x.project, e);
      read(w, p, "entity", x.entity, e);
      read(w, p, "api_key", x.api_key, e, /*secret=*/true);
      read(w, p, "log_frequency", x.log_frequency, e);
    }
    if (const toml::table* r = section(s, "external_services", "redis", e)) {
      auto& x = c.external_services.redis;
      constexpr std::string_view p = "external_services.redis";
      read(r, p, "enabled", x.enabled, e);
      read(r, p, "host", x.host, e);
      read(r, p, "port", x.port, e);
      read(r, p, "password", x.password, e, /*secret=*/true);
      read(r, p, "ssl", x.ssl, e);
      read(r, p, "connection_pool_size", x.connection_pool_size, e);
      read(r, p, "max_connections", x.max_connections, e);
    }
    if (const toml::table* pg = section(s, "external_services", "postgresql", e)) {
      auto& x = c.external_services.postgresql;
      constexpr std::string_view p = "external_services.postgresql";
      read(pg, p, "enabled", x.enabled, e);
      read(pg, p, "host", x.host, e);
      read(pg, p, "port", x.port, e);
      read(pg, p, "database", x.database, e);
      read(pg, p, "username", x.username, e);
      read(pg, p, "password", x.password, e, /*secret=*/true);
      read(pg, p, "ssl_mode", x.ssl_mode, e);
      read(pg, p, "pool_size", x.pool_size, e);
    }
  }

  if (const toml::table* s = section(root, "", "features", e)) {
    auto& f = c.features;
    read(s, "features", "streaming_generation", f.streaming_generation, e);
    read(s, "features", "multi_instrument", f.multi_instrument, e);
    read(s, "features", "batch_processing", f.batch_processing, e);
    read(s, "features", "conditioning", f.conditioning, e);
    read(s, "features", "model_switching", f.model_switching, e);
    read(s, "features", "audio_effects", f.audio_effects, e);
    read(s, "features", "midi_export", f.midi_export, e);
  }

  if (const toml::table* s = section(root, "", "dev_tools", e)) {
    auto& d = c.dev_tools;
    read(s, "dev_tools", "profiling_enabled", d.profiling_enabled, e);
    read(s, "dev_tools", "debug_sql", d.debug_sql, e);
    read(s, "dev_tools", "mock_slow_operations", d.mock_slow_operations, e);
    read(s, "dev_tools", "test_mode", d.test_mode, e);
    read(s, "dev_tools", "hot_reload", d.hot_reload, e);
    read(s, "dev_tools", "auto_open_browser", d.auto_open_browser, e);
    read(s, "dev_tools", "development_server", d.development_server, e);
  }

  if (const toml::table* s = section(root, "", "validation", e)) {
    auto& v = c.validation;
    read(s, "validation", "strict_mode", v.strict_mode, e);
    read(s, "validation", "validate_audio_output", v.validate_audio_output, e);
    read(s, "validation", "validate_model_outputs", v.validate_model_outputs, e);
    read(s, "validation", "max_prompt_length", v.max_prompt_length, e);
    read(s, "validation", "min_duration", v.min_duration, e);
    read(s, "validation", "max_file_size_mb", v.max_file_size_mb, e);
  }

  if (const toml::table* s = section(root, "", "limits", e)) {
    auto& l = c.limits;
    read(s, "limits", "max_requests_per_hour", l.max_requests_per_hour, e);
    read(s, "limits", "max_generation_time_minutes", l.max_generation_time_minutes, e);
    read(s, "limits", "max_concurrent_generations", l.max_concurrent_generations, e);
  }
}

// ---- check: the constraints and validation rules of musicgen_config.hpp --------------------

inline void check(const MusicGenConfig& c, std::vector<std::string>& errors) {
  using hw::at_least;
  using hw::non_empty;
  using hw::one_of;
  using hw::range;
  auto& e = errors;

  non_empty(c.app.name, "app.name", e);

  non_empty(c.api.host, "api.host", e);
  range(c.api.port, 1, 65535, "api.port", e);
  range(c.api.workers, 1, 32, "api.workers", e);
  for (std::size_t i = 0; i < c.api.cors.origins.size(); ++i)
    if (!hw::is_http_url(c.api.cors.origins[i]))
      e.push_back("api.cors.origins[" + std::to_string(i) + "]: '" + c.api.cors.origins[i] +
                  "' is not a valid URL; a CORS origin looks like https://app.example.com");
  range(c.api.rate_limiting.requests_per_minute, 1, 10000, "api.rate_limiting.requests_per_minute", e);
  at_least(c.api.rate_limiting.burst_limit, 1, "api.rate_limiting.burst_limit", e);

  range(c.auth.jwt_expiration_hours, 1, 8760, "auth.jwt_expiration_hours", e);
  range(c.auth.rate_limiting.requests_per_minute, 1, 10000, "auth.rate_limiting.requests_per_minute", e);
  at_least(c.auth.rate_limiting.per_user_limit, 1, "auth.rate_limiting.per_user_limit", e);
  if (c.auth.enabled && c.auth.jwt_secret.size() < AuthConfig::min_secret_length)
    e.push_back("auth.jwt_secret: must be at least 32 characters when auth is enabled; set JWT_SECRET");

  non_empty(c.model.default_model, "model.default_model", e);
  range(c.model.cache_size, 1, 20, "model.cache_size", e);
  range(c.model.download_timeout_seconds, 30, 3600, "model.download_timeout_seconds", e);

  const GenerationConfig& g = c.generation;
  range(g.default_duration, 0.1, 300.0, "generation.default_duration", e);
  range(g.default_temperature, 0.1, 2.0, "generation.default_temperature", e);
  at_least(g.default_top_k, 0, "generation.default_top_k", e);
  range(g.default_top_p, 0.0, 1.0, "generation.default_top_p", e);
  range(g.max_batch_size, 1, 32, "generation.max_batch_size", e);
  at_least(g.timeout_seconds, 1, "generation.timeout_seconds", e);
  if (!(g.max_duration > g.default_duration))
    e.push_back("generation.max_duration: must be greater than default_duration (" + hw::show(g.default_duration) +
                "), got " + hw::show(g.max_duration));

  static constexpr int sample_rates[] = {8000, 16000, 22050, 24000, 32000, 44100, 48000, 96000};
  static constexpr int bit_depths[] = {8, 16, 24, 32};
  static constexpr int channel_counts[] = {1, 2};
  one_of(c.audio.sample_rate, sample_rates, "audio.sample_rate", e);
  one_of(c.audio.bit_depth, bit_depths, "audio.bit_depth", e);
  one_of(c.audio.channels, channel_counts, "audio.channels", e);
  range(c.audio.backup_retention_days, 1, 365, "audio.backup_retention_days", e);

  const ResourcesConfig& r = c.resources;
  range(r.max_memory_usage_percent, 10.0, 95.0, "resources.max_memory_usage_percent", e);
  range(r.max_cpu_usage_percent, 10.0, 95.0, "resources.max_cpu_usage_percent", e);
  range(r.cleanup_threshold_percent, 10.0, 95.0, "resources.cleanup_threshold_percent", e);
  range(r.monitoring_interval_seconds, 1.0, 300.0, "resources.monitoring_interval_seconds", e);
  range(r.gpu_memory_fraction, 0.1, 1.0, "resources.gpu_memory_fraction", e);
  if (!(r.cleanup_threshold_percent < r.max_memory_usage_percent))
    e.push_back("resources.cleanup_threshold_percent: must be below max_memory_usage_percent (" +
                hw::show(r.max_memory_usage_percent) + "): cleanup has to start before the memory limit is reached");

  const RedisConfig& redis = c.external_services.redis;
  non_empty(redis.host, "external_services.redis.host", e);
  range(redis.port, 1, 65535, "external_services.redis.port", e);
  range(redis.connection_pool_size, 1, 100, "external_services.redis.connection_pool_size", e);
  at_least(redis.max_connections, 1, "external_services.redis.max_connections", e);

  static constexpr std::string_view ssl_modes[] = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"};
  const PostgresConfig& pg = c.external_services.postgresql;
  non_empty(pg.host, "external_services.postgresql.host", e);
  range(pg.port, 1, 65535, "external_services.postgresql.port", e);
  non_empty(pg.database, "external_services.postgresql.database", e);
  non_empty(pg.username, "external_services.postgresql.username", e);
  one_of(pg.ssl_mode, ssl_modes, "external_services.postgresql.ssl_mode", e);
  range(pg.pool_size, 1, 100, "external_services.postgresql.pool_size", e);

  range(c.validation.max_prompt_length, 1, 10000, "validation.max_prompt_length", e);
  range(c.validation.min_duration, 0.01, 10.0, "validation.min_duration", e);
  range(c.validation.max_file_size_mb, 1, 1000, "validation.max_file_size_mb", e);

  at_least(c.limits.max_requests_per_hour, 1, "limits.max_requests_per_hour", e);
  at_least(c.limits.max_generation_time_minutes, 1, "limits.max_generation_time_minutes", e);
  at_least(c.limits.max_concurrent_generations, 1, "limits.max_concurrent_generations", e);

  // Production (no profile here: app.environment says so).
  if (c.app.environment == Environment::production) {
    if (c.app.debug) e.push_back("app.debug: must be disabled in production");
    if (!c.auth.enabled) e.push_back("auth.enabled: must be enabled in production");
  }
}

// ---- the environment: 20 variables named as strata derives them ----------------------------

/// MUSICGEN_ prefix, tree mapping: segments upper-cased and joined by "__".
inline void bind_env(MusicGenConfig& c, std::vector<std::string>& errors) {
  using hw::read_env;
  auto& e = errors;
  // integers
  read_env("MUSICGEN_API__PORT", "api.port", c.api.port, e);
  read_env("MUSICGEN_API__WORKERS", "api.workers", c.api.workers, e);
  read_env("MUSICGEN_AUTH__JWT_EXPIRATION_HOURS", "auth.jwt_expiration_hours", c.auth.jwt_expiration_hours, e);
  read_env("MUSICGEN_AUDIO__SAMPLE_RATE", "audio.sample_rate", c.audio.sample_rate, e);
  read_env("MUSICGEN_EXTERNAL_SERVICES__REDIS__PORT", "external_services.redis.port", c.external_services.redis.port,
           e);
  read_env("MUSICGEN_EXTERNAL_SERVICES__POSTGRESQL__POOL_SIZE", "external_services.postgresql.pool_size",
           c.external_services.postgresql.pool_size, e);
  // booleans
  read_env("MUSICGEN_API__DEBUG", "api.debug", c.api.debug, e);
  read_env("MUSICGEN_AUTH__ENABLED", "auth.enabled", c.auth.enabled, e);
  read_env("MUSICGEN_FEATURES__MIDI_EXPORT", "features.midi_export", c.features.midi_export, e);
  read_env("MUSICGEN_DEV_TOOLS__PROFILING_ENABLED", "dev_tools.profiling_enabled", c.dev_tools.profiling_enabled, e);
  // doubles
  read_env("MUSICGEN_GENERATION__DEFAULT_TEMPERATURE", "generation.default_temperature",
           c.generation.default_temperature, e);
  read_env("MUSICGEN_RESOURCES__MAX_MEMORY_USAGE_PERCENT", "resources.max_memory_usage_percent",
           c.resources.max_memory_usage_percent, e);
  read_env("MUSICGEN_RESOURCES__GPU_MEMORY_FRACTION", "resources.gpu_memory_fraction",
           c.resources.gpu_memory_fraction, e);
  // strings and a path
  read_env("MUSICGEN_AUTH__JWT_SECRET", "auth.jwt_secret", c.auth.jwt_secret, e, /*secret=*/true);
  read_env("MUSICGEN_EXTERNAL_SERVICES__REDIS__HOST", "external_services.redis.host", c.external_services.redis.host,
           e);
  read_env("MUSICGEN_EXTERNAL_SERVICES__POSTGRESQL__SSL_MODE", "external_services.postgresql.ssl_mode",
           c.external_services.postgresql.ssl_mode, e);
  read_env("MUSICGEN_MODEL__CACHE_DIR", "model.cache_dir", c.model.cache_dir, e);
  // enums
  read_env("MUSICGEN_MODEL__DEVICE", "model.device", c.model.device, e);
  read_env("MUSICGEN_GENERATION__QUALITY_MODE", "generation.quality_mode", c.generation.quality_mode, e);
  read_env("MUSICGEN_AUDIO__FORMAT", "audio.format", c.audio.format, e);
}

// ---- the whole load -----------------------------------------------------------------------

/// Parses and binds `files` in order (later files win), then the
/// environment, then checks. True when nothing went wrong.
inline bool load_full(const std::vector<std::filesystem::path>& files, MusicGenConfig& c,
                      std::vector<std::string>& errors) {
  const std::size_t before = errors.size();
  for (const std::filesystem::path& file : files) {
    try {
      const toml::table document = toml::parse_file(file.native());
      bind(document, c, errors);
    } catch (const toml::parse_error& error) {
      const toml::source_position at = error.source().begin;
      std::string message = file.native();
      if (at.line > 0) message += ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
      errors.push_back(message.append(": ").append(error.description()));
    }
  }
  bind_env(c, errors);
  check(c, errors);
  return errors.size() == before;
}

}  // namespace plain
