// Security: secrets never leak and hostile input is refused cleanly.
//
// - The secret sweep: a marker set into each secret field through every
//   source (file, toml_text, env, NAME_FILE, args, overrides, interpolation),
//   accepted or rejected by a constraint, never appears in any output strata
//   produces: the diagnostics, format(), to_json(diagnostics),
//   config_error::what(), to_toml, to_json, explain and the CLI.
// - Limits: file size, nesting depth, composition depth and interpolation
//   count are errors naming the file, never a crash or an exception.
// - Regression tests for what fuzz/config_fuzzer.cpp found.
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unistd.h>
#include <variant>
#include <vector>

#include <strata/detail/toml.hpp>  // the limits on hostile input
#include <strata/tools/cli.hpp>

#include "support.hpp"

namespace security_spec {

using strata::annotated;

struct Postgres {
  std::string host = "localhost";
  annotated<std::string, strata::secret, strata::pattern<"[a-z0-9]{8,}">> password = "defaultpass";
};
BOOST_DESCRIBE_STRUCT(Postgres, (), (host, password))

struct Sqlite {
  std::string path = "app.db";
};
BOOST_DESCRIBE_STRUCT(Sqlite, (), (path))

struct Service {
  std::string url = "http://localhost";
  std::optional<annotated<std::string, strata::secret>> api_key;
};
BOOST_DESCRIBE_STRUCT(Service, (), (url, api_key))

struct Auth {
  annotated<std::string, strata::secret, strata::min_length<12>> token = "default-token-value";
  annotated<std::vector<std::string>, strata::secret, strata::max_length<2>> keys;
};
BOOST_DESCRIBE_STRUCT(Auth, (), (token, keys))

struct App {
  std::string host = "0.0.0.0";
  Auth auth;
  annotated<std::variant<Postgres, Sqlite>, strata::discriminator<"kind">> db;
  std::map<std::string, Service> services;
};
BOOST_DESCRIBE_STRUCT(App, (), (host, auth, db, services))
STRATA_CONFIGURED(App, {.prefix = "APP_", .mapping = strata::mapping::tree})

static_assert(strata::env_name<App>("auth.token") == std::string_view("APP_AUTH__TOKEN"));
static_assert(strata::env_name<App>("auth.keys") == std::string_view("APP_AUTH__KEYS"));

constexpr std::string_view marker = "zq9mk";

/// One secret field: its path, env name, and how to write a marker into it
/// so that it is accepted or so that a constraint rejects it.
struct target {
  std::string path, env_name, table, key, extra;  // extra: TOML lines the table needs
  bool list = false;
  std::string good, bad;                            // marker values
};

std::vector<target> targets() {
  const std::string m(marker);
  return {
      {"auth.token", "APP_AUTH__TOKEN", "auth", "token", "", false, m + m + m, m},          // min_length<12>
      {"auth.keys", "APP_AUTH__KEYS", "auth", "keys", "", true, m + "a", m + "b"},           // max_length<2>
      {"db.password", "APP_DB__PASSWORD", "db", "password", "kind = \"postgres\"\n", false, m + m,
       "ZQ9MK-" + m},                                                                         // pattern
      {"services.api.api_key", "APP_SERVICES__api__API_KEY", "services.api", "api_key", "", false, m, m},
  };
}

/// The TOML literal of a marker for a target: a string, or for the list a
/// list that breaks max_length when `bad`.
std::string literal(const target& t, const std::string& value, bool bad) {
  if (!t.list) return "\"" + value + "\"";
  return bad ? "[\"" + value + "\", \"" + value + "1\", \"" + value + "2\"]" : "[\"" + value + "\"]";
}

/// What one run of `fn` wrote to stdout and stderr.
std::string capture(const std::function<void()>& fn) {
  strata_test::temp_dir dir;
  const std::string file = (dir.path() / "out.txt").string();
  std::fflush(stdout);
  std::fflush(stderr);
  const int saved_out = ::dup(1), saved_err = ::dup(2);
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::dup2(fd, 1);
  ::dup2(fd, 2);
  ::close(fd);
  fn();
  std::fflush(stdout);
  std::fflush(stderr);
  ::dup2(saved_out, 1);
  ::dup2(saved_err, 2);
  ::close(saved_out);
  ::close(saved_err);
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// Every output strata produces for a configuration, by name.
std::vector<std::pair<std::string, std::string>> outputs(const strata::configuration& ctx) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto r = ctx.load<App>();
  out.emplace_back("format", strata::format(r.diagnostics()));
  out.emplace_back("to_json(diagnostics)", strata::to_json(r.diagnostics()));
  for (const auto& d : r.diagnostics())
    out.emplace_back("diagnostic", d.path + " | " + d.message + " | " + d.origin.name + " | " + d.hint);
  try {
    (void)r.value();
  } catch (const strata::config_error& e) {
    out.emplace_back("config_error::what", e.what());
  }
  try {
    (void)ctx.get<App>();
  } catch (const strata::config_error& e) {
    out.emplace_back("get: config_error::what", e.what());
  }
  out.emplace_back("explain", strata::explain(r));
  const App& cfg = strata::detail::result_access::value(r);
  out.emplace_back("to_toml", strata::to_toml(cfg));
  out.emplace_back("to_json", strata::to_json(cfg));
  for (const auto& path : {"auth.token", "auth.keys", "db.password"})
    out.emplace_back(std::string("origin_of ") + path, r.origin_of(path).name);
  const std::vector<std::vector<const char*>> commands = {
      {"config", "validate"},     {"config", "check"}, {"config", "explain"},
      {"config", "dump"},         {"config", "dump", "--format", "json"},
      {"config", "dump", "--show-origin"}};
  for (const auto& argv : commands)
    out.emplace_back(std::string("cli ") + argv[1] + (argv.size() > 2 ? std::string(" ") + argv[2] : ""),
                     capture([&] {
                       strata::cli::run<App>(static_cast<int>(argv.size()), argv.data(),
                                             [&](const strata::cli::options&) { return ctx; });
                     }));
  return out;
}

void require_no_marker(const strata::configuration& ctx) {
  for (const auto& [where, text] : outputs(ctx)) {
    INFO(where << ":\n" << text);
    CHECK_FALSE(strata_test::contains(text, marker));
    CHECK_FALSE(strata_test::contains(text, "ZQ9MK"));
  }
}

}  // namespace security_spec

using namespace security_spec;
using strata_test::contains;

TEST_CASE("secret sweep: a secret set through any source never appears in any output") {
  strata_test::temp_dir dir;
  for (const target& t : targets()) {
    for (const bool bad : {false, true}) {
      const std::string value = bad ? t.bad : t.good;
      const std::string lit = literal(t, value, bad);
      const std::string file_text = "[" + t.table + "]\n" + t.extra + t.key + " = " + lit + "\n";
      const std::string args_text = t.path + "=" + lit;
      INFO("field " << t.path << (bad ? ", rejected value" : ", accepted value"));
      std::map<std::string, std::string> kind_env;
      if (t.path == "db.password") kind_env["APP_DB__KIND"] = "postgres";

      [&] {  // "toml_file"
        INFO("source: " << "toml_file");
        const auto file = dir.write("app.toml", file_text);
        require_no_marker(strata::configuration(strata::toml_file(file)));
      }();
      [&] {  // "toml_text"
        INFO("source: " << "toml_text");
        const strata::configuration ctx(strata::toml_text(file_text, "app.toml"));
        if (t.good != t.bad) CHECK(ctx.load<App>().ok() == !bad);  // the rejected value is rejected
        require_no_marker(ctx);
      }();
      [&] {  // "env"
        INFO("source: " << "env");
        auto vars = kind_env;
        vars[t.env_name] = t.list ? lit : value;
        require_no_marker(strata::configuration(strata::env(vars)));
      }();
      [&] {  // "env, one variable per element"
        INFO("source: " << "env, one variable per element");
        if (!t.list) return;
        auto vars = kind_env;
        vars[t.env_name + "__0"] = value;
        vars[t.env_name + "__1"] = value + "1";
        if (bad) vars[t.env_name + "__2"] = value + "2";
        require_no_marker(strata::configuration(strata::env(vars)));
      }();
      [&] {  // "env NAME_FILE"
        INFO("source: " << "env NAME_FILE");
        if (t.list) return;
        auto vars = kind_env;
        vars[t.env_name + "_FILE"] = dir.write("secret.txt", value + "\n").string();
        require_no_marker(strata::configuration(strata::env(vars)));
        vars[t.env_name] = value;  // both set: an error, still without the value
        require_no_marker(strata::configuration(strata::env(vars)));
      }();
      [&] {  // "args"
        INFO("source: " << "args");
        std::vector<std::string> a = {args_text};
        if (!t.extra.empty()) a.push_back("db.kind=postgres");
        require_no_marker(strata::configuration(strata::args(a)));
      }();
      [&] {  // "overrides"
        INFO("source: " << "overrides");
        std::vector<std::string> o = {args_text};
        if (!t.extra.empty()) o.push_back("db.kind=postgres");
        require_no_marker(strata::configuration().overrides(o));
      }();
      [&] {  // "a whole table as an override or an env value"
        INFO("source: " << "a whole table as an override or an env value");
        std::string fields = t.key + "=" + lit;
        if (!t.extra.empty()) fields = "kind=\"postgres\", " + fields;
        const std::string head = t.path.substr(0, t.path.find('.'));
        const std::string whole = head == "services" ? "{api={" + fields + "}}" : "{" + fields + "}";
        require_no_marker(strata::configuration().overrides({head + "=" + whole}));
        std::string env_name = "APP_" + head;
        for (char& c : env_name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        require_no_marker(strata::configuration(strata::env(std::map<std::string, std::string>{{env_name, whole}})));
      }();
      [&] {  // "interpolation"
        INFO("source: " << "interpolation");
        auto vars = kind_env;
        vars["SECRET_SOURCE"] = value;
        const std::string ref = t.list ? "[\"${SECRET_SOURCE}\"]" : "\"${SECRET_SOURCE}\"";
        const std::string text = "[" + t.table + "]\n" + t.extra + t.key + " = " + ref + "\n";
        require_no_marker(strata::configuration(strata::toml_text(text, "app.toml"), strata::env(vars)));
      }();
      [&] {  // "a rejected setting next to the secret"
        INFO("source: " << "a rejected setting next to the secret");
        // the secret's setting fails because an earlier one set its parent to a value
        const std::string parent = t.path.substr(0, t.path.find('.'));
        require_no_marker(strata::configuration().overrides({parent + "=5", args_text}));
        require_no_marker(strata::configuration().overrides({args_text, t.path + ".x=1"}));
      }();
    }
  }
}

// --- regression tests for what the fuzzer found ------------------------------

TEST_CASE("fuzz: a setting's origin does not reach the defaults of the tables it creates") {
  // services.fz.url kept its default, but explain named the override that
  // created services.fz, secret value and all.
  auto r = strata::configuration().overrides({"services.fz.api_key=zq9mkzq9mk"}).load<App>();
  REQUIRE(r.ok());
  CHECK(r.value().services.at("fz").api_key.value().value() == "zq9mkzq9mk");
  const std::string text = strata::explain(r);
  CHECK_FALSE(contains(text, marker));
  CHECK(contains(text, "services.fz.url"));
}

TEST_CASE("fuzz: a setting refused because its parent is a value is named by its path, not its value") {
  auto r = strata::configuration().overrides({"auth=5", "auth.token=zq9mkzq9mkzq9mk"}).load<App>();
  CHECK_FALSE(r.ok());
  const std::string report = strata::format(r.diagnostics());
  CHECK_FALSE(contains(report, marker));
  CHECK(contains(report, "auth.token=…"));
  auto earlier = strata::configuration().overrides({"auth.token=zq9mkzq9mkzq9mk", "auth.token.x=1"}).load<App>();
  CHECK_FALSE(earlier.ok());
  CHECK_FALSE(contains(strata::format(earlier.diagnostics()), marker));
  CHECK(contains(strata::format(earlier.diagnostics()), "'auth.token=…'"));
}

// --- limits ------------------------------------------------------------------

namespace {
bool names_file_error(const strata::result<App>& r, std::string_view file, std::string_view words) {
  for (const auto& d : r.errors())
    if (d.origin.name == file && contains(d.message, words)) return true;
  return false;
}
}  // namespace

TEST_CASE("limits: a file larger than 16 MiB is refused before it is read") {
  strata_test::temp_dir dir;
  const auto file = dir.path() / "huge.toml";
  {
    std::ofstream out(file, std::ios::binary);
    const std::string line = "# " + std::string(1022, 'x') + "\n";
    for (std::size_t written = 0; written <= strata::detail::max_file_size; written += line.size()) out << line;
  }
  auto r = strata::configuration(strata::toml_file(file)).load<App>();
  CHECK_FALSE(r.ok());
  CHECK(names_file_error(r, file.string(), "file is too large"));
  CHECK(contains(strata::format(r.diagnostics()), "at most 16 MiB"));

  const std::string text(strata::detail::max_file_size + 1, '\n');
  auto t = strata::configuration(strata::toml_text(text, "big.toml")).load<App>();
  CHECK(names_file_error(t, "big.toml", "file is too large"));
  auto ok = strata::configuration(strata::toml_text(std::string(4096, '\n') + "host = \"h\"\n")).load<App>();
  CHECK(ok.ok());
}

TEST_CASE("limits: a file with no size (a FIFO) is read only up to the limit") {
  CHECK(strata::configuration(strata::toml_file("/dev/null")).load<App>().ok());
  auto r = strata::configuration(strata::toml_file("/dev/zero")).load<App>();
  CHECK(names_file_error(r, "/dev/zero", "file is too large"));
}

TEST_CASE("limits: deep nesting is an error naming the file, never a stack overflow") {
  const std::string deep = "a" + [] {
    std::string s;
    for (int i = 0; i < 200000; ++i) s += ".b";
    return s;
  }() + " = 1\n";
  auto dotted = strata::configuration(strata::toml_text(deep, "dotted.toml")).load<App>();
  CHECK(names_file_error(dotted, "dotted.toml", "nest deeper than 128 levels"));

  std::string header = "[a";
  for (int i = 0; i < 200; ++i) header += ".b";
  auto table = strata::configuration(strata::toml_text(header + "]\nx = 1\n", "header.toml")).load<App>();
  CHECK(names_file_error(table, "header.toml", "nest deeper than 128 levels"));

  const std::string arrays = "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  auto arr = strata::configuration(strata::toml_text(arrays, "arrays.toml")).load<App>();
  CHECK(names_file_error(arr, "arrays.toml", "nest deeper than 128 levels"));

  std::string inline_tables = "x = ";
  for (int i = 0; i < 300; ++i) inline_tables += "{a=";
  inline_tables += "1" + std::string(300, '}') + "\n";
  auto tables = strata::configuration(strata::toml_text(inline_tables, "inline.toml")).load<App>();
  CHECK(names_file_error(tables, "inline.toml", "nest deeper than 128 levels"));

  // the same as an override: a bare string (a type error where a table is due)
  auto over = strata::configuration().overrides({"host=" + std::string(100000, '[')}).load<App>();
  CHECK(over.ok());
  std::string deep_inline = "{a";
  for (int i = 0; i < 100000; ++i) deep_inline += ".b";
  deep_inline += " = 1}";
  auto table_over = strata::configuration().overrides({"auth=" + deep_inline}).load<App>();
  CHECK_FALSE(table_over.ok());
  CHECK(strata::detail::nesting_estimate(deep_inline) > strata::detail::max_nesting_depth);
  // and as an env value: an error naming the variable
  auto env = strata::configuration(strata::env(std::map<std::string, std::string>{{"APP_AUTH", deep_inline}}))
                 .load<App>();
  CHECK_FALSE(env.ok());
  bool named = false;
  for (const auto& d : env.errors())
    named = named || (d.origin.name == "APP_AUTH" && contains(d.message, "nests deeper than 128 levels"));
  CHECK(named);
}

TEST_CASE("limits: what is not deep is not refused") {
  // floats, dotted strings and comments do not count as nesting
  std::string text = "host = \"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z\" # a.b.c.d.e.f\n";
  text += "[services.api]\nurl = '" + std::string(300, '.') + "'\n";
  text += "[auth]\nkeys = [\"" + std::string(200, '.') + "\"]\n";
  text += "\"a.b.c\" = 1\n";  // a quoted key: one segment (and unknown)
  auto r = strata::configuration(strata::toml_text(text, "fine.toml")).load<App>();
  for (const auto& d : r.errors()) CHECK_FALSE(contains(d.message, "nest deeper"));
  std::string floats = "x = [";
  for (int i = 0; i < 1000; ++i) floats += "1.5, ";
  floats += "2.25]\n";
  CHECK(strata::detail::nesting_estimate(floats) < 10);
  CHECK(strata::detail::nesting_estimate("x = " + std::string(100, '[') + std::string(100, ']')) <= 128);
}

TEST_CASE("limits: the quick nesting bound never clears text the precise estimate refuses") {
  using strata::detail::may_nest_deeper;
  using strata::detail::nesting_estimate;
  std::vector<std::string> texts = {"a = 1\n", "x = " + std::string(200, '[') + std::string(200, ']')};
  std::string dotted = "k";
  for (int i = 0; i < 150; ++i) dotted += ".k";
  texts.push_back(dotted + " = 1\n");
  texts.push_back("[" + dotted + "]\nv = 1\n");
  std::string arrays = "x = [\n";
  for (int i = 0; i < 140; ++i) arrays += "[\n";
  texts.push_back(arrays);
  std::string floats = "x = [";
  for (int i = 0; i < 1000; ++i) floats += "1.5, ";
  texts.push_back(floats + "2.25]\n");
  for (const std::string& text : texts)
    for (std::size_t limit : {std::size_t{8}, std::size_t{128}}) {
      INFO(text.substr(0, 40), " limit ", limit);
      CHECK(may_nest_deeper(text, limit) == (nesting_estimate(text) > limit));
    }
}

TEST_CASE("limits: composition deeper than 32 files is an error naming the chain's file") {
  strata_test::temp_dir dir;
  for (int i = 0; i < 40; ++i)
    dir.write("f" + std::to_string(i) + ".toml", "defaults = [\"f" + std::to_string(i + 1) + "\"]\n");
  dir.write("f40.toml", "host = \"h\"\n");
  auto r = strata::configuration(strata::toml_file(dir.path() / "f0.toml")).load<App>();
  CHECK_FALSE(r.ok());
  bool found = false;
  for (const auto& d : r.errors()) found = found || contains(d.message, "composition nested deeper than 32 files");
  CHECK(found);
}

TEST_CASE("limits: more than 64 interpolations in one value is an error with file:line") {
  std::string value;
  for (int i = 0; i < 100; ++i) value += "${X:a}";
  auto r = strata::configuration(strata::toml_text("host = \"" + value + "\"\n", "many.toml"), strata::env(std::map<std::string, std::string>{}))
               .load<App>();
  CHECK_FALSE(r.ok());
  const auto e = strata_test::only_at(r.errors(), "host");
  CHECK(contains(e.message, "more than 64"));
  CHECK(e.origin.name == "many.toml");
  CHECK(e.origin.line == 1);
}

TEST_CASE("fuzz: a variant's missing tag is reported without the secret setting that made the table") {
  auto r = strata::configuration().overrides({"db.password=zq9mkzq9mk"}).load<App>();
  CHECK_FALSE(r.ok());
  const auto e = strata_test::only_at(r.errors(), "db.kind");
  CHECK(contains(e.message, "is missing"));
  CHECK(e.origin.name == "db.password=<redacted>");
  CHECK_FALSE(contains(strata::format(r.diagnostics()), marker));
}

TEST_CASE("limits: a huge list index from env is reported, not allocated") {
  auto r = strata::configuration(strata::env(std::map<std::string, std::string>{
                                     {"APP_AUTH__KEYS__4000000000", "a"}, {"APP_AUTH__KEYS__18446744073709551615", "b"}}))
               .load<App>();
  CHECK_FALSE(r.diagnostics().empty());  // a gap or an unknown variable
  CHECK(strata::detail::result_access::value(r).auth.keys->size() <= 2);
}
