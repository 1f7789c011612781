#!/usr/bin/env bash
# Measures MLC churn by state (51 scopes, xgboost defaults) on one trainer with 1 and 2 worker
# threads against an embedded PostgreSQL (or SCOPEML_TEST_JDBC_URL), and prints wall time, speedup
# and the share of task time spent outside the fit.
#
#   trainer/bench/training-scaling.sh [repeats]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeats="${1:-1}"
cd "$repo"

if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/*25*; do
    [[ -x "$candidate/bin/javac" ]] && export JAVA_HOME="$candidate" && break
  done
fi

./mvnw -q -pl trainer test-compile
./mvnw -q -pl trainer dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
classpath="trainer/target/test-classes:trainer/target/classes:$(cat trainer/target/bench-classpath.txt)"

cd trainer
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$(echo "$classpath" | sed "s#trainer/target#target#g")" \
  dev.scopeml.trainer.training.TrainingScaling ../datasets "$repeats"
