/**
 * Warm before ready: once the active versions are loaded, the scorer replays their stored reference
 * rows as prediction and inference requests through its own listener, the code path client requests
 * take, until the JIT compiler goes quiet; only then does it open its public listener and report
 * ready. A scorer that joins a tier under load so takes its first requests compiled, not
 * interpreted.
 */
package dev.scopeml.scorer.warmup;
