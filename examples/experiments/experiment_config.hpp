// The ADR's split in one struct: experiment settings composed from groups
// (model, training, data) and swept, beside deployment settings.
#pragma once

#include <string>
#include <variant>

#include <strata/strata.hpp>

namespace experiments {

struct Model {
  std::string name;
  strata::annotated<int, strata::min<1>> width = 64;
};
BOOST_DESCRIBE_STRUCT(Model, (), (name, width))

struct Sgd {
  strata::annotated<double, strata::range<0.0, 1.0>> momentum = 0.0;
};
BOOST_DESCRIBE_STRUCT(Sgd, (), (momentum))
struct Adam {
  double beta1 = 0.9;
  double beta2 = 0.999;
};
BOOST_DESCRIBE_STRUCT(Adam, (), (beta1, beta2))

struct Training {
  strata::annotated<double, strata::range<1e-6, 1.0>> lr = 0.1;
  strata::annotated<int, strata::range<1, 4096>> batch_size = 32;
  strata::annotated<int, strata::min<1>> epochs = 1;
  strata::annotated<std::variant<Sgd, Adam>, strata::discriminator<"kind">> optimizer;
};
BOOST_DESCRIBE_STRUCT(Training, (), (lr, batch_size, epochs, optimizer))

struct Data {
  std::string name;
  strata::annotated<int, strata::min<1>> samples = 1;
};
BOOST_DESCRIBE_STRUCT(Data, (), (name, samples))

struct Deployment {
  std::string service = "trainer";
  std::string log_level = "info";
};
BOOST_DESCRIBE_STRUCT(Deployment, (), (service, log_level))

struct ExperimentConfig {
  Model model;
  Training training;
  Data data;
  Deployment deployment;
};
BOOST_DESCRIBE_STRUCT(ExperimentConfig, (), (model, training, data, deployment))

}  // namespace experiments
