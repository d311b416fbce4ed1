// strata/sources/toml.hpp: the TOML sources, `toml_file` and `toml_text`.
#pragma once

#include <cerrno>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include <fmt/format.h>

#include <strata/decode/layer.hpp>
#include <strata/report/diagnostic.hpp>

namespace strata {

/// Tag for `toml_file(path, strata::optional)`: a missing file is skipped.
struct optional_t {
  explicit constexpr optional_t() = default;
};
inline constexpr optional_t optional{};

namespace detail {

/// Parses `text` into a new layer, or reports the syntax error with its position.
inline void read_toml(std::string_view text, std::string name, std::deque<layer>& layers, diagnostics& out) {
  try {
    toml::table root = toml::parse(text, std::string_view(name));
    layers.push_back(layer{origin_kind::file, std::move(name), std::move(root), {}});
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    out.push_back({severity::error, {}, fmt::format("invalid TOML: {}", e.description()),
                   origin{origin_kind::file, std::move(name), static_cast<int>(at.line), static_cast<int>(at.column)},
                   {}});
  }
}

}  // namespace detail

/// A TOML file. Missing is an error unless `strata::optional` is given.
class toml_file {
 public:
  explicit toml_file(std::filesystem::path path) : path_(std::move(path)) {}
  toml_file(std::filesystem::path path, optional_t) : path_(std::move(path)), optional_(true) {}

  const std::filesystem::path& path() const noexcept { return path_; }
  bool is_optional() const noexcept { return optional_; }

  void read(std::deque<detail::layer>& layers, diagnostics& out) const {
    const std::string name = path_.string();
    std::error_code ec;
    const bool exists = std::filesystem::exists(path_, ec);
    if (!exists) {
      if (!optional_)
        out.push_back({severity::error, {}, "required configuration file not found", origin{origin_kind::file, name},
                       "pass strata::optional to toml_file() if the file may be absent"});
      return;
    }
    if (std::filesystem::is_directory(path_, ec)) {
      out.push_back({severity::error, {}, "is a directory, not a TOML file", origin{origin_kind::file, name}, {}});
      return;
    }
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in || (!text && in.peek() != EOF)) {
      out.push_back({severity::error, {}, fmt::format("cannot read the file: {}", std::strerror(errno)),
                     origin{origin_kind::file, name}, {}});
      return;
    }
    detail::read_toml(text.str(), name, layers, out);
  }

 private:
  std::filesystem::path path_;
  bool optional_ = false;
};

/// TOML held in memory; `name` stands for the file in origins and messages.
class toml_text {
 public:
  toml_text(std::string text, std::string name = "<text>") : text_(std::move(text)), name_(std::move(name)) {}

  void read(std::deque<detail::layer>& layers, diagnostics& out) const {
    detail::read_toml(text_, name_, layers, out);
  }

 private:
  std::string text_;
  std::string name_;
};

}  // namespace strata
