#!/usr/bin/env bash
# Figure 7: 10,000 scoped XGBoost models (20 rounds each) in one scorer: heap and RSS with all
# loaded, cold-load latency of one scope, throughput with a working set larger than the cache.
# Writes bench/target/results/7-many-models.md.
# usage: bench/many-models.sh      BENCH_QUICK=1 for a smoke run (500 scopes)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_build
bench_main dev.scopeml.bench.manymodels.ManyModelsBenchmark
