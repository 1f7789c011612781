/**
 * The change feed: promotions announced with PostgreSQL NOTIFY and a listener that survives lost
 * connections by reconciling after every (re)connect.
 */
package dev.scopeml.modelstore.changes;
