#!/usr/bin/env bash
# Figure 9: scored rows/s end to end through Kafka (the build's broker, 6 partitions) with 1 and 2
# scorer processes, exactly-once and at-least-once, 1-row and 100-row requests, against a
# pass-through group on the same broker; then produce -> committed result latency at half the peak.
# Writes bench/target/results/9-stream.md.
# usage: bench/stream.sh      BENCH_QUICK=1 for a smoke run
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_build
bench_main dev.scopeml.bench.stream.StreamBenchmark
