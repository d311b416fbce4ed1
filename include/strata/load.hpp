// strata/load.hpp: what the translation unit that loads configuration
// needs: the built-in sources (but YAML, <strata/sources/yaml.hpp>), the
// source interface, `configuration`, `result<T>`, reports. Config structs
// include only the cheap <strata/strata.hpp>; the tools (dump, schema,
// env reference, explain) are in <strata/tools.hpp>. The engine these
// declarations call is compiled where <strata/src.hpp> is included, once per
// program.
#pragma once

#include <strata/strata.hpp>

#include <strata/configuration.hpp>
#include <strata/report/format.hpp>
#include <strata/report/result.hpp>
#include <strata/schema/check.hpp>
#include <strata/schema/env_names.hpp>
#include <strata/sources/dotenv.hpp>
#include <strata/sources/env.hpp>
#include <strata/sources/overrides.hpp>
#include <strata/sources/profile.hpp>
#include <strata/sources/secrets_dir.hpp>
#include <strata/sources/source.hpp>
#include <strata/sources/toml.hpp>
#include <strata/validate/valid.hpp>
