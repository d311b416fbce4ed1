// Netlify's netlify.toml, as https://docs.netlify.com/configure-builds/file-based-configuration/
// documents it: build settings, deploy contexts, redirects and headers.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <strata/strata.hpp>

namespace netlify {

struct Processing {
  bool skip_processing = false;
};
BOOST_DESCRIBE_STRUCT(Processing, (), (skip_processing))

/// [build], and each [context.<name>] (which overrides it).
struct Build {
  std::string base;
  std::string publish;
  std::string command;
  std::string functions;
  std::string ignore;
  std::string edge_functions;
  std::map<std::string, std::string> environment;
  std::optional<Processing> processing;
};
BOOST_DESCRIBE_STRUCT(Build, (), (base, publish, command, functions, ignore, edge_functions, environment, processing))

struct Redirect {
  std::string from;
  std::string to;
  strata::annotated<int, strata::one_of<200, 301, 302, 303, 307, 308, 404, 410, 451>> status = 301;
  bool force = false;
  std::map<std::string, std::vector<std::string>> conditions;
};
BOOST_DESCRIBE_STRUCT(Redirect, (), (from, to, status, force, conditions))

struct Headers {
  std::string for_;  // `for`: a C++ keyword, so the trailing '_' is dropped from the key
  std::map<std::string, std::string> values;
};
BOOST_DESCRIBE_STRUCT(Headers, (), (for_, values))

struct Plugin {
  std::string package;
};
BOOST_DESCRIBE_STRUCT(Plugin, (), (package))

struct Site {
  Build build;
  std::map<std::string, Build> context;  // production, deploy-preview, branch-deploy, or a branch name
  std::vector<Redirect> redirects;
  std::vector<Headers> headers;
  std::vector<Plugin> plugins;
};
BOOST_DESCRIBE_STRUCT(Site, (), (build, context, redirects, headers, plugins))
}  // namespace netlify
