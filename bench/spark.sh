#!/usr/bin/env bash
# Figure 11: the generated 200 scopes x 5,000 rows x 20 features trained by the trainer with 2
# workers, by the Spark engine on local[2], and on a standalone cluster of 1 and 2 Workers, with
# the load average beside each. Writes bench/target/results/11-spark.md.
# usage: bench/spark.sh      BENCH_QUICK=1 for a smoke run (20 scopes x 1,000 rows)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_build
# The application jar and the Spark home the engine runs from.
./mvnw -q -pl spark/runtime,spark/app -am install -DskipTests
bench_main dev.scopeml.bench.training.SparkTrainingBenchmark
