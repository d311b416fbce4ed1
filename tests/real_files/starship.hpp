// Starship's starship.toml, as https://starship.rs/config/ documents it:
// a table per module (about a hundred, more than one BOOST_DESCRIBE_STRUCT
// lists: described base classes hold them), and format strings whose
// `${count}` is Starship's own variable, not interpolation (strata::literal).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <strata/strata.hpp>

namespace starship {
/// A format string: `$branch`, `${count}` and `[text](style)` are Starship's.
using format_string = strata::annotated<std::string, strata::literal>;
using milliseconds_setting =
    strata::annotated<std::chrono::milliseconds, strata::duration_unit<std::chrono::milliseconds>>;

/// The settings every module has; a module's own are documented with it.
struct Module {
  format_string format = "via [$symbol]($style) ";
  std::string symbol;
  std::string style = "bold";
  bool disabled = false;
};
BOOST_DESCRIBE_STRUCT(Module, (), (format, symbol, style, disabled))
STRATA_CONFIGURED(Module, {.unknown_keys = strata::unknown_keys::ignore})  // each module has more settings

struct Character {
  format_string format = "$symbol ";
  format_string success_symbol = "[❯](bold green)";
  format_string error_symbol = "[❯](bold red)";
  format_string vimcmd_symbol = "[❮](bold green)";
  bool disabled = false;
};
BOOST_DESCRIBE_STRUCT(Character, (), (format, success_symbol, error_symbol, vimcmd_symbol, disabled))

struct Directory {
  strata::annotated<int, strata::min<0>> truncation_length = 3;
  bool truncate_to_repo = true;
  format_string format = "[$path]($style)[$read_only]($read_only_style) ";
  std::string style = "cyan bold";
  std::string read_only = "🔒";
  std::string truncation_symbol;
  bool disabled = false;
};
BOOST_DESCRIBE_STRUCT(Directory, (), (truncation_length, truncate_to_repo, format, style, read_only, truncation_symbol,
                                      disabled))

struct GitBranch {
  format_string format = "on [$symbol$branch(:$remote_branch)]($style) ";
  std::string symbol = " ";
  std::string style = "bold purple";
  strata::annotated<std::int64_t, strata::min<1>> truncation_length = 9223372036854775807LL;
  std::string truncation_symbol = "…";
  bool only_attached = false;
  bool always_show_remote = false;
  std::vector<std::string> ignore_branches;
  bool disabled = false;
};
BOOST_DESCRIBE_STRUCT(GitBranch, (), (format, symbol, style, truncation_length, truncation_symbol, only_attached,
                                      always_show_remote, ignore_branches, disabled))

struct GitCommit {
  strata::annotated<int, strata::range<1, 40>> commit_hash_length = 7;
  format_string format = "[\\($hash$tag\\)]($style) ";
  std::string style = "green bold";
  bool only_detached = true;
  bool tag_disabled = true;
  std::string tag_symbol = " 🏷  ";
  bool disabled = false;
};
BOOST_DESCRIBE_STRUCT(GitCommit, (), (commit_hash_length, format, style, only_detached, tag_disabled, tag_symbol,
                                      disabled))

struct GitStatus {
  format_string format = "([\\[$all_status$ahead_behind\\]]($style) )";
  format_string conflicted = "=", ahead = "⇡", behind = "⇣", diverged = "⇕", up_to_date;
  format_string untracked = "?", stashed = "\\$", modified = "!", staged = "+", renamed = "»", deleted = "✘";
  format_string typechanged;
  std::string style = "bold red";
  bool ignore_submodules = false;
  bool disabled = false;
};
BOOST_DESCRIBE_STRUCT(GitStatus, (), (format, conflicted, ahead, behind, diverged, up_to_date, untracked, stashed,
                                      modified, staged, renamed, deleted, typechanged, style, ignore_submodules,
                                      disabled))

struct Hostname {
  bool ssh_only = true;
  std::string ssh_symbol = "🌐 ";
  std::string trim_at = ".";
  std::vector<std::string> detect_env_vars;
  format_string format = "[$ssh_symbol$hostname]($style) in ";
  std::string style = "green dimmed bold";
  bool disabled = false;
};
BOOST_DESCRIBE_STRUCT(Hostname, (), (ssh_only, ssh_symbol, trim_at, detect_env_vars, format, style, disabled))

struct MemoryUsage {
  strata::annotated<int, strata::range<0, 100>> threshold = 75;
  format_string format = "via $symbol[$ram( | $swap)]($style) ";
  std::string symbol = "🐏 ";
  std::string style = "white bold dimmed";
  bool disabled = true;
};
BOOST_DESCRIBE_STRUCT(MemoryUsage, (), (threshold, format, symbol, style, disabled))

/// The language modules (nodejs, python, rust, ...) share these.
struct Language {
  format_string format = "via [$symbol($version )]($style)";
  format_string version_format = "v${raw}";
  std::string symbol;
  std::string style = "bold green";
  std::vector<std::string> detect_extensions, detect_files, detect_folders;
  bool disabled = false;
};
BOOST_DESCRIBE_STRUCT(Language, (), (format, version_format, symbol, style, detect_extensions, detect_files,
                                     detect_folders, disabled))
STRATA_CONFIGURED(Language, {.unknown_keys = strata::unknown_keys::ignore})  // each language adds its own

struct PackageModule {
  format_string format = "is [$symbol$version]($style) ";
  std::string symbol = "📦 ";
  format_string version_format = "v${raw}";
  std::string style = "bold 208";
  bool display_private = false;
  bool disabled = false;
};
BOOST_DESCRIBE_STRUCT(PackageModule, (), (format, symbol, version_format, style, display_private, disabled))

struct Time {
  format_string format = "at [$time]($style) ";
  bool use_12hr = false;
  std::string time_format;  // strftime: "%T"
  std::string style = "bold yellow";
  std::string utc_time_offset = "local";
  std::string time_range = "-";
  bool disabled = true;
};
BOOST_DESCRIBE_STRUCT(Time, (), (format, use_12hr, time_format, style, utc_time_offset, time_range, disabled))

struct ModulesAtoM {
  Module aws;
  Module azure;
  Module battery;
  Module buf;
  Module bun;
  Module c;
  Character character;
  Module cmake;
  Module cmd_duration;
  Module cobol;
  Module conda;
  Module container;
  Module crystal;
  Module daml;
  Module dart;
  Module deno;
  Directory directory;
  Module docker_context;
  Module dotnet;
  Module elixir;
  Module elm;
  Module env_var;
  Module erlang;
  Module fennel;
  Module fill;
  Module fossil_branch;
  Module gcloud;
  GitBranch git_branch;
  GitCommit git_commit;
  Module git_state;
  Module git_metrics;
  GitStatus git_status;
  Language golang;
  Module gradle;
  Module guix_shell;
  Module haskell;
  Module haxe;
  Module helm;
  Hostname hostname;
  Language java;
  Module jobs;
  Module julia;
  Module kotlin;
};
BOOST_DESCRIBE_STRUCT(ModulesAtoM, (), (aws, azure, battery, buf, bun, c, character, cmake, cmd_duration, cobol, conda, container, crystal, daml, dart, deno, directory, docker_context, dotnet, elixir, elm, env_var, erlang, fennel, fill, fossil_branch, gcloud, git_branch, git_commit, git_state, git_metrics, git_status, golang, gradle, guix_shell, haskell, haxe, helm, hostname, java, jobs, julia, kotlin))

struct ModulesNtoZ {
  Module kubernetes;
  Module line_break;
  Module localip;
  Module lua;
  MemoryUsage memory_usage;
  Module meson;
  Module hg_branch;
  Module nim;
  Module nix_shell;
  Language nodejs;
  Module ocaml;
  Module opa;
  Module openstack;
  Module os;
  PackageModule package;
  Module perl;
  Module php;
  Module pijul_channel;
  Module pulumi;
  Module purescript;
  Language python;
  Module raku;
  Module red;
  Module rlang;
  Language ruby;
  Language rust;
  Module scala;
  Module shell;
  Module shlvl;
  Module singularity;
  Module solidity;
  Module spack;
  Module status;
  Module sudo;
  Module swift;
  Module terraform;
  Time time;
  Module typst;
  Module username;
  Module vagrant;
  Module vcsh;
  Module vlang;
  Module zig;
};
BOOST_DESCRIBE_STRUCT(ModulesNtoZ, (), (kubernetes, line_break, localip, lua, memory_usage, meson, hg_branch, nim, nix_shell, nodejs, ocaml, opa, openstack, os, package, perl, php, pijul_channel, pulumi, purescript, python, raku, red, rlang, ruby, rust, scala, shell, shlvl, singularity, solidity, spack, status, sudo, swift, terraform, time, typst, username, vagrant, vcsh, vlang, zig))

struct Config : ModulesAtoM, ModulesNtoZ {
  format_string format = "$all";
  format_string right_format;
  format_string continuation_prompt = "[∙](bright-black) ";
  milliseconds_setting scan_timeout{30};
  milliseconds_setting command_timeout{500};
  bool add_newline = true;
  bool follow_symlinks = true;
  std::string palette;
  std::map<std::string, std::map<std::string, std::string>> palettes;
};
BOOST_DESCRIBE_STRUCT(Config, (ModulesAtoM, ModulesNtoZ),
                      (format, right_format, continuation_prompt, scan_timeout, command_timeout, add_newline,
                       follow_symlinks, palette, palettes))
STRATA_CONFIGURED(Config, {.prefix = "STARSHIP_", .mapping = strata::mapping::tree})
}  // namespace starship
