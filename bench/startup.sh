#!/usr/bin/env bash
# Figure 8: scorer process start -> ready and warm (/readyz) with 10 models: the packaged jar,
# ScopeML's launch (extracted jar + the AOT cache its launcher records once per jar), and an AOT
# cache recorded by a full training run. Writes bench/target/results/8-startup.md.
# usage: bench/startup.sh      BENCH_QUICK=1 for a smoke run (2 rounds)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_build
bench_main dev.scopeml.bench.startup.StartupBenchmark
