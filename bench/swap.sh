#!/usr/bin/env bash
# Figures 5 and 6 on one tier of two scorers behind nginx: promotion -> every scorer serving the
# new version (50 promotions), then a rolling swap of both scorers under a fixed-rate load.
# Writes bench/target/results/5-hot-swap.md and 6-rolling-swap.md.
# usage: bench/swap.sh [hot] [rolling]      BENCH_QUICK=1 for a smoke run
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_require nginx
bench_build
bench_main dev.scopeml.bench.swap.SwapBenchmark "$@"
