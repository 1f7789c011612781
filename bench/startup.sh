#!/usr/bin/env bash
# Figure 8: scorer process start -> /readyz with 10 models: packaged jar, extracted jar, and the
# extracted jar with a JDK AOT cache recorded by a training run. Writes
# bench/target/results/8-startup.md.
# usage: bench/startup.sh      BENCH_QUICK=1 for a smoke run (2 rounds)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_build
bench_main dev.scopeml.bench.startup.StartupBenchmark
