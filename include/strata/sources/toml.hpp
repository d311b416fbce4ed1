// strata/sources/toml.hpp: the TOML sources, `toml_file`, `toml_text` and
// `toml_table`, on the source interface (sources/source.hpp). Reading is in
// toml.ipp; composition through `defaults` lists, common to every file
// format, in compose.ipp.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <strata/sources/source.hpp>

namespace toml {
inline namespace v3 {
class table;
}
}  // namespace toml

namespace strata {

namespace detail {
/// The configuration files of a folder (TOML and every registered format),
/// by name without extension, sorted, each name once.
std::vector<std::string> config_files_in(const std::filesystem::path& dir);
}  // namespace detail

/// A TOML file. Missing is an error unless `strata::optional` is given;
/// `strata::no_interpolation` reads its `${...}` (and that of the files it
/// composes) as text. Its `defaults` list composes other files
/// (docs/profiles.md).
class toml_file {
 public:
  explicit toml_file(std::filesystem::path path) : path_(std::move(path)) {}
  toml_file(std::filesystem::path path, optional_t) : path_(std::move(path)), optional_(true) {}
  toml_file(std::filesystem::path path, no_interpolation_t) : path_(std::move(path)), interpolates_(false) {}
  toml_file(std::filesystem::path path, optional_t, no_interpolation_t)
      : path_(std::move(path)), optional_(true), interpolates_(false) {}

  const std::filesystem::path& path() const noexcept { return path_; }
  bool is_optional() const noexcept { return optional_; }
  /// Whether `${...}` in the file's strings is interpolated.
  bool interpolates() const noexcept { return interpolates_; }

  void read(source_context& ctx) const;

 private:
  std::filesystem::path path_;
  bool optional_ = false;
  bool interpolates_ = true;
};

/// TOML held in memory; `name` stands for the file in origins and messages.
class toml_text {
 public:
  toml_text(std::string text, std::string name = "<text>") : text_(std::move(text)), name_(std::move(name)) {}
  toml_text(std::string text, std::string name, no_interpolation_t)
      : text_(std::move(text)), name_(std::move(name)), interpolates_(false) {}

  const std::string& text() const noexcept { return text_; }
  const std::string& name() const noexcept { return name_; }
  /// Whether `${...}` in the text's strings is interpolated.
  bool interpolates() const noexcept { return interpolates_; }

  void read(source_context& ctx) const;

 private:
  std::string text_;
  std::string name_;
  bool interpolates_ = true;
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

  void read(source_context& ctx) const;

 private:
  std::shared_ptr<const toml::table> table_;
  std::string name_;
};

}  // namespace strata
