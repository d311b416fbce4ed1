// strata/report/diagnostic.hpp: what loading reports. Every problem comes
// back as one `diagnostic` with the path of the field and where its value came from.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace strata {

enum class severity { error, warning };

/// Which kind of source a value came from.
///   - `file`: `name` is a file (a layer read from it: TOML, YAML, a user
///     format) with `line`/`column` where the format has them;
///   - `env`: `name` is the variable; for one a dotenv file defined, `via`
///     is that file and `line`/`column` its place there;
///   - `args`, `overrides`: `name` is the `path=value` setting;
///   - `value`: a pinned `value<>`;
///   - `source`: a source that is not a file (a user's: a vault, a
///     database); `name` says where (`vault:secret/app#db.password`);
///   - `defaults`: no source set it.
enum class origin_kind { defaults, file, env, args, overrides, value, source };

/// Where a value (or a problem) came from.
struct origin {
  origin(origin_kind of_kind = origin_kind::defaults, std::string named = {}, int at_line = 0, int at_column = 0,
         std::string read_via = {})
      : kind(of_kind), name(std::move(named)), line(at_line), column(at_column), via(std::move(read_via)) {}

  origin_kind kind = origin_kind::defaults;
  std::string name;  ///< file path, env var name, the argument text, or a source's own name
  int line = 0;      ///< 1-based; 0 where there is none
  int column = 0;    ///< 1-based; 0 where there is none
  /// Interpolated file values: the variables read ("REDIS_PORT"); env
  /// values a dotenv file defined: that file (".env").
  std::string via;

  friend bool operator==(const origin&, const origin&) = default;
};

/// One problem found while loading or validating.
struct diagnostic {
  strata::severity severity = severity::error;
  std::string path;     ///< "db.port", "origins[2]"; empty for a whole source
  std::string message;  ///< never contains a secret value
  strata::origin origin;
  std::string hint;     ///< "did you mean 'port'?" (may be empty)

  friend bool operator==(const diagnostic&, const diagnostic&) = default;
};

using diagnostics = std::vector<diagnostic>;

constexpr std::string_view to_string(severity s) {
  return s == severity::error ? "error" : "warning";
}

constexpr std::string_view to_string(origin_kind k) {
  switch (k) {
    case origin_kind::defaults: return "defaults";
    case origin_kind::file: return "file";
    case origin_kind::env: return "env";
    case origin_kind::args: return "args";
    case origin_kind::overrides: return "overrides";
    case origin_kind::value: return "value";
    case origin_kind::source: return "source";
  }
  return "defaults";
}

}  // namespace strata
