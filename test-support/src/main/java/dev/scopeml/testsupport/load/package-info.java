/**
 * Load on 127.0.0.1 for tests and benchmarks: a minimal HTTP/1.1 keep-alive client ({@link
 * dev.scopeml.testsupport.load.KeepAliveConnection}), the load generator built on it ({@link
 * dev.scopeml.testsupport.load.HttpLoad}: open loop at a fixed rate or closed loop with a pause),
 * what a run measured, and nearest-rank percentiles. Whether a request whose keep-alive connection
 * closed under it is resent is chosen per run ({@link dev.scopeml.testsupport.load.Resend}); by
 * default it never is, and counts as failed, as curl or wrk would count it.
 */
package dev.scopeml.testsupport.load;
