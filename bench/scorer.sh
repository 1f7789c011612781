#!/usr/bin/env bash
# Scorer figures: cold and warm load of one scope (100 rounds of depth 6), and HTTP latency of
# single-row and 100-row predictions over loopback from one client connection to one scorer process,
# against the PostgreSQL the tests use.
# usage: bench/scorer.sh [requests=20000]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
requests="${1:-20000}"

bench_build
bench_main dev.scopeml.bench.scorer.ScorerLatencyBenchmark "$requests" 2>&1 \
  | grep -v -E '^(WARNING|[0-9:.]+ (INFO|WARN))'
