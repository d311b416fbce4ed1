// examples/manifest/manifest.hpp: a Cargo-like package manifest, declared
// the way the file is written (kebab-case keys, `"2021"` editions, a
// dependency that is a version string or a table, a `debug` that is a
// number, a name or a boolean, a free-form [package.metadata]).
//
// The declaration header stays cheap: <strata/strata.hpp>, and
// <strata/declare/any_table.hpp> for the one free-form field.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <strata/declare/any_table.hpp>
#include <strata/strata.hpp>

namespace manifest {

enum class Edition { e2015, e2018, e2021, e2024 };
BOOST_DESCRIBE_ENUM(Edition, e2015, e2018, e2021, e2024)
STRATA_ENUM(Edition, strata::enumerator<Edition::e2015, "2015">, strata::enumerator<Edition::e2018, "2018">,
            strata::enumerator<Edition::e2021, "2021">, strata::enumerator<Edition::e2024, "2024">)

/// `name = { version = "1.0", features = ["derive"] }`.
struct Dependency {
  std::string version;
  std::string path;
  std::string git;
  std::vector<std::string> features;
  bool optional = false;
  bool default_features = true;
};
BOOST_DESCRIBE_STRUCT(Dependency, (), (version, path, git, features, optional, default_features))
STRATA_CONFIGURED(Dependency, {.keys = strata::naming::kebab_case})

/// `name = "1.0"` (a version) or a table: the shape of the value decides.
using Dependencies = std::map<std::string, std::variant<std::string, Dependency>>;

enum class DebugLevel { none, line_tables_only, limited, full };
BOOST_DESCRIBE_ENUM(DebugLevel, none, line_tables_only, limited, full)
STRATA_ENUM(DebugLevel, strata::naming::kebab_case)  // "line-tables-only"

struct Profile {
  std::string inherits;
  /// 0 to 3, or "s" / "z" (optimise for size).
  std::optional<std::variant<strata::annotated<int, strata::range<0, 3>>, std::string>> opt_level;
  /// `debug = 1`, `debug = "line-tables-only"` or `debug = false`.
  std::optional<std::variant<bool, strata::annotated<int, strata::range<0, 2>>, DebugLevel>> debug;
  std::optional<bool> lto;
  std::optional<strata::annotated<int, strata::min<1>>> codegen_units;
};
BOOST_DESCRIBE_STRUCT(Profile, (), (inherits, opt_level, debug, lto, codegen_units))
STRATA_CONFIGURED(Profile, {.keys = strata::naming::kebab_case})

struct Package {
  strata::annotated<std::string, strata::required, strata::pattern<"[a-zA-Z][a-zA-Z0-9_-]*">> name;
  strata::annotated<std::string, strata::required> version;
  Edition edition = Edition::e2015;
  std::optional<std::string> rust_version;
  std::vector<std::string> authors;
  std::string license;
  bool publish = true;
  strata::any_table metadata;  // other tools' settings ([package.metadata.deb]), kept as written
};
BOOST_DESCRIBE_STRUCT(Package, (), (name, version, edition, rust_version, authors, license, publish, metadata))
// Cargo warns about keys it does not know rather than refusing the manifest.
STRATA_CONFIGURED(Package, {.keys = strata::naming::kebab_case, .unknown_keys = strata::unknown_keys::warn})

struct Manifest {
  Package package;
  Dependencies dependencies;
  Dependencies dev_dependencies;
  std::map<std::string, std::vector<std::string>> features;
  std::map<std::string, Profile> profile;
};
BOOST_DESCRIBE_STRUCT(Manifest, (), (package, dependencies, dev_dependencies, features, profile))
STRATA_CONFIGURED(Manifest, {.prefix = "MANIFEST_", .mapping = strata::mapping::tree,
                             .keys = strata::naming::kebab_case})

}  // namespace manifest
