// secrets_dir(path): Docker and Kubernetes secret mounts, one file per
// value named by the field's environment variable name.
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include <strata/runtime/live.hpp>

#include "support.hpp"

namespace secrets_spec {

using strata::annotated;

struct Db {
  std::string host = "localhost";
  annotated<std::string, strata::secret, strata::min_length<12>> password = "default-password";
  std::vector<std::string> replicas;
};
BOOST_DESCRIBE_STRUCT(Db, (), (host, password, replicas))

struct App {
  annotated<std::string, strata::secret> token;
  int workers = 1;
  Db db;
};
BOOST_DESCRIBE_STRUCT(App, (), (token, workers, db))
STRATA_CONFIGURED(App, {.prefix = "SEC_", .mapping = strata::mapping::tree})

}  // namespace secrets_spec

using namespace secrets_spec;
using strata_test::contains;
using strata_test::only_at;
using strata_test::temp_dir;

namespace {
strata::result<App> load(const std::filesystem::path& dir) {
  return strata::configuration(strata::secrets_dir(dir)).load<App>();
}
}  // namespace

TEST_CASE("one file per value, named by the env name, one trailing newline stripped") {
  temp_dir dir;
  dir.write("secrets/SEC_TOKEN", "tok-123\n");
  dir.write("secrets/SEC_DB__PASSWORD", "correct-horse-battery\r\n");
  dir.write("secrets/SEC_WORKERS", "4");
  dir.write("secrets/SEC_DB__REPLICAS__0", "r0\n");
  dir.write("secrets/SEC_DB__REPLICAS__1", "r1\n");
  dir.write("secrets/other-program-key", "ignored\n");
  dir.write("secrets/.hidden", "ignored\n");
  auto r = load(dir.path() / "secrets");
  INFO(strata::format(r.diagnostics()));
  REQUIRE(r.ok());
  CHECK(r.diagnostics().empty());
  CHECK(*r->token == "tok-123");
  CHECK(*r->db.password == "correct-horse-battery");
  CHECK(r->workers == 4);
  CHECK(r->db.replicas == std::vector<std::string>{"r0", "r1"});
  CHECK(r.origin_of("db.password") ==
        strata::origin{strata::origin_kind::file, (dir.path() / "secrets/SEC_DB__PASSWORD").string()});
}

TEST_CASE("a secrets directory sits in precedence order like any source") {
  temp_dir dir;
  dir.write("s/SEC_WORKERS", "4\n");
  const auto low = strata::configuration(strata::secrets_dir(dir.path() / "s"), strata::toml_text("workers = 2"));
  CHECK(low.load<App>()->workers == 2);
  const auto high = strata::configuration(strata::toml_text("workers = 2"), strata::secrets_dir(dir.path() / "s"));
  CHECK(high.load<App>()->workers == 4);
}

TEST_CASE("a directory or an unreadable entry named like a setting is an error") {
  temp_dir dir;
  std::filesystem::create_directories(dir.path() / "s/SEC_TOKEN");
  std::filesystem::create_symlink(dir.path() / "s/nowhere", dir.path() / "s/SEC_DB__PASSWORD");
  auto r = load(dir.path() / "s");
  CHECK_FALSE(r.ok());
  REQUIRE(r.errors().size() == 2);
  const std::string report = strata::format(r.errors());
  CHECK(contains(report, "error: is a directory, not a file\n  --> " + (dir.path() / "s/SEC_TOKEN").string()));
  CHECK(contains(report, "error: cannot read the secret file (a dangling link?)\n  --> " +
                             (dir.path() / "s/SEC_DB__PASSWORD").string()));
}

TEST_CASE("a file with the prefix that matches no setting is a warning with a did-you-mean") {
  temp_dir dir;
  const auto file = dir.write("s/SEC_WORKRES", "3\n");
  auto r = load(dir.path() / "s");
  CHECK(r.ok());
  REQUIRE(r.warnings().size() == 1);
  const auto w = r.warnings().front();
  CHECK(contains(w.message, "secret file SEC_WORKRES does not match any setting"));
  CHECK(w.hint == "did you mean SEC_WORKERS?");
  CHECK(w.origin == strata::origin{strata::origin_kind::file, file.string()});
}

TEST_CASE("no NAME_FILE indirection inside a secrets directory; an empty file is ignored with a warning") {
  temp_dir dir;
  dir.write("s/SEC_TOKEN_FILE", "/etc/hostname\n");
  dir.write("s/SEC_DB__HOST", "");
  auto r = load(dir.path() / "s");
  CHECK(r->token->empty());
  CHECK(r->db.host == "localhost");
  CHECK(r.warnings().size() == 2);  // SEC_TOKEN_FILE matches nothing; SEC_DB__HOST is empty
}

TEST_CASE("a missing secrets directory is an error unless optional; a file is not a directory") {
  temp_dir dir;
  auto missing = load(dir.path() / "none");
  REQUIRE(missing.errors().size() == 1);
  CHECK(missing.errors().front().message == "secrets directory not found");
  auto optional = strata::configuration(strata::secrets_dir(dir.path() / "none", strata::optional)).load<App>();
  CHECK(optional.diagnostics().empty());
  auto file = load(dir.write("plain", "x"));
  CHECK(contains(file.errors().front().message, "is not a directory"));
}

TEST_CASE("a secret read from a secrets directory is never shown") {
  temp_dir dir;
  dir.write("s/SEC_DB__PASSWORD", "short-pw\n");  // fails min_length<12>
  auto r = load(dir.path() / "s");
  CHECK_FALSE(r.ok());
  const auto e = only_at(r.errors(), "db.password");
  const std::string report = strata::format(r.diagnostics()) + strata::explain(r) + strata::to_json(r.diagnostics());
  CHECK_FALSE(contains(report, "short-pw"));
}

TEST_CASE("watch(): Kubernetes swapping the ..data link of a secret volume") {
  namespace fs = std::filesystem;
  temp_dir dir;
  const fs::path volume = dir.path() / "volume";
  dir.write("volume/..2024_01/SEC_DB__PASSWORD", "first-password-value\n");
  fs::create_directory_symlink("..2024_01", volume / "..data");
  fs::create_symlink("..data/SEC_DB__PASSWORD", volume / "SEC_DB__PASSWORD");

  strata::live<App> live{strata::configuration(strata::secrets_dir(volume))};
  CHECK(*live.get()->db.password == "first-password-value");
  const auto watched = live.watched_files();
  CHECK(std::find(watched.begin(), watched.end(), volume) != watched.end());
  CHECK(std::find(watched.begin(), watched.end(), volume / "..data") != watched.end());

  live.watch(std::chrono::milliseconds(5));
  dir.write("volume/..2024_02/SEC_DB__PASSWORD", "second-password-value\n");
  fs::create_directory_symlink("..2024_02", volume / "..data_tmp");
  fs::rename(volume / "..data_tmp", volume / "..data");  // atomic, as the kubelet does
  for (int i = 0; i < 400 && *live.get()->db.password != "second-password-value"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(*live.get()->db.password == "second-password-value");
}
