#!/usr/bin/env bash
# Prediction-path benchmark (JMH): the flat tree-ensemble predictor against xgboost4j (DMatrix and
# in-place), Tribuo's Model.predict and Smile GBM, single row and batches of 1,000, one thread.
# Prints the median single-row latency and the batch throughput of each path, and writes figure 1
# to bench/target/results/1-predictor.md.
# usage: bench/predictor.sh [extra JMH options]   BENCH_QUICK=1 for a short run (about a minute)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_build

options=()
if [[ "${BENCH_QUICK:-}" == 1 ]]; then
  options=(-wi 2 -w 1s -i 3 -r 1s)
fi
results=bench/target/predictor.json
"$JAVA_HOME/bin/java" -cp "$(bench_classpath)" org.openjdk.jmh.Main PredictorBenchmark "${options[@]}" "$@" \
  -rf json -rff "$results"
echo
bench_main dev.scopeml.bench.predictor.BenchmarkSummary "$results"
bench_main dev.scopeml.bench.predictor.PredictorReport "$results" "${options[*]} $*" >/dev/null
