// examples/http/main.cpp: loads the service's configuration.
//
//   http_service <configs-dir> [dotted.path=value ...]
//
// 1. loads <configs-dir>/app.toml, then the environment (APP_HTTP_PORT=9000,
//    APP_DB_PASSWORD_FILE=/run/secrets/db), then dotted.path=value arguments
//    (http.port=9000), and prints the effective configuration with the
//    origin of every value;
// 2. loads <configs-dir>/broken.toml and prints every problem at once.
// Exit 0 when the first loads and the second is rejected, 1 otherwise.
//
// This is the one translation unit that loads configuration, so it is the one
// that includes <strata/load.hpp>.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/describe/enum_to_string.hpp>
#include <fmt/chrono.h>
#include <fmt/core.h>

#include <strata/load.hpp>
#include <strata/src.hpp>  // the engine: in one source file of the program

#include "config.hpp"

namespace {

// strata has no dump tool yet, so the example prints values itself.
std::string show(const std::string& s) { return fmt::format("\"{}\"", s); }
std::string show(const std::filesystem::path& p) { return fmt::format("\"{}\"", p.string()); }
std::string show(bool b) { return b ? "true" : "false"; }
std::string show(int i) { return fmt::format("{}", i); }
std::string show(std::uint16_t i) { return fmt::format("{}", i); }
template <class Rep, class Period>
std::string show(std::chrono::duration<Rep, Period> d) {
  return fmt::format("\"{}\"", d);  // "2500ms", "5s": the syntax strata reads
}
template <class E>
  requires std::is_enum_v<E>
std::string show(E e) {
  return fmt::format("\"{}\"", boost::describe::enum_to_string(e, "?"));
}
std::string show(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const std::string& item : items) out += (out.size() > 1 ? ", " : "") + show(item);
  return out + "]";
}
template <class T, class... A>
std::string show(const strata::annotated<T, A...>& field) {
  return show(field.value());
}

// The effective configuration of one section, TOML-like: one line per value
// with, as a comment, where the value came from (`result.origin_of(path)`).
template <class T>
class listing {
 public:
  listing(const strata::result<T>& r, std::string section) : result_(r), section_(std::move(section)) {}

  void add(const std::string& key, std::string value) {
    const std::string path = section_ + "." + key;
    rows_.push_back({key, std::move(value), strata::to_string(result_.origin_of(path))});
  }

  // A secret: neither its value nor, when it came from a `path=value`
  // argument or override, the text after '=' is shown.
  void add_secret(const std::string& key) {
    strata::origin o = result_.origin_of(section_ + "." + key);
    if (o.kind == strata::origin_kind::args || o.kind == strata::origin_kind::overrides)
      o.name = o.name.substr(0, o.name.find('=')) + "=<redacted>";
    rows_.push_back({key, "\"<redacted>\"", strata::to_string(o)});
  }

  void print() const {
    std::size_t key_width = 0, value_width = 0;
    for (const row& r : rows_) {
      key_width = std::max(key_width, r.key.size());
      if (r.value.size() <= 40) value_width = std::max(value_width, r.value.size());
    }
    fmt::print("\n  [{}]\n", section_);
    for (const row& r : rows_)
      fmt::print("  {:<{}} = {:<{}}  # {}\n", r.key, key_width, r.value, value_width, r.origin);
  }

 private:
  struct row {
    std::string key, value, origin;
  };
  const strata::result<T>& result_;
  std::string section_;
  std::vector<row> rows_;
};

void print(const strata::result<service::HttpCfg>& r) {
  const service::HttpCfg& http = r.value();
  listing l(r, "http");
  l.add("host", show(http.host));
  l.add("port", show(http.port));
  l.add("timeout", show(http.timeout));
  l.add("workers", show(http.workers));
  l.add("read_timeout", show(http.read_timeout));
  l.add("log_level", show(http.log_level));
  l.add("debug", show(http.debug));
  l.add("origins", show(http.origins));
  l.add("tls.enabled", show(http.tls.enabled));
  l.add("tls.cert", show(http.tls.cert));
  l.add("tls.key", show(http.tls.key));
  l.print();
}

void print(const strata::result<service::DbCfg>& r) {
  const service::DbCfg& db = r.value();
  listing l(r, "db");
  l.add("host", show(db.host));
  l.add("port", show(db.port));
  l.add("name", show(db.name));
  l.add("user", show(db.user));
  l.add_secret("password");
  l.add("pool_min", show(db.pool_min));
  l.add("pool_size", show(db.pool_size));
  l.add("connect_timeout", show(db.connect_timeout));
  l.add("ssl_mode", show(db.ssl_mode));
  for (const auto& [key, value] : db.options) l.add("options." + key, show(value));
  l.print();
}

// Both types read the same sources, so a problem with a source itself (a
// missing file, a TOML syntax error) is in both results: report it once.
template <class A, class B>
strata::diagnostics combined(const strata::result<A>& a, const strata::result<B>& b) {
  strata::diagnostics all = a.diagnostics();
  for (const strata::diagnostic& d : b.diagnostics())
    if (std::find(all.begin(), all.end(), d) == all.end()) all.push_back(d);
  return all;
}

void rule(std::string_view title) {
  fmt::print("\n== {} {}\n", title, std::string(title.size() < 74 ? 74 - title.size() : 0, '='));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: {} <configs-dir> [dotted.path=value ...]\n", argc > 0 ? argv[0] : "http_service");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  bool as_expected = true;

  // 1. The valid configuration. Both types read the same file: HttpCfg its
  //    [http] table, DbCfg its [db] table. Later sources win: environment
  //    variables (APP_HTTP_PORT, APP_DB_PASSWORD) over the file, and
  //    `dotted.path=value` arguments (http.port=9000) over both.
  {
    const std::filesystem::path file = dir / "app.toml";
    rule(fmt::format("{}: the effective configuration", file.string()));
    const auto ctx = strata::configuration(strata::toml_file(file), strata::env(), strata::args(argc, argv));
    const strata::result<service::HttpCfg> http = ctx.load<service::HttpCfg>();
    const strata::result<service::DbCfg> db = ctx.load<service::DbCfg>();

    const strata::diagnostics report = combined(http, db);
    if (http.ok() && db.ok()) {
      print(http);
      print(db);
      if (!report.empty()) fmt::print("\n{}", strata::format(report));  // warnings only
      // Environment names are derived from the schema at compile time.
      // A secret also reads NAME_FILE: the content of the file it names.
      fmt::print("\n  Override without editing the file, e.g.\n    {}=9000 {}_FILE=/run/secrets/db {} {} db.pool_size=5\n",
                 strata::env_name<service::HttpCfg>("port").view(),
                 strata::env_name<service::DbCfg>("password").view(), argv[0], argv[1]);
    } else {
      fmt::print("\nunexpected: {} is invalid\n\n{}", file.string(), strata::format(report));
      as_expected = false;
    }
  }

  // 2. The broken configuration: nothing stops at the first problem, every
  //    error and warning comes back in one report. Secrets stay redacted.
  {
    const std::filesystem::path file = dir / "broken.toml";
    rule(fmt::format("{}: every problem at once", file.string()));
    const auto ctx = strata::configuration(strata::toml_file(file));
    const strata::result<service::HttpCfg> http = ctx.load<service::HttpCfg>();
    const strata::result<service::DbCfg> db = ctx.load<service::DbCfg>();

    const strata::diagnostics report = combined(http, db);
    fmt::print("\n{}", strata::format(report));
    if (http.ok() || db.ok()) {
      fmt::print("\nunexpected: {} was accepted\n", file.string());
      as_expected = false;
    }
  }

  fmt::print("\n{}\n", as_expected ? "app.toml loaded, broken.toml rejected: as expected."
                                   : "the configurations did not behave as expected.");
  return as_expected ? 0 : 1;
}
