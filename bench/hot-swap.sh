#!/usr/bin/env bash
# Figure 5 alone: promotion -> every scorer (two behind nginx) serving the new version.
# usage: bench/hot-swap.sh      BENCH_QUICK=1 for a smoke run
exec "$(dirname "${BASH_SOURCE[0]}")/swap.sh" hot
