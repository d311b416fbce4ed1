// benchmarks/binding.cpp: binding only. An already parsed toml::table (the
// MusicGen base.toml plus a JWT secret, so the configuration is valid) into
// the MusicGen configuration, validated: strata (a toml_table source, read
// in place) against hand-written extraction with the same checks
// (handwritten/musicgen_loader.hpp). Target: strata / hand-written <= 1.5.
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <strata/load.hpp>
#include <toml++/toml.h>

#include "handwritten/musicgen_loader.hpp"
#include "musicgen_config.hpp"
#include "ratio.hpp"

#ifndef MUSICGEN_CONFIGS
#define MUSICGEN_CONFIGS "examples/musicgen/configs"
#endif

namespace {

std::shared_ptr<const toml::table> base_table() {
  static const std::shared_ptr<const toml::table> table = [] {
    toml::table t = toml::parse_file(MUSICGEN_CONFIGS "/app/base.toml");
    t["auth"].as_table()->insert_or_assign("jwt_secret", "bench-secret-0123456789-abcdefghijklmnop");
    return std::make_shared<const toml::table>(std::move(t));
  }();
  return table;
}

void BM_strata_binding(benchmark::State& state) {
  const strata::configuration ctx(strata::toml_table(base_table(), "base.toml"));
  for (auto _ : state) {
    strata::result<musicgen::MusicGenConfig> r = ctx.load<musicgen::MusicGenConfig>();
    if (!r.ok()) state.SkipWithError(strata::format(r.diagnostics()).c_str());
    benchmark::DoNotOptimize(r);
  }
}

void BM_handwritten_binding(benchmark::State& state) {
  const std::shared_ptr<const toml::table> table = base_table();
  std::vector<std::string> errors;
  for (auto _ : state) {
    plain::MusicGenConfig c;
    errors.clear();
    plain::bind(*table, c, errors);
    plain::check(c, errors);
    if (!errors.empty()) state.SkipWithError(errors.front().c_str());
    benchmark::DoNotOptimize(c);
  }
}

}  // namespace

BENCHMARK(BM_strata_binding);
BENCHMARK(BM_handwritten_binding);

STRATA_BENCHMARK_MAIN_WITH_RATIOS({"binding strata/hand-written", "BM_strata_binding", "BM_handwritten_binding", 1.5});
