#!/usr/bin/env bash
# Figures 2 and 3: one scorer behind nginx, predict (1 and 100 rows) vs a constant endpoint of the
# same scorer, and the Python peer (gunicorn + Flask + xgboost) behind the same nginx. Peaks with
# wrk, latency at 50% of peak with a fixed-rate generator; alternating rounds, medians.
# Writes bench/target/results/2-http.md and 3-python-peer.md.
# usage: bench/http.sh            BENCH_QUICK=1 for a smoke run (about 2 minutes)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_require nginx wrk gunicorn python3-flask python3-xgboost
bench_build
bench_main dev.scopeml.bench.http.HttpBenchmark
