#!/usr/bin/env bash
# Scorer figures: cold and warm load of one scope (100 trees, depth 6), and in-process HTTP latency
# of single-row and 100-row predictions over loopback, against the PostgreSQL the tests use.
# usage: bench/scorer.sh [requests=20000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
requests="${1:-20000}"
JAVA_HOME="$(./scopeml java-home)"
export JAVA_HOME

./mvnw -q -pl scorer install -DskipTests
./mvnw -q -pl scorer exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.scopeml.scorer.ScorerLatencyBenchmark -Dexec.args="$requests" 2>&1 \
  | grep -v -E '^(WARNING|[0-9:.]+ (INFO|WARN))'
