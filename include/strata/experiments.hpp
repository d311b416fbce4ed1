// strata/experiments.hpp: experiments as Hydra's multirun runs them, checked
// before anything runs (docs/experiments.md):
//
//   auto jobs = strata::sweep<Train>(ctx, {"lr=0.1,0.01", "batch=range(32,129,32)",
//                                          "model=glob(*)", "zip(lr=0.1,0.01; warmup=100,500)"});
//   strata::count_invalid(jobs); strata::write_sweep("runs", jobs);
//
// Config groups are chosen with ordinary overrides (`model=large`, in
// configuration.ipp). Include it where configuration is loaded.
#pragma once

#include <strata/experiments/artifacts.hpp>
#include <strata/experiments/grammar.hpp>
#include <strata/experiments/plan.hpp>
#include <strata/experiments/sweep.hpp>
