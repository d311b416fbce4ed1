// strata::cli::run on programs the MusicGen CLI test cannot model: one
// without profiles, and overrides checked through the exit status and the
// output. Exit statuses are the contract of docs/tools.md.
#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <strata/tools/cli.hpp>

#include "support.hpp"

namespace cli_run_spec {

struct Server {
  std::string host = "127.0.0.1";
  strata::annotated<int, strata::range<1, 65535>> port = 8080;
};
BOOST_DESCRIBE_STRUCT(Server, (), (host, port))

struct ran {
  int status;
  std::string output;  ///< stdout and stderr together
};

/// Runs `config <args...>` against `make_context`, capturing both streams.
template <class MakeContext>
ran run(std::vector<const char*> args, MakeContext make_context, const strata::cli::settings& s = {}) {
  args.insert(args.begin(), "config");
  strata_test::temp_dir dir;
  const std::string file = (dir.path() / "out.txt").string();
  std::fflush(stdout);
  std::fflush(stderr);
  const int saved_out = ::dup(1), saved_err = ::dup(2);
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::dup2(fd, 1);
  ::dup2(fd, 2);
  ::close(fd);
  const int status = strata::cli::run<Server>(static_cast<int>(args.size()), args.data(), make_context, s);
  std::fflush(stdout);
  std::fflush(stderr);
  ::dup2(saved_out, 1);
  ::dup2(saved_err, 2);
  ::close(saved_out);
  ::close(saved_err);
  std::ifstream in(file, std::ios::binary);
  return {status, std::string(std::istreambuf_iterator<char>(in), {})};
}

strata::configuration no_profiles(const strata::cli::options&) {
  return strata::configuration(strata::toml_text("host = \"0.0.0.0\"\n", "app.toml"));
}

}  // namespace cli_run_spec

using namespace cli_run_spec;
using strata_test::contains;

TEST_CASE("--profile on a program without profiles is a usage error that says so") {
  const ran r = run({"validate", "--profile", "production"}, no_profiles);
  CHECK(r.status == 2);
  CHECK(contains(r.output, "--profile production: this application has no profiles"));
}

TEST_CASE("profiles on a program without profiles says so and exits 1, not with the usage") {
  const ran r = run({"profiles"}, no_profiles);
  CHECK(r.status == 1);
  CHECK(contains(r.output, "has no profiles"));
  CHECK_FALSE(contains(r.output, "usage:"));
}

TEST_CASE("profiles lists the profile source make_context returns when settings name no directory") {
  strata_test::temp_dir dir;
  dir.write("base.toml", "");
  dir.write("staging.toml", "");
  const ran r = run({"profiles"}, [&](const strata::cli::options& o) {
    return strata::configuration(strata::profile(dir.path(), o.profile.empty() ? "staging" : o.profile));
  });
  CHECK(r.status == 0);
  CHECK(r.output == "staging\n");
}

TEST_CASE("dotted.path=value and --dotted.path=value after the command override for that run") {
  auto ctx = [](const strata::cli::options&) { return strata::configuration(strata::toml_text("port = 1\n", "app.toml")); };
  CHECK(contains(run({"dump", "port=9000"}, ctx).output, "port = 9000\n"));
  CHECK(contains(run({"dump", "--port=9001", "host=example.com"}, ctx).output, "host = \"example.com\"\n"));
  const ran bad = run({"validate", "port=70000"}, ctx);
  CHECK(bad.status == 1);
  CHECK(contains(bad.output, "port: must be in [1, 65535], got 70000"));
  CHECK(contains(bad.output, "override 'port=70000'"));
}

TEST_CASE("an override with a command that loads nothing is a usage error") {
  const ran r = run({"schema", "port=1"}, no_profiles);
  CHECK(r.status == 2);
  CHECK(contains(r.output, "go with validate, check, dump, explain, sweep and groups"));
}
