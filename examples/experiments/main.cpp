// experiments: the Dynaconf + Hydra-zen split in C++. ExperimentConfig is
// composed from groups (configs/model, training, data) beside deployment
// settings, then swept: every job is composed and validated before any
// "training" runs, a tiny deterministic closed-form loss per job, and the
// best job is printed. A sweep with a bad value is refused up front.
//
//   experiments [configs-dir] [--out DIR]
//   experiments config <command> ...   (strata::cli::run: groups, sweep, ...)
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>

#include <strata/experiments.hpp>
#include <strata/load.hpp>
#include <strata/src.hpp>
#include <strata/tools/cli.hpp>

#include "experiment_config.hpp"

using experiments::ExperimentConfig;

namespace {

/// The "training": a closed-form loss, lowest near lr = 0.03, wider models,
/// more epochs, Adam for large models.
double train(const ExperimentConfig& c) {
  const double lr = c.training.lr;
  const double off = std::log10(lr) - std::log10(0.03);
  const bool adam = std::holds_alternative<experiments::Adam>(c.training.optimizer.value());
  const double optimizer = adam ? (c.model.width > 128 ? -0.05 : 0.05) : 0.0;
  return off * off + 50.0 / c.model.width + 1.0 / c.training.epochs + c.training.batch_size / 2000.0 + optimizer +
         1000.0 / c.data.samples;
}

strata::configuration experiment(const std::filesystem::path& configs) {
  return strata::configuration(strata::toml_file(configs / "experiment.toml"));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "config")
    return strata::cli::run<ExperimentConfig>(
        argc - 1, argv + 1,
        [](const strata::cli::options& o) {
          return strata::cli::layered(std::tuple{strata::toml_file(std::filesystem::path(EXPERIMENT_CONFIGS) /
                                                                   "experiment.toml")},
                                      o.files, std::tuple{});
        },
        {.program = "experiments config"});
  const std::filesystem::path configs = argc > 1 && argv[1][0] != '-' ? argv[1] : EXPERIMENT_CONFIGS;
  const strata::configuration ctx = experiment(configs);

  // A value its field refuses (lr above 1.0) fails the sweep before any job runs.
  try {
    (void)strata::sweep<ExperimentConfig>(ctx, {"training.lr=0.1,2.0", "model=small,large"});
    std::puts("error: a sweep with lr=2.0 was accepted");
    return 1;
  } catch (const strata::sweep_error& e) {
    std::printf("refused before running: %s\n\n", e.what());
  }

  const auto jobs = strata::sweep<ExperimentConfig>(
      ctx, {"model=glob(*)", "training=sgd,adam", "zip(training.lr=0.3,0.03,0.003; training.epochs=5,10,20)",
            "training.batch_size=range(32,129,32)"});
  std::printf("%zu jobs, %zu invalid\n", jobs.size(), strata::count_invalid(jobs));
  if (strata::count_invalid(jobs) != 0) return 1;
  const strata::job<ExperimentConfig>* best = nullptr;
  double best_loss = 0;
  for (const auto& j : jobs) {
    const double loss = train(*j.config);
    if (!best || loss < best_loss) best = &j, best_loss = loss;
  }
  std::printf("best job: %s (loss %.4f)\n", best->name.c_str(), best_loss);
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string_view(argv[i]) == "--out") {
      strata::write_sweep(argv[i + 1], jobs);
      std::printf("wrote %s/sweep.toml and one folder per job\n", argv[i + 1]);
    }
  return 0;
}
