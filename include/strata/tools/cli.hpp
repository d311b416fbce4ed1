// strata/tools/cli.hpp: `strata::cli::run<T>(argc, argv, make_context)`, the
// configuration subcommands an application exposes (`myapp config ...`):
//
//   validate   load and report; exit 1 when there are errors
//   check      the same, but warnings fail too
//   dump       the effective configuration [--format toml|json] [--show-origin]
//   explain    every leaf with its value and origin
//   schema     the JSON Schema of the files
//   env        the environment variables, as a Markdown table
//   sample     a commented sample file
//   profiles   the profiles available
//   groups     the config groups of the composition and their choices
//   sweep      KEY=VALUES... [--out DIR]: every job of a sweep, validated
//
// Options anywhere: --profile NAME, --file PATH (repeatable), --help, and
// overrides `dotted.path=value` or `--dotted.path=value` (validate, check,
// dump, explain), applied above every source for that run.
// Exit codes: 0 ok, 1 invalid configuration (or nothing to list), 2 usage
// error. Reports go to stderr; colour only on a terminal and never with
// NO_COLOR.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>

#include <strata/load.hpp>
#include <strata/experiments.hpp>
#include <strata/detail/did_you_mean.hpp>
#include <strata/report/format.hpp>
#include <strata/tools/dump.hpp>
#include <strata/tools/explain.hpp>
#include <strata/tools/reference.hpp>
#include <strata/tools/schema.hpp>

namespace strata::cli {

/// What the command line asks of the configuration; given to make_context.
struct options {
  std::string profile;                       ///< --profile NAME; "" = the application's default
  std::vector<std::filesystem::path> files;  ///< --file PATH, in the order given
  std::vector<std::string> overrides;        ///< `dotted.path=value`, applied by run() after make_context
};

/// Optional facts about the application for help and `profiles`.
struct settings {
  std::string program = "config";      ///< how usage names the command ("musicgen config")
  std::filesystem::path profiles = {};  ///< the directory given to strata::profile, for `profiles`
};

/// `configuration(lower..., toml_file(files)..., higher...)`: the usual
/// make_context body. `lower` and `higher` are tuples of sources, e.g.
/// `layered(std::tuple{profile(dir, o.profile)}, o.files, std::tuple{env()})`.
template <class... Lower, class... Higher>
configuration layered(std::tuple<Lower...> lower, const std::vector<std::filesystem::path>& files,
                      std::tuple<Higher...> higher) {
  using strata::detail::configuration_access;
  configuration ctx;
  std::apply([&](auto&... s) { (configuration_access::append(ctx, std::move(s)), ...); }, lower);
  for (const std::filesystem::path& f : files) configuration_access::append(ctx, toml_file(f));
  std::apply([&](auto&... s) { (configuration_access::append(ctx, std::move(s)), ...); }, higher);
  return ctx;
}

namespace detail {

inline bool colour(std::FILE* stream) {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour && *no_colour) return false;
  return ::isatty(::fileno(stream)) == 1;
}

/// The diagnostics report, with "error"/"warning" coloured on a terminal.
inline std::string paint_report(std::string report, bool colour) {
  if (!colour) return report;
  std::string out;
  std::size_t start = 0;
  while (start < report.size()) {
    std::size_t end = report.find('\n', start);
    if (end == std::string::npos) end = report.size();
    std::string_view line(report.data() + start, end - start);
    if (line.starts_with("error:")) out += "\x1b[1;31merror\x1b[0m" + std::string(line.substr(5));
    else if (line.starts_with("warning:")) out += "\x1b[1;33mwarning\x1b[0m" + std::string(line.substr(7));
    else if (line.starts_with("  = hint:")) out += "\x1b[36m" + std::string(line) + "\x1b[0m";
    else out += line;
    if (end < report.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

inline void print_out(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}
inline void print_err(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

inline std::string usage(const settings& s) {
  return fmt::format(
      "usage: {0} <command> [--profile NAME] [--file PATH]... [dotted.path=value]...\n"
      "\n"
      "commands:\n"
      "  validate   load the configuration and report every problem\n"
      "  check      like validate, but warnings fail too\n"
      "  dump       print the effective configuration, secrets redacted\n"
      "             [--format toml|json] [--show-origin]\n"
      "  explain    print every value with where it came from\n"
      "  schema     print the JSON Schema (draft 2020-12) of the files\n"
      "  env        print the environment variables as a Markdown table\n"
      "  sample     print a commented sample file\n"
      "  profiles   list the available profiles\n"
      "  groups     list the config groups and their choices\n"
      "  sweep      KEY=VALUES... [--out DIR]: validate every job of a sweep\n"
      "             (lr=0.1,0.01  batch=range(32,129,32)  zip(a=1,2; b=3,4))\n"
      "\n"
      "options:\n"
      "  --profile NAME   load profile NAME instead of the default\n"
      "  --file PATH      load PATH above the profile's files (repeatable)\n"
      "  --help           show this help\n"
      "\n"
      "overrides (validate, check, dump, explain, groups; sweep: --dotted.path=value only):\n"
      "  dotted.path=value     set one value above every source for this run,\n"
      "  --dotted.path=value   e.g. api.port=9000, --auth.enabled=false;\n"
      "                        values use TOML syntax (name=\"x y\", ports=[1,2]);\n"
      "                        group=choice picks a config group's file\n"
      "\n"
      "exit status: 0 ok, 1 invalid configuration or nothing to list, 2 usage error\n",
      s.program);
}

inline constexpr std::string_view commands[] = {"validate", "check",   "dump", "explain", "schema",
                                                "env",      "sample",  "profiles", "groups", "sweep", "help"};

inline int usage_error(const settings& s, const std::string& message) {
  const bool c = colour(stderr);
  print_err(fmt::format("{}: {}\n", c ? "\x1b[1;31merror\x1b[0m" : "error", message));
  print_err(fmt::format("run '{} --help' for usage\n", s.program));
  return 2;
}

/// Whether `ctx` has a strata::profile source, so that --profile means something.
inline const profile* profile_source(const configuration& ctx) {
  for (const auto& s : strata::detail::configuration_access::sources(ctx))
    if (auto* p = dynamic_cast<const strata::detail::source_model<profile>*>(s.get())) return &p->get();
  return nullptr;
}

/// `path` relative to the working directory when that is shorter (an
/// operator reads "configs/app/base.toml:3:8", not the absolute path).
inline std::string shorter_path(const std::string& path) {
  const std::filesystem::path p(path);
  if (!p.is_absolute()) return path;
  std::error_code ec;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  if (ec) return path;
  const std::string relative = p.lexically_relative(cwd).string();
  return !relative.empty() && relative.size() < path.size() ? relative : path;
}

/// The file an origin names (a file, or the .env file of a variable), shortened.
inline origin for_operator(origin o) {
  if (o.kind == origin_kind::file || o.kind == origin_kind::source) o.name = shorter_path(o.name);
  else if (o.kind == origin_kind::env && !o.via.empty()) o.via = shorter_path(o.via);
  return o;
}

/// What an operator reads: the developer's hint (`pass strata::optional ...`)
/// names code they cannot change, so a missing file says only where it was looked for.
inline strata::diagnostics for_operator(strata::diagnostics all) {
  for (diagnostic& d : all) {
    if (d.hint.find("strata::optional") != std::string::npos) d.hint.clear();
    d.origin = for_operator(std::move(d.origin));
  }
  return all;
}

}  // namespace detail

/// Runs one configuration subcommand; returns the process exit status.
/// argv[0] is the program (or subcommand) name and is not read.
template <class T, class MakeContext>
int run(int argc, const char* const* argv, MakeContext&& make_context, const settings& s = {}) {
  options opts;
  std::string command, format = "toml", out_dir;
  std::vector<std::string> axes;  // sweep's KEY=VALUES
  bool show_origin = false, format_given = false;
  std::vector<std::string_view> args(argv + (argc > 0 ? 1 : 0), argv + (argc > 0 ? argc : 0));
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    auto value_of = [&](std::string_view name, std::string& into) -> int {
      if (a.size() > name.size() && a[name.size()] == '=') {
        into = std::string(a.substr(name.size() + 1));
      } else if (i + 1 < args.size()) {
        into = std::string(args[++i]);
      } else {
        return detail::usage_error(s, fmt::format("{} needs a value", name));
      }
      if (into.empty()) return detail::usage_error(s, fmt::format("{} needs a value", name));
      return 0;
    };
    auto is = [&](std::string_view name) { return a == name || (a.starts_with(name) && a[name.size()] == '='); };
    if (a == "--help" || a == "-h") {
      detail::print_out(detail::usage(s));
      return 0;
    } else if (is("--profile")) {
      if (int rc = value_of("--profile", opts.profile)) return rc;
    } else if (is("--file")) {
      std::string file;
      if (int rc = value_of("--file", file)) return rc;
      opts.files.emplace_back(file);
    } else if (is("--format")) {
      if (int rc = value_of("--format", format)) return rc;
      if (format != "toml" && format != "json")
        return detail::usage_error(s, fmt::format("--format is toml or json, not '{}'", format));
      format_given = true;
    } else if (is("--out")) {
      if (int rc = value_of("--out", out_dir)) return rc;
    } else if (a == "--show-origin") {
      show_origin = true;
    } else if (a.starts_with("--") && strata::detail::looks_like_setting(a.substr(2))) {
      opts.overrides.emplace_back(a.substr(2));
    } else if (a.starts_with("-") && a.size() > 1) {
      return detail::usage_error(s, fmt::format("unknown option '{}'", a));
    } else if (command == "sweep") {
      axes.emplace_back(a);  // after `sweep`, every argument is an axis (`k=v` is an axis of one value)
    } else if (strata::detail::looks_like_setting(a)) {
      opts.overrides.emplace_back(a);
    } else if (command.empty()) {
      command = std::string(a);
    } else {
      return detail::usage_error(s, fmt::format("unexpected argument '{}'", a));
    }
  }
  if (command.empty()) {
    detail::print_err(detail::usage(s));
    return 2;
  }
  if (command == "help") {
    detail::print_out(detail::usage(s));
    return 0;
  }
  if (std::find(std::begin(detail::commands), std::end(detail::commands), command) == std::end(detail::commands)) {
    std::vector<std::string> names(std::begin(detail::commands), std::end(detail::commands));
    std::string message = fmt::format("unknown command '{}'", command);
    if (auto best = strata::detail::closest(command, names); !best.empty())
      message += fmt::format("; did you mean '{}'?", best);
    return detail::usage_error(s, message);
  }
  if ((format_given || show_origin) && command != "dump")
    return detail::usage_error(s, "--format and --show-origin go with dump");
  if (show_origin && format == "json") return detail::usage_error(s, "--show-origin works with --format toml only");
  if (!opts.overrides.empty() && command != "validate" && command != "check" && command != "dump" &&
      command != "explain" && command != "sweep" && command != "groups")
    return detail::usage_error(s, fmt::format("overrides ('{}') go with validate, check, dump, explain, sweep and groups",
                                              opts.overrides.front()));
  if (!out_dir.empty() && command != "sweep") return detail::usage_error(s, "--out goes with sweep");
  if (command == "sweep" && axes.empty()) return detail::usage_error(s, "sweep needs KEY=VALUES, e.g. lr=0.1,0.01");

  // Commands that need no loading.
  if (command == "schema") {
    detail::print_out(json_schema<T>());
    return 0;
  }
  if (command == "env") {
    detail::print_out(env_reference<T>());
    return 0;
  }
  if (command == "sample") {
    detail::print_out(sample_toml<T>());
    return 0;
  }
  const bool err_colour = detail::colour(stderr), out_colour = detail::colour(stdout);
  try {
    configuration ctx = make_context(static_cast<const options&>(opts));
    const profile* profiles = detail::profile_source(ctx);
    if (command == "profiles") {
      const auto names = !s.profiles.empty() ? profile(s.profiles).available()
                         : profiles          ? profiles->available()
                                             : std::vector<std::string>{};
      if (names.empty()) {
        detail::print_err(fmt::format("{} has no profiles (no strata::profile directory)\n", s.program));
        return 1;
      }
      for (const std::string& name : names) detail::print_out(name + "\n");
      return 0;
    }
    if (!opts.profile.empty() && !profiles)
      return detail::usage_error(
          s, fmt::format("--profile {}: this application has no profiles (no strata::profile source)", opts.profile));
    if (!opts.overrides.empty()) ctx.overrides(opts.overrides);
    if (command == "groups") {
      detail::print_out(groups_text(groups<T>(ctx)));
      return 0;
    }
    if (command == "sweep") {
      const std::vector<job<T>> jobs = sweep<T>(ctx, axes);
      detail::print_out(sweep_plan(jobs));
      for (const job<T>& j : jobs)
        if (!j.config.ok())
          detail::print_err(j.name + ":\n" + detail::paint_report(strata::format(j.config.diagnostics()), err_colour));
      if (!out_dir.empty()) write_sweep(out_dir, jobs);
      return count_invalid(jobs) == 0 ? 0 : 1;
    }
    const result<T> loaded = ctx.template load<T>();
    const auto all = detail::for_operator(loaded.diagnostics());
    const bool has_errors = !loaded.ok();
    const bool fails = has_errors || (command == "check" && !all.empty());
    if (!all.empty()) detail::print_err(detail::paint_report(strata::format(all), err_colour));

    if (command == "validate" || command == "check") {
      if (fails) {
        detail::print_err(command == "check" && !has_errors ? "configuration has warnings (check fails on them)\n"
                                                           : "configuration is invalid\n");
        return 1;
      }
      detail::print_out(out_colour ? "\x1b[32mconfiguration is valid\x1b[0m\n" : "configuration is valid\n");
      return 0;
    }
    if (command == "explain") {
      detail::print_out(strata::detail::explain(loaded, &detail::for_operator));
      return has_errors ? 1 : 0;
    }
    // dump
    if (has_errors) {
      detail::print_err("configuration is invalid; nothing dumped\n");
      return 1;
    }
    const T& value = strata::detail::result_access::value(loaded);
    if (format == "json") {
      detail::print_out(to_json(value));
    } else if (!show_origin) {
      detail::print_out(to_toml(value));
    } else {
      detail::print_out(strata::detail::toml_with_origins(loaded, &detail::for_operator));
    }
    return 0;
  } catch (const std::exception& e) {
    detail::print_err(fmt::format("{}: {}\n", err_colour ? "\x1b[1;31merror\x1b[0m" : "error", e.what()));
    return 1;
  }
}

template <class T, class MakeContext>
int run(int argc, char** argv, MakeContext&& make_context, const settings& s = {}) {
  return run<T>(argc, const_cast<const char* const*>(argv), std::forward<MakeContext>(make_context), s);
}

}  // namespace strata::cli
