// strata/load.hpp: everything the translation unit that loads configuration
// needs: sources, `configuration`, `result<T>`, reports. Config structs
// include only the cheap <strata/strata.hpp>.
#pragma once

#include <strata/strata.hpp>

#include <strata/configuration.hpp>
#include <strata/report/format.hpp>
#include <strata/report/result.hpp>
#include <strata/schema/check.hpp>
#include <strata/schema/env_names.hpp>
#include <strata/sources/env.hpp>
#include <strata/sources/overrides.hpp>
#include <strata/sources/profile.hpp>
#include <strata/sources/toml.hpp>
#include <strata/tools/dump.hpp>
#include <strata/tools/explain.hpp>
#include <strata/tools/reference.hpp>
#include <strata/tools/schema.hpp>
#include <strata/validate/valid.hpp>
