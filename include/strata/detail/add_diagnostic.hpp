// strata/detail/add_diagnostic.hpp: how the engine's sources add a problem
// to a load's diagnostics. A diagnostic is five strings: built in place at
// each of the dozens of places a problem is found, its construction, the
// move into the vector and the destruction of the temporary would be
// inlined into every one of them, into functions every load goes through.
// One out-of-line function builds them all.
#pragma once

#include <string>
#include <string_view>

#include <strata/detail/cold.hpp>
#include <strata/report/diagnostic.hpp>

namespace strata::detail {

STRATA_COLD inline void add_diagnostic(diagnostics& out, severity sev, std::string_view path, std::string_view message,
                                       const origin& where, std::string_view hint = {}) {
  out.push_back({sev, std::string(path), std::string(message), where, std::string(hint)});
}

/// The same, for an origin that is a kind and a name (a file, a variable).
STRATA_COLD inline void add_diagnostic(diagnostics& out, severity sev, std::string_view path, std::string_view message,
                                       origin_kind kind, std::string_view name, std::string_view hint = {}) {
  out.push_back({sev, std::string(path), std::string(message), origin{kind, std::string(name)}, std::string(hint)});
}

}  // namespace strata::detail
