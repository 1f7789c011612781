/**
 * The outputs of scoring jobs: a folder of part files with a {@code _SUCCESS} marker (CSV, or
 * Parquet written by DuckDB with Snappy or Zstandard), or rows in a table of a named JDBC source;
 * rejected rows beside them with their reasons. Each chunk commits its output atomically and
 * idempotently: a part file is written under a temporary name and renamed to its chunk's name; a
 * table chunk replaces its own range of rows in one transaction under the primary key {@code
 * input_row}. A job that does not succeed leaves its output named as partial.
 */
package dev.scopeml.trainer.scoring.output;
