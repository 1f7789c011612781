/**
 * Where training rows come from: CSV files inside the data directory (and uploads stored there),
 * and named, configured JDBC sources read without any SQL from requests.
 */
package dev.scopeml.trainer.sources;
