// A Cargo manifest, as https://doc.rust-lang.org/cargo/reference/manifest.html
// documents it: kebab-case keys, string-or-table dependencies,
// `x.workspace = true` inheritance, profiles whose `debug` is a number, a
// name or a boolean, and the free-form [package.metadata].
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <strata/declare/any_table.hpp>
#include <strata/strata.hpp>

namespace cargo {

/// `edition.workspace = true`: the value comes from [workspace.package].
struct Inherited {
  bool workspace = false;
};
BOOST_DESCRIBE_STRUCT(Inherited, (), (workspace))

enum class Edition { e2015, e2018, e2021, e2024 };
BOOST_DESCRIBE_ENUM(Edition, e2015, e2018, e2021, e2024)
STRATA_ENUM(Edition, strata::enumerator<Edition::e2015, "2015">, strata::enumerator<Edition::e2018, "2018">,
            strata::enumerator<Edition::e2021, "2021">, strata::enumerator<Edition::e2024, "2024">)

template <class T>
using inheritable = std::variant<T, Inherited>;

struct Dependency {
  std::string version;
  std::string path;
  std::string git, branch, tag, rev;
  std::string package;
  std::string registry;
  std::vector<std::string> features;
  bool optional = false;
  bool default_features = true;
  bool workspace = false;
};
BOOST_DESCRIBE_STRUCT(Dependency, (), (version, path, git, branch, tag, rev, package, registry, features, optional,
                                       default_features, workspace))
STRATA_CONFIGURED(Dependency, {.keys = strata::naming::kebab_case})

/// `anyhow = "1.0"` or `grep = { version = "0.4", path = "crates/grep" }`.
using Dependencies = std::map<std::string, std::variant<std::string, Dependency>>;

struct Package {
  strata::annotated<std::string, strata::required> name;
  inheritable<std::string> version = std::string("0.0.0");
  std::vector<std::string> authors;
  std::string description;
  std::string documentation, homepage, repository, readme;
  strata::annotated<std::vector<std::string>, strata::max_length<5>> keywords;
  std::vector<std::string> categories;
  std::string license;
  std::vector<std::string> exclude, include;
  std::variant<bool, std::string> build = true;
  bool autotests = true, autobins = true, autoexamples = true, autobenches = true;
  inheritable<Edition> edition = Edition::e2015;
  std::optional<inheritable<std::string>> rust_version;
  bool publish = true;
  strata::any_table metadata;  // for other tools (cargo-deb's [package.metadata.deb])
};
BOOST_DESCRIBE_STRUCT(Package, (), (name, version, authors, description, documentation, homepage, repository, readme,
                                    keywords, categories, license, exclude, include, build, autotests, autobins,
                                    autoexamples, autobenches, edition, rust_version, publish, metadata))
STRATA_CONFIGURED(Package, {.keys = strata::naming::kebab_case})

/// [[bin]], [[test]], [[bench]], [[example]], [lib].
struct Target {
  std::string name;
  std::string path;
  bool test = true, bench = true, doc = true, harness = true;
  std::vector<std::string> required_features;
};
BOOST_DESCRIBE_STRUCT(Target, (), (name, path, test, bench, doc, harness, required_features))
STRATA_CONFIGURED(Target, {.keys = strata::naming::kebab_case})

struct WorkspacePackage {
  std::optional<Edition> edition;
  std::optional<std::string> rust_version;
  std::optional<std::string> version;
  std::optional<std::string> license;
};
BOOST_DESCRIBE_STRUCT(WorkspacePackage, (), (edition, rust_version, version, license))
STRATA_CONFIGURED(WorkspacePackage, {.keys = strata::naming::kebab_case})

struct Workspace {
  std::vector<std::string> members, exclude;
  std::string resolver;
  WorkspacePackage package;
  Dependencies dependencies;
};
BOOST_DESCRIBE_STRUCT(Workspace, (), (members, exclude, resolver, package, dependencies))

/// [target.'cfg(...)'.dependencies] and friends.
struct PlatformDependencies {
  Dependencies dependencies, dev_dependencies, build_dependencies;
};
BOOST_DESCRIBE_STRUCT(PlatformDependencies, (), (dependencies, dev_dependencies, build_dependencies))
STRATA_CONFIGURED(PlatformDependencies, {.keys = strata::naming::kebab_case})

enum class DebugLevel { none, line_directives_only, line_tables_only, limited, full };
BOOST_DESCRIBE_ENUM(DebugLevel, none, line_directives_only, line_tables_only, limited, full)
STRATA_ENUM(DebugLevel, strata::naming::kebab_case)

enum class Strip { none, debuginfo, symbols };
BOOST_DESCRIBE_ENUM(Strip, none, debuginfo, symbols)

enum class Lto { off, thin, fat };
BOOST_DESCRIBE_ENUM(Lto, off, thin, fat)

enum class Panic { unwind, abort };
BOOST_DESCRIBE_ENUM(Panic, unwind, abort)

struct Profile {
  std::string inherits;
  std::optional<std::variant<strata::annotated<int, strata::range<0, 3>>, std::string>> opt_level;  // 0-3, "s", "z"
  std::optional<std::variant<bool, strata::annotated<int, strata::range<0, 2>>, DebugLevel>> debug;
  std::optional<std::variant<bool, Strip>> strip;
  std::optional<bool> debug_assertions, overflow_checks, incremental, rpath;
  std::optional<std::variant<bool, Lto>> lto;
  std::optional<Panic> panic;
  std::optional<strata::annotated<int, strata::min<1>>> codegen_units;
};
BOOST_DESCRIBE_STRUCT(Profile, (), (inherits, opt_level, debug, strip, debug_assertions, overflow_checks,
                                    incremental, rpath, lto, panic, codegen_units))
STRATA_CONFIGURED(Profile, {.keys = strata::naming::kebab_case})

struct Manifest {
  Package package;
  std::vector<Target> bin;
  std::vector<Target> test;
  std::vector<Target> bench;
  std::vector<Target> example;
  std::optional<Target> lib;
  std::optional<Workspace> workspace;
  Dependencies dependencies, dev_dependencies, build_dependencies;
  std::map<std::string, PlatformDependencies> target;
  std::map<std::string, std::vector<std::string>> features;
  std::map<std::string, Profile> profile;
};
BOOST_DESCRIBE_STRUCT(Manifest, (), (package, bin, test, bench, example, lib, workspace, dependencies,
                                     dev_dependencies, build_dependencies, target, features, profile))
STRATA_CONFIGURED(Manifest, {.keys = strata::naming::kebab_case})
}  // namespace cargo
