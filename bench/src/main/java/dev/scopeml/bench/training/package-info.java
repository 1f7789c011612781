/**
 * Figure 4: the trainer jar, run as its own process against a real PostgreSQL, training MLC churn
 * by state and a generated data set of many equal scopes, with one and then two worker threads.
 */
package dev.scopeml.bench.training;
