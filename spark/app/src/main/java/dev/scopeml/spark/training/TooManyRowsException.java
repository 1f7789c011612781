package dev.scopeml.spark.training;

/** A scope with more rows than an executor trains ({@code spark.scopeml.max-scope-rows}). */
final class TooManyRowsException extends RuntimeException {

  TooManyRowsException(long maxRows) {
    super(
        "scope has more than the "
            + maxRows
            + " rows an executor trains (spark.scopeml.max-scope-rows)");
  }
}
