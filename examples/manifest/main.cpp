// examples/manifest/main.cpp: loads a Cargo-like manifest as it is written
// and prints every value with its origin (strata::explain), then a broken
// one with every problem reported in the file's own spelling.
//
//   manifest <dir holding Cargo.toml> [dotted.path=value ...]
//
// Arguments use the file's keys: `package.rust-version=1.80`,
// `dependencies.rand=0.8`, `dependencies.rand={version="0.8"}`.
// Exit 0 when Cargo.toml loads and the broken manifest is rejected.
#include <cstdio>
#include <filesystem>
#include <string>

#include <strata/load.hpp>
#include <strata/src.hpp>  // the engine: in one source file of the program
#include <strata/tools/explain.hpp>

#include "manifest.hpp"

int main(int argc, char** argv) {
  const std::filesystem::path dir = argc > 1 ? argv[1] : "examples/manifest";

  const auto loaded =
      strata::configuration(strata::toml_file(dir / "Cargo.toml"), strata::args(argc, argv)).load<manifest::Manifest>();
  std::fputs(strata::format(loaded.diagnostics()).c_str(), stderr);  // the warning about `homepage`
  if (!loaded.ok()) return 1;
  std::fputs(strata::explain(loaded).c_str(), stdout);

  const manifest::Manifest& m = loaded.value();
  std::printf("\n%s %s: %zu dependencies, ", m.package.name->c_str(), m.package.version->c_str(),
              m.dependencies.size());
  int tables = 0;
  for (const auto& [name, dependency] : m.dependencies) tables += std::holds_alternative<manifest::Dependency>(dependency);
  std::printf("%d of them written as tables\n\n", tables);

  const auto broken = strata::configuration(strata::toml_text(R"([package]
name = "tally"
version = "0.3.1"
edition = "2020"
rust_version = "1.74"

[dependencies]
serde = ["1.0"]

[profile.release]
debug = 3
)",
                                                             "broken/Cargo.toml"))
                          .load<manifest::Manifest>();
  std::printf("broken/Cargo.toml:\n%s", strata::format(broken.diagnostics()).c_str());
  return broken.ok() ? 1 : 0;
}
