// strata/sources/dotenv.ipp: Docker Compose's `.env` syntax.
//
//   # a comment                  blank lines and comments are skipped
//   export APP_PORT=8080         `export ` is allowed
//   APP_HOST=db.internal # note  unquoted: up to ` #`, trimmed; interpolated
//   APP_NAME="my \"app\"\n"      double quotes: \n \r \t \\ \" \$ escapes, may span lines; interpolated
//   APP_TOKEN='${not} expanded'  single quotes: literal (only \' is an escape), may span lines
//   APP_URL=http://${HOST:-localhost}:$PORT
//
// Interpolation follows Compose: `$NAME`, `${NAME}`, `${NAME:-default}`,
// `${NAME-default}`, `${NAME:?error}`, `${NAME?error}`, `${NAME:+alt}`,
// `${NAME+alt}` (defaults and alternatives nest), `$$` for a literal `$`. It
// reads the environment, then the variables set above.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <strata/detail/add_diagnostic.hpp>
#include <strata/detail/cold.hpp>
#include <strata/detail/message.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/sources/dotenv.hpp>
#include <strata/sources/source.ipp>

namespace strata {
namespace detail {

/// How deep `${A:-${B:-...}}` may nest, and how many references one value
/// may hold, before strata calls the file hostile.
inline constexpr int max_dotenv_nesting = 16;
inline constexpr std::size_t max_dotenv_references = 64;

constexpr bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
constexpr bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

class dotenv_parser {
 public:
  dotenv_parser(std::string_view text, std::string file, variables_context& ctx)
      : text_(text), file_(std::move(file)), ctx_(ctx) {}

  void parse() {
    while (pos_ < text_.size()) entry();
  }

 private:
  // --- reading ----------------------------------------------------------

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  int column() const { return static_cast<int>(pos_ - line_start_) + 1; }
  origin here() const { return origin{origin_kind::file, file_, line_, column()}; }
  void skip_blanks() {
    while (!at_end() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  /// Past the end of the current line.
  void next_line() {
    while (!at_end() && text_[pos_] != '\n') ++pos_;
    if (!at_end()) newline();
  }
  void newline() {
    ++pos_;
    ++line_;
    line_start_ = pos_;
  }
  bool at_line_end() const { return at_end() || peek() == '\n' || (peek() == '\r' && (pos_ + 1 == text_.size() || text_[pos_ + 1] == '\n')); }

  STRATA_COLD void error_here(std::string_view message, std::string_view hint = {}) {
    ctx_.error(message, here(), hint);
  }

  void entry() {
    skip_blanks();
    if (at_line_end() || peek() == '#') return next_line();
    const origin key_at = here();
    std::size_t key_begin = pos_;
    while (!at_end() && (is_name_char(peek()) || peek() == '.' || peek() == '-')) ++pos_;
    std::string_view key = text_.substr(key_begin, pos_ - key_begin);
    if (key == "export" && (peek() == ' ' || peek() == '\t')) {
      skip_blanks();
      key_begin = pos_;
      while (!at_end() && (is_name_char(peek()) || peek() == '.' || peek() == '-')) ++pos_;
      key = text_.substr(key_begin, pos_ - key_begin);
    }
    if (key.empty() || !is_name_start(key.front())) {
      error_here(key.empty() ? "expected NAME=VALUE" : "a variable name starts with a letter or '_'",
                 "lines are NAME=VALUE, comments start with #");
      return next_line();
    }
    skip_blanks();
    if (at_line_end()) return next_line();  // a name alone: Compose takes it from the environment
    if (peek() != '=') {
      error_here(format_message("expected '=' after {}", capped(key)), "lines are NAME=VALUE");
      return next_line();
    }
    ++pos_;
    skip_blanks();
    std::optional<std::string> value;
    if (peek() == '"') value = quoted('"', key);
    else if (peek() == '\'') value = quoted('\'', key);
    else value = unquoted();
    if (!value) return;  // reported; the parser is past the entry
    origin at = key_at;
    ctx_.set(key, *value, at);
  }

  /// A value without quotes: up to the end of the line or a ` #` comment,
  /// trailing blanks dropped, interpolated.
  std::optional<std::string> unquoted() {
    const std::size_t begin = pos_;
    const int line = line_, column = this->column();
    std::size_t end = pos_;
    while (!at_line_end()) {
      if (peek() == '#' && pos_ > begin && (text_[pos_ - 1] == ' ' || text_[pos_ - 1] == '\t')) break;
      ++pos_;
    }
    end = pos_;
    while (end > begin && (text_[end - 1] == ' ' || text_[end - 1] == '\t')) --end;
    next_line();
    return interpolated(text_.substr(begin, end - begin), line, column);
  }

  /// A value in quotes, which may span lines. Double quotes take escapes
  /// and interpolation; single quotes are literal but for `\'`.
  std::optional<std::string> quoted(char quote, std::string_view key) {
    const int line = line_, column = this->column();
    ++pos_;
    std::string raw;  // double quotes: escapes resolved, `$` kept for interpolation (`\$` as "$$")
    for (;;) {
      if (at_end()) {
        ctx_.error(format_message("the value of {} has no closing quote", capped(key)),
                   origin{origin_kind::file, file_, line, column},
                   quote == '"' ? "close it with \"" : "close it with '");
        return std::nullopt;
      }
      const char c = text_[pos_];
      if (c == quote) {
        ++pos_;
        break;
      }
      if (c == '\n') {
        raw += c;
        newline();
        continue;
      }
      if (c == '\\' && pos_ + 1 < text_.size()) {
        const char e = text_[pos_ + 1];
        if (quote == '\'') {
          if (e == '\'') {
            raw += '\'';
            pos_ += 2;
            continue;
          }
        } else {
          const char* replacement = nullptr;
          switch (e) {
            case 'n': replacement = "\n"; break;
            case 'r': replacement = "\r"; break;
            case 't': replacement = "\t"; break;
            case '\\': replacement = "\\"; break;
            case '"': replacement = "\""; break;
            case '\'': replacement = "'"; break;
            case '$': replacement = "$$"; break;  // a literal $ through interpolation
            default: break;
          }
          if (replacement) {
            raw += replacement;
            pos_ += 2;
            continue;
          }
        }
      }
      raw += c;
      ++pos_;
    }
    skip_blanks();
    if (!at_line_end() && peek() != '#') {
      error_here(format_message("unexpected text after the closing quote of {}", capped(key)),
                 "a comment after a quoted value starts with #");
      next_line();
      return std::nullopt;
    }
    next_line();
    if (quote == '\'') return raw;
    return interpolated(raw, line, column);
  }

  // --- interpolation ----------------------------------------------------

  std::optional<std::string> interpolated(std::string_view text, int line, int column) {
    std::string out;
    std::size_t references = 0;
    bool ok = true;
    expand(text, out, line, column, 0, references, ok);
    if (!ok) return std::nullopt;
    return out;
  }

  STRATA_COLD void expansion_error(std::string message, int line, int column, bool& ok) {
    if (ok) ctx_.error(message, origin{origin_kind::file, file_, line, column});
    ok = false;
  }

  /// Appends `text` to `out` with every reference replaced.
  void expand(std::string_view text, std::string& out, int line, int column, int depth, std::size_t& references,
              bool& ok) {
    if (depth > max_dotenv_nesting) {
      expansion_error(format_message("${{...}} nests deeper than {} levels", std::to_string(max_dotenv_nesting)),
                      line, column, ok);
      return;
    }
    std::size_t i = 0;
    while (i < text.size() && ok) {
      const std::size_t dollar = text.find('$', i);
      if (dollar == std::string_view::npos) {
        out.append(text.substr(i));
        return;
      }
      out.append(text.substr(i, dollar - i));
      i = dollar + 1;
      if (i < text.size() && text[i] == '$') {  // $$
        out += '$';
        ++i;
        continue;
      }
      if (i < text.size() && is_name_start(text[i])) {  // $NAME
        std::size_t end = i;
        while (end < text.size() && is_name_char(text[end])) ++end;
        if (++references > max_dotenv_references) break;
        substitute(text.substr(i, end - i), out, line, column);
        i = end;
        continue;
      }
      if (i >= text.size() || text[i] != '{') {  // a lone $
        out += '$';
        continue;
      }
      const std::size_t close = matching_brace(text, i);
      if (close == std::string_view::npos) {
        expansion_error("'${' is not closed by '}' (write '$$' for a literal '$')", line, column, ok);
        return;
      }
      if (++references > max_dotenv_references) break;
      braced(text.substr(i + 1, close - i - 1), out, line, column, depth, references, ok);
      i = close + 1;
    }
    if (references > max_dotenv_references)
      expansion_error(format_message("more than {} references in one value", std::to_string(max_dotenv_references)),
                      line, column, ok);
  }

  /// The `}` closing the `{` at `open`, skipping nested `${...}`.
  static std::size_t matching_brace(std::string_view text, std::size_t open) {
    int depth = 0;
    for (std::size_t j = open; j < text.size(); ++j) {
      if (text[j] == '{') ++depth;
      else if (text[j] == '}' && --depth == 0) return j;
    }
    return std::string_view::npos;
  }

  void substitute(std::string_view name, std::string& out, int line, int column) {
    if (auto v = ctx_.variable(name)) {
      out.append(*v);
      return;
    }
    ctx_.warning(format_message("{} is not set; an empty value is used", name),
                 origin{origin_kind::file, file_, line, column}, "write $$ for a literal $");
  }

  /// `NAME`, `NAME:-default`, `NAME-default`, `NAME:?error`, `NAME?error`,
  /// `NAME:+alt`, `NAME+alt`.
  void braced(std::string_view body, std::string& out, int line, int column, int depth, std::size_t& references,
              bool& ok) {
    std::size_t n = 0;
    while (n < body.size() && is_name_char(body[n])) ++n;
    const std::string_view name = body.substr(0, n);
    if (name.empty() || !is_name_start(name.front())) {
      // the text of the reference is not quoted: it may be part of a secret literal
      expansion_error("a ${...} reference does not name a variable (letters, digits and _)", line, column, ok);
      return;
    }
    std::string_view rest = body.substr(n);
    if (rest.empty()) return substitute(name, out, line, column);
    const bool colon = rest.front() == ':';
    if (colon) rest.remove_prefix(1);
    if (rest.empty() || (rest.front() != '-' && rest.front() != '?' && rest.front() != '+')) {
      // nor the name: `${w0rd!}` may be a secret literal that only looks like a reference
      expansion_error("a ${...} reference has something other than :-, -, :?, ?, :+ or + after its name", line,
                      column, ok);
      return;
    }
    const char op = rest.front();
    const std::string_view word = rest.substr(1);
    const std::optional<std::string_view> value = ctx_.variable(name);
    const bool present = value && (!colon || !value->empty());
    if (op == '-') {
      if (present) out.append(*value);
      else expand(word, out, line, column, depth + 1, references, ok);
    } else if (op == '+') {
      if (present) expand(word, out, line, column, depth + 1, references, ok);
    } else if (present) {
      out.append(*value);
    } else {
      std::string message;
      expand(word, message, line, column, depth + 1, references, ok);
      expansion_error(message.empty() ? format_message("{} is not set", name)
                                      : format_message("{} is not set: {}", name, capped(message)),
                      line, column, ok);
    }
  }

  std::string_view text_;
  std::string file_;
  variables_context& ctx_;
  std::size_t pos_ = 0, line_start_ = 0;
  int line_ = 1;
};

}  // namespace detail

void dotenv::add_variables(variables_context& ctx) const {
  std::string text;
  const file_status r = ctx.read_file(path_, text);
  if (r == file_status::missing && !optional_)
    ctx.error("dotenv file not found", origin{origin_kind::file, path_.string()},
              "pass strata::optional to dotenv() if the file may be absent");
  if (r != file_status::ok) return;
  detail::dotenv_parser(text, path_.string(), ctx).parse();
}

void dotenv::read(source_context& ctx) const {
  detail::load_state& s = detail::context_access::state(ctx);
  if (s.first_env || s.request.prefix.empty() || !s.request.root) return;
  const std::string file = path_.string();
  std::string first;
  std::size_t count = 0;
  for (const auto& v : s.contributed.all()) {
    if (v.where.name != file || !std::string_view(v.name).starts_with(s.request.prefix)) continue;
    if (count++ == 0) first = v.name;
  }
  if (count == 0) return;
  ctx.warning(detail::format_message("{} sets {} but no strata::env() source maps variables to settings", file,
                             count == 1 ? first : first + " (and " + std::to_string(count - 1) + " more)"),
              origin{origin_kind::file, file}, "add strata::env() to the configuration");
}

}  // namespace strata
