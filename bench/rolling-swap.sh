#!/usr/bin/env bash
# Figure 6 alone: rolling swap of two scorers behind nginx under a fixed-rate load.
# usage: bench/rolling-swap.sh      BENCH_QUICK=1 for a smoke run
exec "$(dirname "${BASH_SOURCE[0]}")/swap.sh" rolling
