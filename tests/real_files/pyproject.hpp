// pyproject.toml: one file, several readers. The build front end reads
// [build-system] (PEP 518), [project] (PEP 621, the "Declaring project
// metadata" specification) and [dependency-groups] (PEP 735); Black reads
// [tool.black] (https://black.readthedocs.io/en/stable/usage_and_configuration/
// the_basics.html#configuration-via-a-file); every other [tool.x] is another
// program's.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <strata/declare/any_table.hpp>
#include <strata/strata.hpp>

namespace pyproject {

struct BuildSystem {
  strata::annotated<std::vector<std::string>, strata::non_empty> requires_;  // `requires`: a C++ keyword
  std::string build_backend;
  std::vector<std::string> backend_path;
};
BOOST_DESCRIBE_STRUCT(BuildSystem, (), (requires_, build_backend, backend_path))
STRATA_CONFIGURED(BuildSystem, {.keys = strata::naming::kebab_case})

struct Person {
  std::string name;
  std::string email;
};
BOOST_DESCRIBE_STRUCT(Person, (), (name, email))

/// `license = { text = "MIT" }` or `{ file = "LICENSE" }` (before PEP 639's plain string).
struct LicenseTable {
  std::string text;
  std::string file;
};
BOOST_DESCRIBE_STRUCT(LicenseTable, (), (text, file))

struct Readme {
  std::string file;
  std::string text;
  std::string content_type;
};
BOOST_DESCRIBE_STRUCT(Readme, (), (file, text, content_type))
STRATA_CONFIGURED(Readme, {.keys = strata::naming::kebab_case})

enum class Dynamic { version, description, readme, requires_python, license, authors, maintainers, keywords,
                     classifiers, urls, scripts, gui_scripts, entry_points, dependencies, optional_dependencies };
BOOST_DESCRIBE_ENUM(Dynamic, version, description, readme, requires_python, license, authors, maintainers, keywords,
                    classifiers, urls, scripts, gui_scripts, entry_points, dependencies, optional_dependencies)
STRATA_ENUM(Dynamic, strata::naming::kebab_case)

struct Project {
  strata::annotated<std::string, strata::required, strata::pattern<"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?">> name;
  std::string version;
  std::string description;
  std::variant<std::string, Readme> readme;
  std::string requires_python;
  std::variant<std::string, LicenseTable> license;
  std::vector<std::string> license_files;
  std::vector<Person> authors, maintainers;
  std::vector<std::string> keywords, classifiers;
  std::map<std::string, std::string> urls;
  std::map<std::string, std::string> scripts, gui_scripts;
  std::map<std::string, std::map<std::string, std::string>> entry_points;
  std::vector<std::string> dependencies;
  std::map<std::string, std::vector<std::string>> optional_dependencies;
  std::vector<Dynamic> dynamic;
};
BOOST_DESCRIBE_STRUCT(Project, (), (name, version, description, readme, requires_python, license, license_files,
                                    authors, maintainers, keywords, classifiers, urls, scripts, gui_scripts,
                                    entry_points, dependencies, optional_dependencies, dynamic))
STRATA_CONFIGURED(Project, {.keys = strata::naming::kebab_case})

/// `{ include-group = "tests" }` in a dependency group.
struct IncludeGroup {
  std::string include_group;
};
BOOST_DESCRIBE_STRUCT(IncludeGroup, (), (include_group))
STRATA_CONFIGURED(IncludeGroup, {.keys = strata::naming::kebab_case})

enum class PythonVersion { py33, py34, py35, py36, py37, py38, py39, py310, py311, py312, py313, py314 };
BOOST_DESCRIBE_ENUM(PythonVersion, py33, py34, py35, py36, py37, py38, py39, py310, py311, py312, py313, py314)

/// Black's options; its regular expressions are written as TOML literal strings.
struct Black {
  strata::annotated<int, strata::min<1>> line_length = 88;
  std::vector<PythonVersion> target_version;
  std::string include = R"((\.pyi?|\.ipynb)$)";
  std::string exclude;
  std::string extend_exclude;
  std::string force_exclude;
  bool skip_string_normalization = false;
  bool skip_magic_trailing_comma = false;
  bool preview = false;
  bool unstable = false;
  std::string required_version;
};
BOOST_DESCRIBE_STRUCT(Black, (), (line_length, target_version, include, exclude, extend_exclude, force_exclude,
                                  skip_string_normalization, skip_magic_trailing_comma, preview, unstable,
                                  required_version))
STRATA_CONFIGURED(Black, {.section = "tool.black", .keys = strata::naming::kebab_case})

/// [tool]: Black's table typed; the other tools' kept as they are.
struct Tools {
  std::optional<Black> black;
  strata::any_table hatch, cibuildwheel, isort, pytest, coverage, mypy;
};
BOOST_DESCRIBE_STRUCT(Tools, (), (black, hatch, cibuildwheel, isort, pytest, coverage, mypy))
STRATA_CONFIGURED(Tools, {.unknown_keys = strata::unknown_keys::ignore})

/// The whole file, as a packaging tool reads it.
struct Pyproject {
  BuildSystem build_system;
  Project project;
  std::map<std::string, std::vector<std::variant<std::string, IncludeGroup>>> dependency_groups;
  Tools tool;
};
BOOST_DESCRIBE_STRUCT(Pyproject, (), (build_system, project, dependency_groups, tool))
STRATA_CONFIGURED(Pyproject, {.keys = strata::naming::kebab_case})
}  // namespace pyproject
