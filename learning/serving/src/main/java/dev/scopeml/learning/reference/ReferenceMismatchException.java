package dev.scopeml.learning.reference;

/** A loaded model answered a reference row differently from the model that was trained. */
public final class ReferenceMismatchException extends IllegalStateException {

  private final int row;
  private final String className;
  private final double expected;
  private final double actual;

  public ReferenceMismatchException(int row, String className, double expected, double actual) {
    super(
        "reference row "
            + row
            + ", class '"
            + className
            + "': expected probability "
            + expected
            + ", got "
            + actual);
    this.row = row;
    this.className = className;
    this.expected = expected;
    this.actual = actual;
  }

  /** Index of the row in the reference sample. */
  public int row() {
    return row;
  }

  public String className() {
    return className;
  }

  public double expected() {
    return expected;
  }

  public double actual() {
    return actual;
  }
}
