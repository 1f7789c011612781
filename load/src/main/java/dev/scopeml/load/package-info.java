/**
 * HTTP load on 127.0.0.1, counted the way a client sees it: a minimal HTTP/1.1 keep-alive client
 * ({@link dev.scopeml.load.KeepAliveConnection}), the load generator built on it ({@link
 * dev.scopeml.load.HttpLoad}: open loop at a fixed rate or closed loop with a pause), what a run
 * measured, and nearest-rank percentiles. The demo's live load, the tests' loads and the
 * benchmarks' all run on it. Whether a request whose keep-alive connection closed under it is sent
 * again is chosen per run ({@link dev.scopeml.load.Resend}); by default it never is, and counts as
 * failed, as curl or wrk would count it.
 */
package dev.scopeml.load;
