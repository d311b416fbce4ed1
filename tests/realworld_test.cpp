// Eight configuration files of public projects (../shared/realworld, see its
// SOURCES.md), each loaded unmodified into the schema its application
// documents (tests/real_files/*.hpp), with concrete values checked, and
// dumped back to TOML that loads to the same values. The files are read
// where they are, never copied into the project; without the folder the
// cases say that they skipped.
#include <filesystem>
#include <optional>

#include "support.hpp"

#include <toml++/toml.h>  // to read free-form tables

#include "real_files/alacritty.hpp"
#include "real_files/cargo.hpp"
#include "real_files/fly.hpp"
#include "real_files/gitlab_runner.hpp"
#include "real_files/mdbook.hpp"
#include "real_files/netlify.hpp"
#include "real_files/pyproject.hpp"
#include "real_files/starship.hpp"

#ifndef STRATA_REALWORLD_DIR
#define STRATA_REALWORLD_DIR "../shared/realworld"
#endif

using strata_test::contains;
using namespace std::chrono;

namespace {
/// The path of a real file, or nullopt (with a notice) when the folder is absent.
std::optional<std::filesystem::path> real_file(const std::string& name) {
  const std::filesystem::path file = std::filesystem::path(STRATA_REALWORLD_DIR) / name;
  if (!std::filesystem::exists(file)) {
    MESSAGE("SKIPPED: " << file.string() << " is absent (the real files live beside the project, in ../shared/realworld)");
    return std::nullopt;
  }
  return file;
}

template <class T, class... Options>
strata::result<T> load_file(const std::filesystem::path& file, Options... options) {
  return strata::configuration(strata::toml_file(file, options...)).template load<T>();
}

/// to_toml of the value (secrets revealed) loads back to the same dump.
template <class T>
void check_round_trip(const T& value) {
  const std::string dumped = strata::to_toml(value, strata::reveal_secrets);
  const auto back = strata::configuration(strata::toml_text(dumped, "dump.toml", strata::no_interpolation)).load<T>();
  INFO(dumped);
  REQUIRE_MESSAGE(back.ok(), strata::format(back.diagnostics()));
  CHECK(strata::to_toml(back.value(), strata::reveal_secrets) == dumped);
}
}  // namespace

TEST_CASE("fly.toml: nested arrays of tables, durations, an upper-case enum, a key named type") {
  const auto file = real_file("fly.toml");
  if (!file) return;
  const auto r = load_file<fly::App>(*file);
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  const fly::App& app = r.value();
  CHECK(*app.app == "livebeats");
  CHECK(app.primary_region == "iad");
  CHECK(app.kill_signal == fly::Signal::SIGTERM);
  CHECK(*app.kill_timeout == 5s);
  CHECK(app.experimental.auto_rollback);
  CHECK(app.deploy.release_command == "/app/bin/migrate");
  CHECK(app.env.at("PHX_HOST") == "livebeats.fly.dev");
  REQUIRE(app.services.size() == 1);
  const fly::Service& service = app.services[0];
  CHECK(service.internal_port == 4000);
  REQUIRE(service.ports.size() == 2);
  CHECK(service.ports[1].port == 443);
  CHECK(service.ports[1].handlers == std::vector<fly::Handler>{fly::Handler::tls, fly::Handler::http});
  CHECK(service.concurrency.type == fly::ConcurrencyType::connections);
  CHECK(service.concurrency.soft_limit == 2000);
  REQUIRE(service.tcp_checks.size() == 1);
  CHECK(service.tcp_checks[0].grace_period == 20s);
  CHECK(r.origin_of("services[0].concurrency.hard_limit").line == 36);
  check_round_trip(app);
}

TEST_CASE("netlify.toml: dashed context names, the keyword `for`, header names as keys, $VAR left alone") {
  const auto file = real_file("netlify.toml");
  if (!file) return;
  const auto r = load_file<netlify::Site>(*file);
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  const netlify::Site& site = r.value();
  CHECK(site.build.publish == "public");
  CHECK(site.build.environment.at("HUGO_VERSION") == "0.165.0");
  CHECK(site.context.at("production").environment.at("HUGO_ENV") == "production");
  CHECK(site.context.at("split1").command == "npm ls && hugo --gc --minify --enableGitInfo");
  CHECK(contains(site.context.at("deploy-preview").command, "-b $DEPLOY_PRIME_URL"));
  CHECK(site.context.at("next").environment.at("HUGO_ENABLEGITINFO") == "true");
  REQUIRE(site.headers.size() == 5);
  CHECK(site.headers[4].for_ == "/*.ttf");
  CHECK(site.headers[0].values.at("Cache-Control") == "public, max-age=31536000");
  CHECK(r.origin_of("context.deploy-preview.command").line == 19);
  CHECK(r.origin_of("headers[1].values.Cache-Control").line == 37);
  check_round_trip(site);
}

TEST_CASE("Cargo.toml: kebab keys, string-or-table dependencies, workspace inheritance, profiles, free-form metadata") {
  const auto file = real_file("ripgrep-Cargo.toml");
  if (!file) return;
  const auto r = load_file<cargo::Manifest>(*file);
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  const cargo::Manifest& m = r.value();
  CHECK(*m.package.name == "ripgrep");
  CHECK(std::get<std::string>(m.package.version) == "15.2.0");
  CHECK(m.package.license == "Unlicense OR MIT");
  CHECK_FALSE(m.package.autotests);
  CHECK(std::get<std::string>(m.package.build) == "build.rs");
  CHECK(std::get<cargo::Inherited>(m.package.edition).workspace);
  REQUIRE(m.package.rust_version);
  CHECK(std::get<cargo::Inherited>(*m.package.rust_version).workspace);
  REQUIRE(m.bin.size() == 1);
  CHECK(m.bin[0].name == "rg");
  CHECK_FALSE(m.bin[0].bench);
  REQUIRE(m.workspace);
  CHECK(m.workspace->members.size() == 10);
  CHECK(m.workspace->package.edition == cargo::Edition::e2024);
  CHECK(m.workspace->package.rust_version == "1.96");
  CHECK(std::get<std::string>(m.dependencies.at("anyhow")) == "1.0.75");
  const auto& grep = std::get<cargo::Dependency>(m.dependencies.at("grep"));
  CHECK(grep.version == "0.4.1");
  CHECK(grep.path == "crates/grep");
  CHECK(std::get<cargo::Dependency>(m.dependencies.at("grep-index")).optional);
  CHECK_FALSE(std::get<cargo::Dependency>(m.dependencies.at("textwrap")).default_features);
  const auto& musl = m.target.at("cfg(all(target_env = \"musl\", target_pointer_width = \"64\"))");
  CHECK(std::get<cargo::Dependency>(musl.dependencies.at("tikv-jemallocator")).version == "0.7.0");
  CHECK(std::get<std::string>(m.dev_dependencies.at("walkdir")) == "2");
  CHECK(m.features.at("unstable-index") == std::vector<std::string>{"dep:grep-index"});
  CHECK(std::get<1>(*m.profile.at("release").debug) == 1);
  const cargo::Profile& lto = m.profile.at("release-lto");
  CHECK(std::get<cargo::DebugLevel>(*lto.debug) == cargo::DebugLevel::none);
  CHECK(std::get<cargo::Strip>(*lto.strip) == cargo::Strip::symbols);
  CHECK(std::get<cargo::Lto>(*lto.lto) == cargo::Lto::fat);
  CHECK(lto.panic == cargo::Panic::abort);
  CHECK(*lto.codegen_units == 1);
  CHECK(std::get<0>(*lto.opt_level) == 3);
  const toml::table& deb = *m.package.metadata.table()["deb"].as_table();
  CHECK(deb["section"].value_or(std::string()) == "utils");
  CHECK(deb["assets"].as_array()->size() == 11);
  CHECK(deb["assets"][0][1].value_or(std::string()) == "usr/bin/");
  CHECK(r.origin_of("package.metadata.deb.section").line == 103);
  CHECK(r.origin_of("profile.release-lto.debug").line == 89);
  check_round_trip(m);
}

TEST_CASE("pyproject.toml: several readers, kebab keys, `requires`, quoted table names, mixed arrays") {
  const auto file = real_file("black-pyproject.toml");
  if (!file) return;
  const auto r = load_file<pyproject::Pyproject>(*file);
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  const pyproject::Pyproject& p = r.value();
  CHECK(p.build_system.requires_->size() == 3);
  CHECK(p.build_system.build_backend == "hatchling.build");
  CHECK(*p.project.name == "black");
  CHECK(std::get<std::string>(p.project.license) == "MIT");
  CHECK(p.project.requires_python == ">=3.10");
  REQUIRE(p.project.authors.size() == 1);
  CHECK(p.project.authors[0].name == "Łukasz Langa");
  CHECK(p.project.dynamic == std::vector<pyproject::Dynamic>{pyproject::Dynamic::readme, pyproject::Dynamic::version});
  CHECK(p.project.optional_dependencies.at("d") == std::vector<std::string>{"aiohttp>=3.10"});
  CHECK(p.project.entry_points.at("validate_pyproject.tool_schema").at("black") == "black.schema:get_schema");
  CHECK(p.project.scripts.at("blackd") == "blackd:patched_main [d]");
  const auto& dev = p.dependency_groups.at("dev");
  REQUIRE(dev.size() == 3);
  CHECK(std::get<pyproject::IncludeGroup>(dev[0]).include_group == "cov-tests");
  CHECK(std::get<std::string>(dev[2]) == "pre-commit");
  REQUIRE(p.tool.black);
  CHECK(p.tool.black->line_length == 88);
  CHECK(p.tool.black->include == R"(\.pyi?$)");
  CHECK(contains(p.tool.black->extend_exclude, "| profiling/"));
  CHECK(p.tool.mypy.table()["strict"].value_or(false));
  CHECK(p.tool.hatch.table()["build"]["targets"]["wheel"]["hooks"]["mypyc"]["require-runtime-dependencies"].value_or(false));
  CHECK(r.origin_of("project.entry-points.\"validate_pyproject.tool_schema\".black").line == 114);
  check_round_trip(p);

  // Black alone reads its own section of the same file
  const auto black = load_file<pyproject::Black>(*file);
  REQUIRE_MESSAGE(black.ok(), strata::format(black.diagnostics()));
  CHECK(black.value().target_version == std::vector<pyproject::PythonVersion>{pyproject::PythonVersion::py310});
  CHECK(black.value().unstable);
  CHECK(black.origin_of("tool.black.line-length").line == 9);
}

TEST_CASE("book.toml: kebab keys, quoted path keys, dashed map keys, an edition that is a number") {
  const auto file = real_file("mdbook-book.toml");
  if (!file) return;
  const auto r = load_file<mdbook::BookToml>(*file);
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  const mdbook::BookToml& b = r.value();
  CHECK(b.book.title == "mdBook Documentation");
  CHECK(b.book.authors == std::vector<std::string>{"Mathieu David", "Michael-F-Bryan"});
  CHECK(b.rust.edition == mdbook::Edition::e2018);
  REQUIRE(b.output.html);
  const mdbook::Html& html = *b.output.html;
  CHECK(html.smart_punctuation);
  CHECK(html.site_url == "/mdBook/");
  CHECK(contains(html.edit_url_template, "{path}"));
  CHECK(html.playground.line_numbers);
  CHECK(html.code.hidelines.at("python") == "~");
  CHECK(html.search.limit_results == 20);
  CHECK(html.search.heading_split_level == 2);
  CHECK(html.redirect.at("/format/config.html") == "configuration/index.html");
  CHECK(contains(b.preprocessor.at("guide-helper").command, "cargo run"));
  CHECK(b.build.extra_watch_dirs == std::vector<std::string>{"guide-helper/src"});
  CHECK(r.origin_of("output.html.redirect.\"/format/config.html\"").line == 35);
  check_round_trip(b);
}

TEST_CASE("alacritty.toml: inline tables, PascalCase enums, colours, milliseconds as integers") {
  const auto file = real_file("alacritty.toml");
  if (!file) return;
  const auto r = load_file<alacritty::Config>(*file);
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  const alacritty::Config& c = r.value();
  CHECK(std::get<alacritty::Program>(*c.terminal.shell).program == "/bin/zsh");
  CHECK(c.font.normal.family == "JetBrainsMono Nerd Font");
  CHECK(c.font.bold_italic->style == "Bold Italic");
  CHECK(c.font.size == 14.0);
  CHECK(*c.colors.primary.background == alacritty::Rgb{0x0f, 0x1c, 0x30});
  CHECK(*c.colors.bright.white == alacritty::Rgb{0xc0, 0xca, 0xf5});
  REQUIRE(c.colors.indexed_colors.size() == 2);
  CHECK(c.colors.indexed_colors[1].index == 17);
  CHECK(*c.colors.search.focused_match.background == alacritty::Rgb{0xf7, 0x76, 0x8e});
  CHECK(c.window.opacity == 0.95);
  CHECK(c.window.decorations == alacritty::Decorations::buttonless);
  CHECK(c.window.dimensions.columns == 120);
  CHECK(c.mouse.bindings[0].action == alacritty::Action::paste_selection);
  REQUIRE(c.keyboard.bindings.size() == 15);
  CHECK(c.keyboard.bindings[2].chars == "\x1b[1;5A");
  CHECK(c.keyboard.bindings[6].mode == "AppCursor");
  CHECK(c.keyboard.bindings[12].action == alacritty::Action::reset_font_size);
  const auto& style = std::get<alacritty::CursorStyle>(c.cursor.style);
  CHECK(style.blinking == alacritty::Blinking::on);
  CHECK(*c.cursor.blink_interval == 750ms);
  CHECK(c.bell.animation == alacritty::Animation::ease_out_expo);
  CHECK(*c.bell.duration == 0ms);
  CHECK(r.origin_of("keyboard.bindings[14].chars").line == 140);
  check_round_trip(c);
  const std::string dumped = strata::to_toml(c);
  CHECK(contains(dumped, "decorations = \"Buttonless\""));
  CHECK(contains(dumped, "blink_interval = 750\n"));
}

TEST_CASE("gitlab-runner config.toml: date-times, PascalCase keys, empty tables, a stray table warned about") {
  const auto file = real_file("gitlab-runner-config.toml");
  if (!file) return;
  const auto r = load_file<gitlab::Config>(*file);
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  const gitlab::Config& c = r.value();
  CHECK(c.concurrent == 1);
  CHECK(*c.check_interval == 0s);
  CHECK(*c.session_server.session_timeout == 30min);
  REQUIRE(c.runners.size() == 1);
  const gitlab::Runner& runner = c.runners[0];
  CHECK(runner.name == "all");
  CHECK(runner.id == 12);
  CHECK(runner.token->empty());
  CHECK(runner.token_obtained_at == sys_days(year(2024) / 6 / 17) + 20h + 30min + 46s);
  CHECK(runner.token_expires_at == sys_days(year(1) / 1 / 1));
  CHECK(runner.executor == gitlab::Executor::docker);
  CHECK(runner.cache.max_uploaded_archive_size == 0);
  REQUIRE(runner.docker);
  CHECK(runner.docker->image == "docker:dind");
  CHECK(runner.docker->privileged);
  CHECK(runner.docker->volumes.size() == 2);
  // `[runners.docker.registry]` is no gitlab-runner setting (a mistake in the file): a warning, not a failure
  REQUIRE(r.warnings().size() == 1);
  CHECK(r.warnings()[0].path == "runners[0].docker.registry");
  CHECK(r.warnings()[0].origin.line == 32);
  const std::string dumped = strata::to_toml(c);
  CHECK(contains(dumped, "token_obtained_at = 2024-06-17T20:30:46Z"));
  CHECK(contains(dumped, "token_expires_at = 0001-01-01T00:00:00Z"));
  CHECK(contains(dumped, "session_timeout = 1800"));
  CHECK(contains(dumped, "MaxUploadedArchiveSize = 0"));
  check_round_trip(c);
}

TEST_CASE("starship.toml: a hundred module tables through base classes, ${count} as Starship's own") {
  const auto file = real_file("starship.toml");
  if (!file) return;
  const auto r = load_file<starship::Config>(*file);
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  const starship::Config& c = r.value();
  CHECK(contains(*c.character.error_symbol, "✖"));
  CHECK(c.directory.truncation_length == 5);
  CHECK(c.git_branch.symbol == "\uF418/");  // a Nerd Font glyph, then a slash
  CHECK(c.git_branch.truncation_length == 18);
  CHECK(c.git_commit.commit_hash_length == 8);
  CHECK(*c.git_status.ahead == "🏎️ 💨 ×${count} ");
  CHECK(*c.git_status.diverged == "🔱 🏎️ 💨 ×${ahead_count} 🐢 ×${behind_count} ");
  CHECK_FALSE(c.hostname.ssh_only);
  CHECK(c.hostname.trim_at == ".local");
  CHECK(*c.memory_usage.format == "$symbol[${ram}( | ${swap})]($style) ");
  CHECK(c.memory_usage.threshold == 70);
  CHECK(*c.nodejs.format == "[󰎙 $version](bold 112) ");
  CHECK(c.time.time_format == "%T");
  CHECK(c.time.disabled);
  CHECK(c.zig.style == "bold");  // a module the file does not set keeps its default
  CHECK(r.origin_of("git_status.ahead").line == 24);
  check_round_trip(c);
  // without strata::literal, the same text would be read as interpolation: the whole file can say so too
  const auto whole = load_file<starship::Config>(*file, strata::no_interpolation);
  CHECK(whole.ok());
}
