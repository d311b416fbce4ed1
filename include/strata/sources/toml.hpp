// strata/sources/toml.hpp: the TOML sources, `toml_file`, `toml_text` and
// `toml_table`. Composition (a file that begins with `defaults = ["base",
// "model/large"]` loads those files first) and reading are in toml.ipp.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace toml {
inline namespace v3 {
class table;
}
}  // namespace toml

namespace strata {

/// Tag for `toml_file(path, strata::optional)`: a missing file is skipped.
struct optional_t {
  explicit constexpr optional_t() = default;
};
inline constexpr optional_t optional{};

namespace detail {
/// The TOML files of a folder, by name without extension.
std::vector<std::string> toml_files_in(const std::filesystem::path& dir);
}  // namespace detail

/// A TOML file. Missing is an error unless `strata::optional` is given.
class toml_file {
 public:
  explicit toml_file(std::filesystem::path path) : path_(std::move(path)) {}
  toml_file(std::filesystem::path path, optional_t) : path_(std::move(path)), optional_(true) {}

  const std::filesystem::path& path() const noexcept { return path_; }
  bool is_optional() const noexcept { return optional_; }

 private:
  std::filesystem::path path_;
  bool optional_ = false;
};

/// TOML held in memory; `name` stands for the file in origins and messages.
class toml_text {
 public:
  toml_text(std::string text, std::string name = "<text>") : text_(std::move(text)), name_(std::move(name)) {}

  const std::string& text() const noexcept { return text_; }
  const std::string& name() const noexcept { return name_; }

 private:
  std::string text_;
  std::string name_;
};

/// A table already parsed by toml++ (an application's own file, a network
/// payload; parse it with `<toml++/toml.h>`). Shared, not copied: every load
/// reads it in place, and origins carry its nodes' source positions under
/// `name`.
class toml_table {
 public:
  toml_table(std::shared_ptr<const toml::table> table, std::string name = "<table>")
      : table_(std::move(table)), name_(std::move(name)) {}
  /// Takes the table over.
  toml_table(toml::table&& table, std::string name = "<table>");

  const std::shared_ptr<const toml::table>& table() const noexcept { return table_; }
  const std::string& name() const noexcept { return name_; }

 private:
  std::shared_ptr<const toml::table> table_;
  std::string name_;
};

}  // namespace strata
