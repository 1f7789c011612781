#!/usr/bin/env bash
# Figure 4: the trainer jar trains MLC churn by state (51 scopes) and a generated data set of
# 200 scopes x 5,000 rows x 20 features, with 1 and then 2 worker threads; wall time, speedup and
# the share of task time outside the fit. Writes bench/target/results/4-training.md.
# usage: bench/training.sh      BENCH_QUICK=1 for a smoke run (20 scopes x 1,000 rows)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_build
bench_main dev.scopeml.bench.training.TrainingBenchmark
