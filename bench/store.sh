#!/usr/bin/env bash
# Model-store figures: promotion -> notification latency and task-queue claim throughput,
# against the same PostgreSQL the tests use (SCOPEML_TEST_JDBC_URL, Docker, or embedded).
# usage: bench/store.sh [promotions=100] [workers=2] [tasks=2000]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
promotions="${1:-100}"
workers="${2:-2}"
tasks="${3:-2000}"

bench_build
quiet() { grep -v -E '^(WARNING|[0-9:.]+ (INFO|WARN))'; }
bench_main dev.scopeml.bench.store.ChangeFeedLatencyBenchmark "$promotions" 2>&1 | quiet
bench_main dev.scopeml.bench.store.ClaimThroughputBenchmark "$workers" "$tasks" 2>&1 | quiet
