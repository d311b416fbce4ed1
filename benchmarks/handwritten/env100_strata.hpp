// benchmarks/handwritten/env100_strata.hpp: the strata side of the
// environment-only comparison of issue 9: the 100-leaf configuration of
// env100_plain.hpp (4 sections of 25 leaves, same types, defaults and
// ranges) declared for strata. Variables APP100_<SECTION>__<FIELD> (tree
// mapping), e.g. APP100_NETWORK__LIMIT_00; env100::set_env100() in
// env100_plain.hpp sets them all.
#pragma once

#include <string>

#include <strata/strata.hpp>

namespace env100 {

using limit_t = strata::annotated<int, strata::range<1, 100000>>;

struct Network {
  limit_t limit_00 = 1;
  double ratio_01 = 0.51;
  bool flag_02 = false;
  std::string label_03 = "default";
  limit_t limit_04 = 41;
  double ratio_05 = 0.55;
  bool flag_06 = false;
  std::string label_07 = "default";
  limit_t limit_08 = 81;
  double ratio_09 = 0.59;
  bool flag_10 = false;
  std::string label_11 = "default";
  limit_t limit_12 = 121;
  double ratio_13 = 0.63;
  bool flag_14 = false;
  std::string label_15 = "default";
  limit_t limit_16 = 161;
  double ratio_17 = 0.67;
  bool flag_18 = false;
  std::string label_19 = "default";
  limit_t limit_20 = 201;
  double ratio_21 = 0.71;
  bool flag_22 = false;
  std::string label_23 = "default";
  limit_t limit_24 = 241;
};
BOOST_DESCRIBE_STRUCT(Network, (),
                      (limit_00, ratio_01, flag_02, label_03, limit_04, ratio_05, flag_06, label_07,
                       limit_08, ratio_09, flag_10, label_11, limit_12, ratio_13, flag_14, label_15,
                       limit_16, ratio_17, flag_18, label_19, limit_20, ratio_21, flag_22, label_23,
                       limit_24))

struct Storage {
  limit_t limit_00 = 1;
  double ratio_01 = 0.51;
  bool flag_02 = false;
  std::string label_03 = "default";
  limit_t limit_04 = 41;
  double ratio_05 = 0.55;
  bool flag_06 = false;
  std::string label_07 = "default";
  limit_t limit_08 = 81;
  double ratio_09 = 0.59;
  bool flag_10 = false;
  std::string label_11 = "default";
  limit_t limit_12 = 121;
  double ratio_13 = 0.63;
  bool flag_14 = false;
  std::string label_15 = "default";
  limit_t limit_16 = 161;
  double ratio_17 = 0.67;
  bool flag_18 = false;
  std::string label_19 = "default";
  limit_t limit_20 = 201;
  double ratio_21 = 0.71;
  bool flag_22 = false;
  std::string label_23 = "default";
  limit_t limit_24 = 241;
};
BOOST_DESCRIBE_STRUCT(Storage, (),
                      (limit_00, ratio_01, flag_02, label_03, limit_04, ratio_05, flag_06, label_07,
                       limit_08, ratio_09, flag_10, label_11, limit_12, ratio_13, flag_14, label_15,
                       limit_16, ratio_17, flag_18, label_19, limit_20, ratio_21, flag_22, label_23,
                       limit_24))

struct Compute {
  limit_t limit_00 = 1;
  double ratio_01 = 0.51;
  bool flag_02 = false;
  std::string label_03 = "default";
  limit_t limit_04 = 41;
  double ratio_05 = 0.55;
  bool flag_06 = false;
  std::string label_07 = "default";
  limit_t limit_08 = 81;
  double ratio_09 = 0.59;
  bool flag_10 = false;
  std::string label_11 = "default";
  limit_t limit_12 = 121;
  double ratio_13 = 0.63;
  bool flag_14 = false;
  std::string label_15 = "default";
  limit_t limit_16 = 161;
  double ratio_17 = 0.67;
  bool flag_18 = false;
  std::string label_19 = "default";
  limit_t limit_20 = 201;
  double ratio_21 = 0.71;
  bool flag_22 = false;
  std::string label_23 = "default";
  limit_t limit_24 = 241;
};
BOOST_DESCRIBE_STRUCT(Compute, (),
                      (limit_00, ratio_01, flag_02, label_03, limit_04, ratio_05, flag_06, label_07,
                       limit_08, ratio_09, flag_10, label_11, limit_12, ratio_13, flag_14, label_15,
                       limit_16, ratio_17, flag_18, label_19, limit_20, ratio_21, flag_22, label_23,
                       limit_24))

struct Telemetry {
  limit_t limit_00 = 1;
  double ratio_01 = 0.51;
  bool flag_02 = false;
  std::string label_03 = "default";
  limit_t limit_04 = 41;
  double ratio_05 = 0.55;
  bool flag_06 = false;
  std::string label_07 = "default";
  limit_t limit_08 = 81;
  double ratio_09 = 0.59;
  bool flag_10 = false;
  std::string label_11 = "default";
  limit_t limit_12 = 121;
  double ratio_13 = 0.63;
  bool flag_14 = false;
  std::string label_15 = "default";
  limit_t limit_16 = 161;
  double ratio_17 = 0.67;
  bool flag_18 = false;
  std::string label_19 = "default";
  limit_t limit_20 = 201;
  double ratio_21 = 0.71;
  bool flag_22 = false;
  std::string label_23 = "default";
  limit_t limit_24 = 241;
};
BOOST_DESCRIBE_STRUCT(Telemetry, (),
                      (limit_00, ratio_01, flag_02, label_03, limit_04, ratio_05, flag_06, label_07,
                       limit_08, ratio_09, flag_10, label_11, limit_12, ratio_13, flag_14, label_15,
                       limit_16, ratio_17, flag_18, label_19, limit_20, ratio_21, flag_22, label_23,
                       limit_24))

struct Config {
  Network network;
  Storage storage;
  Compute compute;
  Telemetry telemetry;
};
BOOST_DESCRIBE_STRUCT(Config, (), (network, storage, compute, telemetry))
STRATA_CONFIGURED(Config, {.prefix = "APP100_", .mapping = strata::mapping::tree})

}  // namespace env100
