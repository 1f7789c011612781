/**
 * The measurements behind {@code BENCHMARKS.md}, one sub-package per figure: {@code predictor}
 * (JMH), {@code http} (HTTP through nginx, and the Python peer), {@code training}, {@code swap}
 * (hot and rolling swaps), {@code manymodels} and {@code startup}. {@code load}, {@code stack},
 * {@code models} and {@code report} hold what the figures share. These are mains run by the scripts
 * in {@code bench/}, not tests.
 */
package dev.scopeml.bench;
