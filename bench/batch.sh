#!/usr/bin/env bash
# Figure 10: a million telco rows scored by scope by trainer jars with 1 and 2 workers, CSV to CSV
# and Parquet to Parquet, against the in-process ceiling and against pandas + Python xgboost.
# Writes bench/target/results/10-batch.md.
# usage: bench/batch.sh      BENCH_QUICK=1 for a smoke run (100,000 rows, one round)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_require python3-pandas python3-xgboost
bench_build
bench_main dev.scopeml.bench.batch.BatchScoringBenchmark
