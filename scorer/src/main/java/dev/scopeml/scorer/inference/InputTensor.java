package dev.scopeml.scorer.inference;

import dev.scopeml.scorer.web.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One input tensor of an inference request, its data flattened in row-major order.
 *
 * @param name the tensor name
 * @param datatype its element type
 * @param shape its dimensions
 * @param data its elements, row-major; every element checked against {@code datatype}
 * @param field the tensor's path in the request, for error messages
 */
record InputTensor(String name, Datatype datatype, int[] shape, List<Object> data, String field) {

  /**
   * Reads {@code inputs[index]}.
   *
   * @param maxElements the most elements a tensor may hold
   * @throws BadRequestException naming the field that is missing or malformed
   */
  static InputTensor from(Object value, int index, long maxElements) {
    String field = "inputs[" + index + "]";
    if (!(value instanceof Map<?, ?> input)) {
      throw new BadRequestException(field, field + " must be an object");
    }
    if (!(input.get("name") instanceof String name) || name.isEmpty()) {
      throw new BadRequestException(field + ".name", field + ".name must be a non-empty string");
    }
    if (!(input.get("datatype") instanceof String typeName)) {
      throw new BadRequestException(field + ".datatype", field + ".datatype must be a string");
    }
    Datatype datatype = Datatype.parse(typeName, field + ".datatype");
    int[] shape = shape(input.get("shape"), field + ".shape", maxElements);
    if (!(input.get("data") instanceof List<?> nested)) {
      throw new BadRequestException(
          field + ".data", field + ".data must be an array (flat or nested in row-major order)");
    }
    var data = new ArrayList<Object>();
    flatten(nested, data, field + ".data", maxElements);
    long expected = elements(shape);
    if (data.size() != expected) {
      throw new BadRequestException(
          field + ".data",
          field
              + ".data holds "
              + data.size()
              + " elements, shape "
              + java.util.Arrays.toString(shape)
              + " needs "
              + expected);
    }
    for (int i = 0; i < data.size(); i++) {
      datatype.check(data.get(i), field + ".data[" + i + "]");
    }
    return new InputTensor(name, datatype, shape, data, field);
  }

  /** The number of rows: the first dimension. */
  int rows() {
    return shape.length == 0 ? 1 : shape[0];
  }

  private static int[] shape(Object value, String field, long maxElements) {
    if (!(value instanceof List<?> dims) || dims.isEmpty() || dims.size() > 8) {
      throw new BadRequestException(field, field + " must be an array of 1 to 8 dimensions");
    }
    int[] shape = new int[dims.size()];
    long product = 1;
    for (int i = 0; i < shape.length; i++) {
      if (!(dims.get(i) instanceof Double d) || d != Math.rint(d) || d < 0 || d > maxElements) {
        throw new BadRequestException(
            field, field + "[" + i + "] must be a whole number from 0 to " + maxElements);
      }
      shape[i] = d.intValue();
      product *= shape[i];
      if (product > maxElements) {
        throw new BadRequestException(
            field, field + " has more than " + maxElements + " elements, over the limit");
      }
    }
    return shape;
  }

  private static long elements(int[] shape) {
    long product = 1;
    for (int dim : shape) {
      product *= dim;
    }
    return product;
  }

  private static void flatten(List<?> nested, List<Object> out, String field, long maxElements) {
    for (Object element : nested) {
      if (element instanceof List<?> inner) {
        flatten(inner, out, field, maxElements);
      } else if (element instanceof Map<?, ?>) {
        throw new BadRequestException(field, field + " must not hold objects");
      } else {
        out.add(element);
      }
      if (out.size() > maxElements) {
        throw new BadRequestException(
            field, field + " has more than " + maxElements + " elements, over the limit");
      }
    }
  }
}
