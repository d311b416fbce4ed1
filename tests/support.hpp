// tests/support.hpp: small helpers shared by the test files: loading from
// TOML text, finding diagnostics, temporary files and a strict JSON reader.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unistd.h>
#include <utility>
#include <variant>
#include <vector>

#include <doctest/doctest.h>
#include <strata/tools.hpp>

namespace strata_test {

/// Loads T from one in-memory TOML document named `name`.
template <class T>
strata::result<T> load_toml(std::string text, std::string name = "config.toml") {
  return strata::configuration(strata::toml_text(std::move(text), std::move(name))).load<T>();
}

/// The diagnostics whose path is exactly `path`.
inline std::vector<strata::diagnostic> at(const std::vector<strata::diagnostic>& list, std::string_view path) {
  std::vector<strata::diagnostic> out;
  for (const auto& d : list)
    if (d.path == path) out.push_back(d);
  return out;
}

/// The only diagnostic at `path`; fails the test when there is not exactly one.
inline strata::diagnostic only_at(const std::vector<strata::diagnostic>& list, std::string_view path) {
  const auto found = at(list, path);
  INFO("diagnostics:\n" << strata::format(list));
  REQUIRE_MESSAGE(found.size() == 1, "expected exactly one diagnostic at '" << std::string(path) << "'");
  return found.front();
}

inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

/// A fresh directory under the system temp dir, removed with its contents.
class temp_dir {
 public:
  temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "strata-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  /// Writes `text` to `name` inside the directory and returns its full path.
  std::filesystem::path write(const std::string& name, std::string_view text) const {
    const std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << text;
    out.close();
    REQUIRE_MESSAGE(out.good(), "cannot write " << file.string());
    return file;
  }

 private:
  std::filesystem::path path_;
};

// --- a strict JSON reader, to check machine output structurally ------------

struct json;
using json_array = std::vector<json>;
using json_object = std::map<std::string, json>;

struct json {
  std::variant<std::nullptr_t, bool, double, std::string, json_array, json_object> v;

  bool is_string() const { return std::holds_alternative<std::string>(v); }
  bool is_number() const { return std::holds_alternative<double>(v); }
  bool is_array() const { return std::holds_alternative<json_array>(v); }
  bool is_object() const { return std::holds_alternative<json_object>(v); }
  const std::string& str() const { return std::get<std::string>(v); }
  double num() const { return std::get<double>(v); }
  const json_array& arr() const { return std::get<json_array>(v); }
  const json_object& obj() const { return std::get<json_object>(v); }
  const json& operator[](const std::string& key) const { return obj().at(key); }
  const json& operator[](std::size_t i) const { return arr().at(i); }
};

/// Parses a complete JSON document; nullopt on any syntax error or trailing text.
class json_reader {
 public:
  static std::optional<json> parse(std::string_view text) {
    json_reader r(text);
    try {
      json value = r.value();
      r.space();
      if (r.i_ != r.s_.size()) return std::nullopt;
      return value;
    } catch (const std::invalid_argument&) {
      return std::nullopt;
    }
  }

 private:
  explicit json_reader(std::string_view s) : s_(s) {}

  [[noreturn]] static void bad() { throw std::invalid_argument("json"); }
  void space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  char peek() {
    space();
    if (i_ >= s_.size()) bad();
    return s_[i_];
  }
  void expect(char c) {
    if (peek() != c) bad();
    ++i_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  json value() {
    const char c = peek();
    if (c == '{') return object();
    if (c == '[') return array();
    if (c == '"') return json{string()};
    if (literal("true")) return json{true};
    if (literal("false")) return json{false};
    if (literal("null")) return json{nullptr};
    return number();
  }
  json object() {
    expect('{');
    json_object out;
    if (peek() == '}') return ++i_, json{std::move(out)};
    for (;;) {
      if (peek() != '"') bad();
      std::string key = string();
      expect(':');
      if (!out.emplace(std::move(key), value()).second) bad();  // duplicate key
      if (peek() == '}') return ++i_, json{std::move(out)};
      expect(',');
    }
  }
  json array() {
    expect('[');
    json_array out;
    if (peek() == ']') return ++i_, json{std::move(out)};
    for (;;) {
      out.push_back(value());
      if (peek() == ']') return ++i_, json{std::move(out)};
      expect(',');
    }
  }
  std::string string() {
    expect('"');
    std::string out;
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) bad();  // control characters must be escaped
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) bad();
      switch (s_[i_++]) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          if (i_ + 4 > s_.size()) bad();
          const unsigned long code = std::stoul(std::string(s_.substr(i_, 4)), nullptr, 16);
          i_ += 4;
          if (code >= 0x80) bad();  // the reports only escape control characters
          out += static_cast<char>(code);
          break;
        }
        default: bad();
      }
    }
    bad();
  }
  json number() {
    const std::size_t start = i_;
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    while (i_ < s_.size() && ((s_[i_] >= '0' && s_[i_] <= '9') || s_[i_] == '.' || s_[i_] == 'e' ||
                              s_[i_] == 'E' || s_[i_] == '+' || s_[i_] == '-'))
      ++i_;
    if (i_ == start) bad();
    try {
      return json{std::stod(std::string(s_.substr(start, i_ - start)))};
    } catch (const std::exception&) {
      bad();
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace strata_test
