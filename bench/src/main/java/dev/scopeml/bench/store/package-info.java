/**
 * Figures of the model store against the PostgreSQL the tests use: how long a promotion takes to
 * reach a change listener, and how many tasks per second workers claim and complete through the
 * queue. Run by {@code bench/store.sh}.
 */
package dev.scopeml.bench.store;
