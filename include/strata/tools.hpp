// strata/tools.hpp: the tools over a configuration type: `to_toml` /
// `to_json` dumps, `explain`, `json_schema`, `env_reference`, `sample_toml`.
// The command-line front end is <strata/tools/cli.hpp>.
#pragma once

#include <strata/load.hpp>
#include <strata/tools/dump.hpp>
#include <strata/tools/explain.hpp>
#include <strata/tools/reference.hpp>
#include <strata/tools/schema.hpp>
