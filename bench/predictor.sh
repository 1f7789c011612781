#!/usr/bin/env bash
# Prediction-path benchmark (JMH): the flat tree-ensemble predictor against xgboost4j (DMatrix and
# in-place), Tribuo's Model.predict and Smile GBM, single row and batches of 1,000, one thread.
# Prints the median single-row latency and the batch throughput of each path.
# usage: bench/predictor.sh [extra JMH options]   BENCH_QUICK=1 for a short run (about a minute)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
JAVA_HOME="$(./scopeml java-home)"
export JAVA_HOME

./mvnw -q -pl learning,bench install -DskipTests
./mvnw -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"

options=()
if [[ "${BENCH_QUICK:-}" == 1 ]]; then
  options=(-wi 2 -w 1s -i 3 -r 1s)
fi
results=bench/target/predictor.json
"$JAVA_HOME/bin/java" -cp "$classpath" org.openjdk.jmh.Main PredictorBenchmark "${options[@]}" "$@" \
  -rf json -rff "$results"
echo
"$JAVA_HOME/bin/java" -cp "$classpath" dev.scopeml.bench.BenchmarkSummary "$results"
