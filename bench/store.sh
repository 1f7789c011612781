#!/usr/bin/env bash
# Model-store figures: promotion -> notification latency and task-queue claim throughput,
# against the same PostgreSQL the tests use (SCOPEML_TEST_JDBC_URL, Docker, or embedded).
# usage: bench/store.sh [promotions=100] [workers=2] [tasks=2000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
promotions="${1:-100}"
workers="${2:-2}"
tasks="${3:-2000}"
JAVA_HOME="$(./scopeml java-home)"
export JAVA_HOME

./mvnw -q -pl model-store install -DskipTests
run() {
  ./mvnw -q -pl model-store exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass="$1" -Dexec.args="$2" 2>&1 | grep -v -E '^(WARNING|[0-9:.]+ (INFO|WARN))'
}
run dev.scopeml.modelstore.changes.ChangeFeedLatencyBenchmark "$promotions"
run dev.scopeml.modelstore.queue.ClaimThroughputBenchmark "$workers $tasks"
