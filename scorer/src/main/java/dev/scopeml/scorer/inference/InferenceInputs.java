package dev.scopeml.scorer.inference;

import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.schema.MissingValues;
import dev.scopeml.modelstore.schema.RowEncodingException;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.scorer.scoring.RowWriter;
import dev.scopeml.scorer.scoring.ScopeValues;
import dev.scopeml.scorer.web.BadRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of an inference request and the scope of each. Two forms are accepted:
 *
 * <ul>
 *   <li><b>named inputs</b>: one tensor per feature, named after it, of shape {@code [N]} or {@code
 *       [N, 1]}; numbers for numeric features, strings (or numbers) for categorical ones; null or
 *       an absent feature is a missing value. Scope columns may be inputs too, giving each row its
 *       own scope.
 *   <li><b>one tensor</b> of shape {@code [N, F]} with any other name, FP32 or FP64 (integers
 *       accepted), holding the encoded rows: {@code F} is the encoded width and columns follow the
 *       schema's encoded order (numeric features as is, categorical ones one-hot), as listed in the
 *       model metadata.
 * </ul>
 *
 * A request-level scope in {@code parameters} ({@code "scope": "contract=One year"} or the scope
 * columns themselves as parameters) applies to every row and wins over scope inputs.
 *
 * @param rowCount N
 * @param scopes the requested scope of every row
 * @param writer encodes a row for the version that answers it
 */
record InferenceInputs(int rowCount, ScopeKey[] scopes, RowWriter writer) {

  static InferenceInputs of(InferRequest request, ModelFamily family, int maxInstances) {
    List<String> features = family.schema().featureNames();
    List<InputTensor> inputs = request.inputs();
    InputTensor first = inputs.get(0);
    boolean tensor =
        inputs.size() == 1
            && !features.contains(first.name())
            && !family.scopeColumns().contains(first.name())
            && first.shape().length == 2;
    return tensor
        ? encoded(request, family, first, maxInstances)
        : named(request, family, features, maxInstances);
  }

  private static InferenceInputs named(
      InferRequest request, ModelFamily family, List<String> features, int maxInstances) {
    List<InputTensor> inputs = request.inputs();
    int rows = -1;
    for (InputTensor input : inputs) {
      if (!features.contains(input.name()) && !family.scopeColumns().contains(input.name())) {
        throw new BadRequestException(
            input.field() + ".name",
            "input '"
                + input.name()
                + "' is neither a feature nor a scope column of model '"
                + family.name()
                + "' (see GET /v2/models/"
                + family.name()
                + "); to send encoded rows, send one [N, F] tensor");
      }
      int[] shape = input.shape();
      if (shape.length > 2 || (shape.length == 2 && shape[1] != 1)) {
        throw new BadRequestException(
            input.field() + ".shape",
            "input '" + input.name() + "' must have shape [N] or [N, 1], one value per row");
      }
      if (rows >= 0 && shape[0] != rows) {
        throw new BadRequestException(
            input.field() + ".shape",
            "input '" + input.name() + "' has " + shape[0] + " rows, other inputs have " + rows);
      }
      rows = shape[0];
    }
    checkRows(rows, maxInstances, "inputs");
    var rowMaps = new ArrayList<Map<String, Object>>(rows);
    for (int r = 0; r < rows; r++) {
      rowMaps.add(new HashMap<>(inputs.size() * 2));
    }
    for (InputTensor input : inputs) {
      List<Object> data = input.data();
      for (int r = 0; r < rows; r++) {
        rowMaps.get(r).put(input.name(), data.get(r));
      }
    }
    ScopeKey[] scopes = new ScopeKey[rows];
    ScopeKey shared = requestScope(request, family);
    boolean perRow =
        shared == null
            && !family.scopeColumns().isEmpty()
            && inputs.stream().anyMatch(i -> family.scopeColumns().contains(i.name()));
    for (int r = 0; r < rows; r++) {
      scopes[r] =
          perRow
              ? ScopeValues.fromRow(rowMaps.get(r), family, "rows[" + r + "]")
              : shared == null ? ScopeKey.global() : shared;
    }
    String[] names = inputs.stream().map(InputTensor::name).toArray(String[]::new);
    RowWriter writer =
        (row, model, out, offset) -> {
          try {
            model.encoder().encode(rowMaps.get(row), out, offset);
          } catch (RowEncodingException e) {
            int at = Arrays.asList(names).indexOf(e.field());
            String field = (at < 0 ? "inputs" : "inputs[" + at + "]") + ".data[" + row + "]";
            throw new BadRequestException(field, field + ": " + e.getMessage());
          }
        };
    return new InferenceInputs(rows, scopes, writer);
  }

  private static InferenceInputs encoded(
      InferRequest request, ModelFamily family, InputTensor input, int maxInstances) {
    if (!input.datatype().isNumeric()) {
      throw new BadRequestException(
          input.field() + ".datatype",
          "an encoded [N, F] tensor must be FP32 or FP64, not " + input.datatype());
    }
    int rows = input.shape()[0];
    int width = input.shape()[1];
    checkRows(rows, maxInstances, input.field() + ".shape");
    ScopeKey shared = requestScope(request, family);
    ScopeKey[] scopes = new ScopeKey[rows];
    Arrays.fill(scopes, shared == null ? ScopeKey.global() : shared);
    List<Object> data = input.data();
    RowWriter writer =
        (row, model, out, offset) -> {
          int expected = model.predictor().width();
          if (width != expected) {
            throw new BadRequestException(
                input.field() + ".shape",
                "input '"
                    + input.name()
                    + "' has "
                    + width
                    + " columns; "
                    + model
                    + " encodes rows as "
                    + expected
                    + " columns (see the model metadata's encoded_features)");
          }
          boolean nativeMissing = model.schema().missing() == MissingValues.NATIVE;
          for (int c = 0; c < width; c++) {
            Object value = data.get(row * width + c);
            double number;
            if (value == null && nativeMissing) {
              number = Double.NaN;
            } else if (value instanceof Double d && Double.isFinite(d)) {
              number = d;
            } else {
              String field = input.field() + ".data[" + (row * width + c) + "]";
              throw new BadRequestException(
                  field, field + " must be a finite number" + (nativeMissing ? " or null" : ""));
            }
            out[offset + c] = number;
          }
        };
    return new InferenceInputs(rows, scopes, writer);
  }

  /** The scope the request's parameters name, or null when they name none. */
  private static ScopeKey requestScope(InferRequest request, ModelFamily family) {
    Map<String, Object> parameters = request.parameters();
    if (parameters.containsKey("scope")) {
      return ScopeValues.fromField(parameters.get("scope"), family, "parameters.scope");
    }
    var columns = new LinkedHashMap<String, Object>();
    for (String column : family.scopeColumns()) {
      if (parameters.containsKey(column)) {
        columns.put(column, parameters.get(column));
      }
    }
    return columns.isEmpty() ? null : ScopeValues.fromField(columns, family, "parameters");
  }

  private static void checkRows(int rows, int maxInstances, String field) {
    if (rows < 1) {
      throw new BadRequestException(field, field + ": a request needs at least one row");
    }
    if (rows > maxInstances) {
      throw new BadRequestException(
          field, field + ": " + rows + " rows, more than the limit of " + maxInstances);
    }
  }
}
