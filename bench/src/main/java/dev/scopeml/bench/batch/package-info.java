/**
 * Figure 10, batch scoring: a million rows through trainer processes with 1 and 2 workers, CSV and
 * Parquet, against the in-process ceiling and against pandas with Python xgboost.
 */
package dev.scopeml.bench.batch;
