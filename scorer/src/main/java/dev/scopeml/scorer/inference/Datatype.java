package dev.scopeml.scorer.inference;

import dev.scopeml.scorer.web.BadRequestException;

/** The tensor data types of the Open Inference Protocol, and what JSON elements each accepts. */
enum Datatype {
  BOOL,
  UINT8,
  UINT16,
  UINT32,
  UINT64,
  INT8,
  INT16,
  INT32,
  INT64,
  FP16,
  FP32,
  FP64,
  BYTES;

  /** The type named {@code name}, case-sensitive as the protocol says. */
  static Datatype parse(String name, String field) {
    for (Datatype type : values()) {
      if (type.name().equals(name)) {
        return type;
      }
    }
    throw new BadRequestException(
        field,
        field
            + " '"
            + name
            + "' is not a tensor datatype (BOOL, INT8…INT64, UINT8…UINT64, FP16,"
            + " FP32, FP64, BYTES)");
  }

  boolean isFloatingPoint() {
    return this == FP16 || this == FP32 || this == FP64;
  }

  boolean isNumeric() {
    return this != BOOL && this != BYTES;
  }

  /**
   * Checks one element. Null is accepted by every type and means a missing value.
   *
   * @throws BadRequestException naming the element if it does not fit the type
   */
  void check(Object element, String field) {
    if (element == null) {
      return;
    }
    boolean fits =
        switch (this) {
          case BOOL -> element instanceof Boolean;
          case BYTES -> element instanceof String;
          case FP16, FP32, FP64 -> element instanceof Double;
          default ->
              element instanceof Double d
                  && d == Math.rint(d)
                  && (!name().startsWith("U") || d >= 0);
        };
    if (!fits) {
      throw new BadRequestException(
          field,
          field
              + " must be "
              + expectation()
              + " for datatype "
              + name()
              + ", got "
              + describe(element));
    }
  }

  private String expectation() {
    return switch (this) {
      case BOOL -> "true or false";
      case BYTES -> "a string";
      case FP16, FP32, FP64 -> "a number";
      default -> name().startsWith("U") ? "a non-negative integer" : "an integer";
    };
  }

  private static String describe(Object element) {
    return switch (element) {
      case String text -> "a string";
      case Boolean bool -> bool.toString();
      case Double number -> number.toString();
      case java.util.List<?> list -> "an array";
      case java.util.Map<?, ?> map -> "an object";
      default -> element.getClass().getSimpleName();
    };
  }
}
