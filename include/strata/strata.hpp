// strata/strata.hpp: the declaration header. Config structs include this and
// nothing heavier; loading lives in <strata/load.hpp>.
//
// Besides strata's own names it provides the standard types a declaration
// commonly uses: std::string, std::vector, std::variant,
// std::filesystem::path and the std::chrono durations. Other field types
// (std::optional, std::map, std::unordered_map, ...) come from their own
// headers: every header here is paid by each translation unit that only
// uses the configuration (issue 9: declaring may cost at most 0.2 s over
// plain structs).
#pragma once

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

// libstdc++ declares the durations, clocks and chrono literals in
// <bits/chrono.h>, which <filesystem> includes anyway; the rest of <chrono>
// (C++20 calendar and time zones) is no declaration's business and costs
// about 30 ms. Other standard libraries: the standard header.
#if defined(__GLIBCXX__) && __has_include(<bits/chrono.h>)
#include <bits/chrono.h>
#else
#include <chrono>
#endif

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <strata/declare/annotated.hpp>
#include <strata/declare/annotations.hpp>
#include <strata/declare/codec.hpp>
#include <strata/declare/configured.hpp>
#include <strata/declare/enum_spelling.hpp>
#include <strata/declare/fixed_string.hpp>
#include <strata/validate/validation.hpp>
