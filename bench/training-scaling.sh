#!/usr/bin/env bash
# Measures MLC churn by state (51 scopes, xgboost defaults) on one trainer process with 1 and 2
# worker threads against the PostgreSQL the tests use (embedded unless SCOPEML_TEST_JDBC_URL is
# set), and prints wall time, speedup and where task time goes.
# usage: bench/training-scaling.sh [repeats=1]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
repeats="${1:-1}"

bench_build
bench_main dev.scopeml.bench.training.TrainingScaling "$repeats"
