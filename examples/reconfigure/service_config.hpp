// examples/reconfigure/service_config.hpp: the application configuration of
// the service (seeds/001's Hydra config: `app` and `ml`), declared for strata.
#pragma once

#include <string>

#include <strata/strata.hpp>

namespace serve {

struct App {
  std::string message = "Hello from strata!";
  strata::annotated<int, strata::range<1, 5>, strata::doc<"times the message is repeated">> repeat = 1;
};
BOOST_DESCRIBE_STRUCT(App, (), (message, repeat))

struct Ml {
  strata::annotated<std::string, strata::non_empty, strata::doc<"model to serve">> model_name = "resnet50";
  strata::annotated<double, strata::range<0.0, 1.0>, strata::doc<"score at which a label is positive">> threshold =
      0.85;
};
BOOST_DESCRIBE_STRUCT(Ml, (), (model_name, threshold))

struct Auth {
  strata::annotated<std::string, strata::secret, strata::min_length<16>> api_key;
};
BOOST_DESCRIBE_STRUCT(Auth, (), (api_key))

struct ServiceConfig {
  App app;
  Ml ml;
  Auth auth;

  void validate(strata::validation& v) const {
    if (ml.model_name->starts_with("experimental/") && *ml.threshold < 0.9)
      v.error("ml.threshold", "experimental models need a threshold of at least 0.9");
  }
};
BOOST_DESCRIBE_STRUCT(ServiceConfig, (), (app, ml, auth))
STRATA_CONFIGURED(ServiceConfig, {.prefix = "SERVE_"})

}  // namespace serve
