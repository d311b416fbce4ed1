// benchmarks/handwritten/env100_plain.hpp: the hand-written side of the
// environment-only comparison of issue 9: a 100-leaf configuration (4
// sections of 25 leaves: ints with a range check, doubles, bools, strings) as
// plain structs, read from 100 environment variables by hand with
// std::getenv. The strata side is env100_strata.hpp (same structure, same
// defaults, same variable names).
//
// Variables: APP100_<SECTION>__<FIELD>, upper-cased (strata's tree mapping),
// e.g. APP100_NETWORK__LIMIT_00. An unset or empty variable keeps the
// default. Every int is checked against its range after reading, set or not
// (strata checks every field). set_env100() sets all 100 to valid values.
// std only.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "text.hpp"

namespace env100 {
namespace plain {

struct Network {
  int limit_00 = 1;
  double ratio_01 = 0.51;
  bool flag_02 = false;
  std::string label_03 = "default";
  int limit_04 = 41;
  double ratio_05 = 0.55;
  bool flag_06 = false;
  std::string label_07 = "default";
  int limit_08 = 81;
  double ratio_09 = 0.59;
  bool flag_10 = false;
  std::string label_11 = "default";
  int limit_12 = 121;
  double ratio_13 = 0.63;
  bool flag_14 = false;
  std::string label_15 = "default";
  int limit_16 = 161;
  double ratio_17 = 0.67;
  bool flag_18 = false;
  std::string label_19 = "default";
  int limit_20 = 201;
  double ratio_21 = 0.71;
  bool flag_22 = false;
  std::string label_23 = "default";
  int limit_24 = 241;
};

struct Storage {
  int limit_00 = 1;
  double ratio_01 = 0.51;
  bool flag_02 = false;
  std::string label_03 = "default";
  int limit_04 = 41;
  double ratio_05 = 0.55;
  bool flag_06 = false;
  std::string label_07 = "default";
  int limit_08 = 81;
  double ratio_09 = 0.59;
  bool flag_10 = false;
  std::string label_11 = "default";
  int limit_12 = 121;
  double ratio_13 = 0.63;
  bool flag_14 = false;
  std::string label_15 = "default";
  int limit_16 = 161;
  double ratio_17 = 0.67;
  bool flag_18 = false;
  std::string label_19 = "default";
  int limit_20 = 201;
  double ratio_21 = 0.71;
  bool flag_22 = false;
  std::string label_23 = "default";
  int limit_24 = 241;
};

struct Compute {
  int limit_00 = 1;
  double ratio_01 = 0.51;
  bool flag_02 = false;
  std::string label_03 = "default";
  int limit_04 = 41;
  double ratio_05 = 0.55;
  bool flag_06 = false;
  std::string label_07 = "default";
  int limit_08 = 81;
  double ratio_09 = 0.59;
  bool flag_10 = false;
  std::string label_11 = "default";
  int limit_12 = 121;
  double ratio_13 = 0.63;
  bool flag_14 = false;
  std::string label_15 = "default";
  int limit_16 = 161;
  double ratio_17 = 0.67;
  bool flag_18 = false;
  std::string label_19 = "default";
  int limit_20 = 201;
  double ratio_21 = 0.71;
  bool flag_22 = false;
  std::string label_23 = "default";
  int limit_24 = 241;
};

struct Telemetry {
  int limit_00 = 1;
  double ratio_01 = 0.51;
  bool flag_02 = false;
  std::string label_03 = "default";
  int limit_04 = 41;
  double ratio_05 = 0.55;
  bool flag_06 = false;
  std::string label_07 = "default";
  int limit_08 = 81;
  double ratio_09 = 0.59;
  bool flag_10 = false;
  std::string label_11 = "default";
  int limit_12 = 121;
  double ratio_13 = 0.63;
  bool flag_14 = false;
  std::string label_15 = "default";
  int limit_16 = 161;
  double ratio_17 = 0.67;
  bool flag_18 = false;
  std::string label_19 = "default";
  int limit_20 = 201;
  double ratio_21 = 0.71;
  bool flag_22 = false;
  std::string label_23 = "default";
  int limit_24 = 241;
};

struct Config {
  Network network;
  Storage storage;
  Compute compute;
  Telemetry telemetry;
};

namespace detail {

/// Reads variable `name` into `out` when it is set and not empty.
template <class T>
void read(const char* name, std::string_view path, T& out, std::vector<std::string>& errors) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return;
  if (const std::string_view error = handwritten::from_text(value, out); !error.empty()) {
    std::string message(path);
    message.append(": '").append(value).append("' is ").append(error).append(" (env ").append(name).append(")");
    errors.push_back(std::move(message));
  }
}

/// An int with range<lo, hi>: read, then the final value checked.
inline void read(const char* name, std::string_view path, int& out, int lo, int hi,
                 std::vector<std::string>& errors) {
  read(name, path, out, errors);
  if (out < lo || out > hi)
    errors.push_back(std::string(path) + ": must be in [" + handwritten::show(lo) + ", " + handwritten::show(hi) +
                     "], got " + handwritten::show(out));
}

}  // namespace detail
}  // namespace plain

/// Reads the 100 variables into `c`; problems go to `errors`.
inline void load_env(plain::Config& c, std::vector<std::string>& errors) {
  using plain::detail::read;
  auto& e = errors;

  // network
  read("APP100_NETWORK__LIMIT_00", "network.limit_00", c.network.limit_00, 1, 100000, e);
  read("APP100_NETWORK__RATIO_01", "network.ratio_01", c.network.ratio_01, e);
  read("APP100_NETWORK__FLAG_02", "network.flag_02", c.network.flag_02, e);
  read("APP100_NETWORK__LABEL_03", "network.label_03", c.network.label_03, e);
  read("APP100_NETWORK__LIMIT_04", "network.limit_04", c.network.limit_04, 1, 100000, e);
  read("APP100_NETWORK__RATIO_05", "network.ratio_05", c.network.ratio_05, e);
  read("APP100_NETWORK__FLAG_06", "network.flag_06", c.network.flag_06, e);
  read("APP100_NETWORK__LABEL_07", "network.label_07", c.network.label_07, e);
  read("APP100_NETWORK__LIMIT_08", "network.limit_08", c.network.limit_08, 1, 100000, e);
  read("APP100_NETWORK__RATIO_09", "network.ratio_09", c.network.ratio_09, e);
  read("APP100_NETWORK__FLAG_10", "network.flag_10", c.network.flag_10, e);
  read("APP100_NETWORK__LABEL_11", "network.label_11", c.network.label_11, e);
  read("APP100_NETWORK__LIMIT_12", "network.limit_12", c.network.limit_12, 1, 100000, e);
  read("APP100_NETWORK__RATIO_13", "network.ratio_13", c.network.ratio_13, e);
  read("APP100_NETWORK__FLAG_14", "network.flag_14", c.network.flag_14, e);
  read("APP100_NETWORK__LABEL_15", "network.label_15", c.network.label_15, e);
  read("APP100_NETWORK__LIMIT_16", "network.limit_16", c.network.limit_16, 1, 100000, e);
  read("APP100_NETWORK__RATIO_17", "network.ratio_17", c.network.ratio_17, e);
  read("APP100_NETWORK__FLAG_18", "network.flag_18", c.network.flag_18, e);
  read("APP100_NETWORK__LABEL_19", "network.label_19", c.network.label_19, e);
  read("APP100_NETWORK__LIMIT_20", "network.limit_20", c.network.limit_20, 1, 100000, e);
  read("APP100_NETWORK__RATIO_21", "network.ratio_21", c.network.ratio_21, e);
  read("APP100_NETWORK__FLAG_22", "network.flag_22", c.network.flag_22, e);
  read("APP100_NETWORK__LABEL_23", "network.label_23", c.network.label_23, e);
  read("APP100_NETWORK__LIMIT_24", "network.limit_24", c.network.limit_24, 1, 100000, e);
  // storage
  read("APP100_STORAGE__LIMIT_00", "storage.limit_00", c.storage.limit_00, 1, 100000, e);
  read("APP100_STORAGE__RATIO_01", "storage.ratio_01", c.storage.ratio_01, e);
  read("APP100_STORAGE__FLAG_02", "storage.flag_02", c.storage.flag_02, e);
  read("APP100_STORAGE__LABEL_03", "storage.label_03", c.storage.label_03, e);
  read("APP100_STORAGE__LIMIT_04", "storage.limit_04", c.storage.limit_04, 1, 100000, e);
  read("APP100_STORAGE__RATIO_05", "storage.ratio_05", c.storage.ratio_05, e);
  read("APP100_STORAGE__FLAG_06", "storage.flag_06", c.storage.flag_06, e);
  read("APP100_STORAGE__LABEL_07", "storage.label_07", c.storage.label_07, e);
  read("APP100_STORAGE__LIMIT_08", "storage.limit_08", c.storage.limit_08, 1, 100000, e);
  read("APP100_STORAGE__RATIO_09", "storage.ratio_09", c.storage.ratio_09, e);
  read("APP100_STORAGE__FLAG_10", "storage.flag_10", c.storage.flag_10, e);
  read("APP100_STORAGE__LABEL_11", "storage.label_11", c.storage.label_11, e);
  read("APP100_STORAGE__LIMIT_12", "storage.limit_12", c.storage.limit_12, 1, 100000, e);
  read("APP100_STORAGE__RATIO_13", "storage.ratio_13", c.storage.ratio_13, e);
  read("APP100_STORAGE__FLAG_14", "storage.flag_14", c.storage.flag_14, e);
  read("APP100_STORAGE__LABEL_15", "storage.label_15", c.storage.label_15, e);
  read("APP100_STORAGE__LIMIT_16", "storage.limit_16", c.storage.limit_16, 1, 100000, e);
  read("APP100_STORAGE__RATIO_17", "storage.ratio_17", c.storage.ratio_17, e);
  read("APP100_STORAGE__FLAG_18", "storage.flag_18", c.storage.flag_18, e);
  read("APP100_STORAGE__LABEL_19", "storage.label_19", c.storage.label_19, e);
  read("APP100_STORAGE__LIMIT_20", "storage.limit_20", c.storage.limit_20, 1, 100000, e);
  read("APP100_STORAGE__RATIO_21", "storage.ratio_21", c.storage.ratio_21, e);
  read("APP100_STORAGE__FLAG_22", "storage.flag_22", c.storage.flag_22, e);
  read("APP100_STORAGE__LABEL_23", "storage.label_23", c.storage.label_23, e);
  read("APP100_STORAGE__LIMIT_24", "storage.limit_24", c.storage.limit_24, 1, 100000, e);
  // compute
  read("APP100_COMPUTE__LIMIT_00", "compute.limit_00", c.compute.limit_00, 1, 100000, e);
  read("APP100_COMPUTE__RATIO_01", "compute.ratio_01", c.compute.ratio_01, e);
  read("APP100_COMPUTE__FLAG_02", "compute.flag_02", c.compute.flag_02, e);
  read("APP100_COMPUTE__LABEL_03", "compute.label_03", c.compute.label_03, e);
  read("APP100_COMPUTE__LIMIT_04", "compute.limit_04", c.compute.limit_04, 1, 100000, e);
  read("APP100_COMPUTE__RATIO_05", "compute.ratio_05", c.compute.ratio_05, e);
  read("APP100_COMPUTE__FLAG_06", "compute.flag_06", c.compute.flag_06, e);
  read("APP100_COMPUTE__LABEL_07", "compute.label_07", c.compute.label_07, e);
  read("APP100_COMPUTE__LIMIT_08", "compute.limit_08", c.compute.limit_08, 1, 100000, e);
  read("APP100_COMPUTE__RATIO_09", "compute.ratio_09", c.compute.ratio_09, e);
  read("APP100_COMPUTE__FLAG_10", "compute.flag_10", c.compute.flag_10, e);
  read("APP100_COMPUTE__LABEL_11", "compute.label_11", c.compute.label_11, e);
  read("APP100_COMPUTE__LIMIT_12", "compute.limit_12", c.compute.limit_12, 1, 100000, e);
  read("APP100_COMPUTE__RATIO_13", "compute.ratio_13", c.compute.ratio_13, e);
  read("APP100_COMPUTE__FLAG_14", "compute.flag_14", c.compute.flag_14, e);
  read("APP100_COMPUTE__LABEL_15", "compute.label_15", c.compute.label_15, e);
  read("APP100_COMPUTE__LIMIT_16", "compute.limit_16", c.compute.limit_16, 1, 100000, e);
  read("APP100_COMPUTE__RATIO_17", "compute.ratio_17", c.compute.ratio_17, e);
  read("APP100_COMPUTE__FLAG_18", "compute.flag_18", c.compute.flag_18, e);
  read("APP100_COMPUTE__LABEL_19", "compute.label_19", c.compute.label_19, e);
  read("APP100_COMPUTE__LIMIT_20", "compute.limit_20", c.compute.limit_20, 1, 100000, e);
  read("APP100_COMPUTE__RATIO_21", "compute.ratio_21", c.compute.ratio_21, e);
  read("APP100_COMPUTE__FLAG_22", "compute.flag_22", c.compute.flag_22, e);
  read("APP100_COMPUTE__LABEL_23", "compute.label_23", c.compute.label_23, e);
  read("APP100_COMPUTE__LIMIT_24", "compute.limit_24", c.compute.limit_24, 1, 100000, e);
  // telemetry
  read("APP100_TELEMETRY__LIMIT_00", "telemetry.limit_00", c.telemetry.limit_00, 1, 100000, e);
  read("APP100_TELEMETRY__RATIO_01", "telemetry.ratio_01", c.telemetry.ratio_01, e);
  read("APP100_TELEMETRY__FLAG_02", "telemetry.flag_02", c.telemetry.flag_02, e);
  read("APP100_TELEMETRY__LABEL_03", "telemetry.label_03", c.telemetry.label_03, e);
  read("APP100_TELEMETRY__LIMIT_04", "telemetry.limit_04", c.telemetry.limit_04, 1, 100000, e);
  read("APP100_TELEMETRY__RATIO_05", "telemetry.ratio_05", c.telemetry.ratio_05, e);
  read("APP100_TELEMETRY__FLAG_06", "telemetry.flag_06", c.telemetry.flag_06, e);
  read("APP100_TELEMETRY__LABEL_07", "telemetry.label_07", c.telemetry.label_07, e);
  read("APP100_TELEMETRY__LIMIT_08", "telemetry.limit_08", c.telemetry.limit_08, 1, 100000, e);
  read("APP100_TELEMETRY__RATIO_09", "telemetry.ratio_09", c.telemetry.ratio_09, e);
  read("APP100_TELEMETRY__FLAG_10", "telemetry.flag_10", c.telemetry.flag_10, e);
  read("APP100_TELEMETRY__LABEL_11", "telemetry.label_11", c.telemetry.label_11, e);
  read("APP100_TELEMETRY__LIMIT_12", "telemetry.limit_12", c.telemetry.limit_12, 1, 100000, e);
  read("APP100_TELEMETRY__RATIO_13", "telemetry.ratio_13", c.telemetry.ratio_13, e);
  read("APP100_TELEMETRY__FLAG_14", "telemetry.flag_14", c.telemetry.flag_14, e);
  read("APP100_TELEMETRY__LABEL_15", "telemetry.label_15", c.telemetry.label_15, e);
  read("APP100_TELEMETRY__LIMIT_16", "telemetry.limit_16", c.telemetry.limit_16, 1, 100000, e);
  read("APP100_TELEMETRY__RATIO_17", "telemetry.ratio_17", c.telemetry.ratio_17, e);
  read("APP100_TELEMETRY__FLAG_18", "telemetry.flag_18", c.telemetry.flag_18, e);
  read("APP100_TELEMETRY__LABEL_19", "telemetry.label_19", c.telemetry.label_19, e);
  read("APP100_TELEMETRY__LIMIT_20", "telemetry.limit_20", c.telemetry.limit_20, 1, 100000, e);
  read("APP100_TELEMETRY__RATIO_21", "telemetry.ratio_21", c.telemetry.ratio_21, e);
  read("APP100_TELEMETRY__FLAG_22", "telemetry.flag_22", c.telemetry.flag_22, e);
  read("APP100_TELEMETRY__LABEL_23", "telemetry.label_23", c.telemetry.label_23, e);
  read("APP100_TELEMETRY__LIMIT_24", "telemetry.limit_24", c.telemetry.limit_24, 1, 100000, e);
}

/// The name and a valid value of each of the 100 variables.
struct env_setting {
  const char* name;
  const char* value;
};

inline constexpr env_setting env100_settings[100] = {
    {"APP100_NETWORK__LIMIT_00", "4200"},
    {"APP100_NETWORK__RATIO_01", "1.375"},
    {"APP100_NETWORK__FLAG_02", "yes"},
    {"APP100_NETWORK__LABEL_03", "network-value-03"},
    {"APP100_NETWORK__LIMIT_04", "4204"},
    {"APP100_NETWORK__RATIO_05", "1.875"},
    {"APP100_NETWORK__FLAG_06", "1"},
    {"APP100_NETWORK__LABEL_07", "network-value-07"},
    {"APP100_NETWORK__LIMIT_08", "4208"},
    {"APP100_NETWORK__RATIO_09", "2.375"},
    {"APP100_NETWORK__FLAG_10", "0"},
    {"APP100_NETWORK__LABEL_11", "network-value-11"},
    {"APP100_NETWORK__LIMIT_12", "4212"},
    {"APP100_NETWORK__RATIO_13", "2.875"},
    {"APP100_NETWORK__FLAG_14", "true"},
    {"APP100_NETWORK__LABEL_15", "network-value-15"},
    {"APP100_NETWORK__LIMIT_16", "4216"},
    {"APP100_NETWORK__RATIO_17", "3.375"},
    {"APP100_NETWORK__FLAG_18", "on"},
    {"APP100_NETWORK__LABEL_19", "network-value-19"},
    {"APP100_NETWORK__LIMIT_20", "4220"},
    {"APP100_NETWORK__RATIO_21", "3.875"},
    {"APP100_NETWORK__FLAG_22", "off"},
    {"APP100_NETWORK__LABEL_23", "network-value-23"},
    {"APP100_NETWORK__LIMIT_24", "4224"},
    {"APP100_STORAGE__LIMIT_00", "4200"},
    {"APP100_STORAGE__RATIO_01", "1.375"},
    {"APP100_STORAGE__FLAG_02", "yes"},
    {"APP100_STORAGE__LABEL_03", "storage-value-03"},
    {"APP100_STORAGE__LIMIT_04", "4204"},
    {"APP100_STORAGE__RATIO_05", "1.875"},
    {"APP100_STORAGE__FLAG_06", "1"},
    {"APP100_STORAGE__LABEL_07", "storage-value-07"},
    {"APP100_STORAGE__LIMIT_08", "4208"},
    {"APP100_STORAGE__RATIO_09", "2.375"},
    {"APP100_STORAGE__FLAG_10", "0"},
    {"APP100_STORAGE__LABEL_11", "storage-value-11"},
    {"APP100_STORAGE__LIMIT_12", "4212"},
    {"APP100_STORAGE__RATIO_13", "2.875"},
    {"APP100_STORAGE__FLAG_14", "true"},
    {"APP100_STORAGE__LABEL_15", "storage-value-15"},
    {"APP100_STORAGE__LIMIT_16", "4216"},
    {"APP100_STORAGE__RATIO_17", "3.375"},
    {"APP100_STORAGE__FLAG_18", "on"},
    {"APP100_STORAGE__LABEL_19", "storage-value-19"},
    {"APP100_STORAGE__LIMIT_20", "4220"},
    {"APP100_STORAGE__RATIO_21", "3.875"},
    {"APP100_STORAGE__FLAG_22", "off"},
    {"APP100_STORAGE__LABEL_23", "storage-value-23"},
    {"APP100_STORAGE__LIMIT_24", "4224"},
    {"APP100_COMPUTE__LIMIT_00", "4200"},
    {"APP100_COMPUTE__RATIO_01", "1.375"},
    {"APP100_COMPUTE__FLAG_02", "yes"},
    {"APP100_COMPUTE__LABEL_03", "compute-value-03"},
    {"APP100_COMPUTE__LIMIT_04", "4204"},
    {"APP100_COMPUTE__RATIO_05", "1.875"},
    {"APP100_COMPUTE__FLAG_06", "1"},
    {"APP100_COMPUTE__LABEL_07", "compute-value-07"},
    {"APP100_COMPUTE__LIMIT_08", "4208"},
    {"APP100_COMPUTE__RATIO_09", "2.375"},
    {"APP100_COMPUTE__FLAG_10", "0"},
    {"APP100_COMPUTE__LABEL_11", "compute-value-11"},
    {"APP100_COMPUTE__LIMIT_12", "4212"},
    {"APP100_COMPUTE__RATIO_13", "2.875"},
    {"APP100_COMPUTE__FLAG_14", "true"},
    {"APP100_COMPUTE__LABEL_15", "compute-value-15"},
    {"APP100_COMPUTE__LIMIT_16", "4216"},
    {"APP100_COMPUTE__RATIO_17", "3.375"},
    {"APP100_COMPUTE__FLAG_18", "on"},
    {"APP100_COMPUTE__LABEL_19", "compute-value-19"},
    {"APP100_COMPUTE__LIMIT_20", "4220"},
    {"APP100_COMPUTE__RATIO_21", "3.875"},
    {"APP100_COMPUTE__FLAG_22", "off"},
    {"APP100_COMPUTE__LABEL_23", "compute-value-23"},
    {"APP100_COMPUTE__LIMIT_24", "4224"},
    {"APP100_TELEMETRY__LIMIT_00", "4200"},
    {"APP100_TELEMETRY__RATIO_01", "1.375"},
    {"APP100_TELEMETRY__FLAG_02", "yes"},
    {"APP100_TELEMETRY__LABEL_03", "telemetry-value-03"},
    {"APP100_TELEMETRY__LIMIT_04", "4204"},
    {"APP100_TELEMETRY__RATIO_05", "1.875"},
    {"APP100_TELEMETRY__FLAG_06", "1"},
    {"APP100_TELEMETRY__LABEL_07", "telemetry-value-07"},
    {"APP100_TELEMETRY__LIMIT_08", "4208"},
    {"APP100_TELEMETRY__RATIO_09", "2.375"},
    {"APP100_TELEMETRY__FLAG_10", "0"},
    {"APP100_TELEMETRY__LABEL_11", "telemetry-value-11"},
    {"APP100_TELEMETRY__LIMIT_12", "4212"},
    {"APP100_TELEMETRY__RATIO_13", "2.875"},
    {"APP100_TELEMETRY__FLAG_14", "true"},
    {"APP100_TELEMETRY__LABEL_15", "telemetry-value-15"},
    {"APP100_TELEMETRY__LIMIT_16", "4216"},
    {"APP100_TELEMETRY__RATIO_17", "3.375"},
    {"APP100_TELEMETRY__FLAG_18", "on"},
    {"APP100_TELEMETRY__LABEL_19", "telemetry-value-19"},
    {"APP100_TELEMETRY__LIMIT_20", "4220"},
    {"APP100_TELEMETRY__RATIO_21", "3.875"},
    {"APP100_TELEMETRY__FLAG_22", "off"},
    {"APP100_TELEMETRY__LABEL_23", "telemetry-value-23"},
    {"APP100_TELEMETRY__LIMIT_24", "4224"},
};

/// setenv()s all 100 variables to valid values (overwriting); the benchmark
/// calls it once for both sides.
inline void set_env100() {
  for (const env_setting& s : env100_settings) ::setenv(s.name, s.value, 1);
}

}  // namespace env100
