/**
 * The inputs of scoring jobs and how each is cut into slices that any worker reads on its own: a
 * CSV file by the pages of a FastCSV index, Parquet files by row ranges that DuckDB pushes down to
 * the row groups, a JDBC table or query by ranges of a unique key. Every row gets its position in
 * the input, so that outputs and rejects name it and a retried slice reads the same rows again.
 */
package dev.scopeml.trainer.scoring.input;
