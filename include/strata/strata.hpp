// strata/strata.hpp: the declaration header. Config structs include this and
// nothing heavier; loading lives in <strata/load.hpp>.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <strata/declare/annotated.hpp>
#include <strata/declare/annotations.hpp>
#include <strata/declare/codec.hpp>
#include <strata/declare/configured.hpp>
#include <strata/declare/fixed_string.hpp>
#include <strata/validate/validation.hpp>
