package dev.scopeml.scorer.scoring;

import dev.scopeml.scorer.modelcache.LoadedModel;

/**
 * Writes one request row, encoded for {@code model}, into a buffer. Each API supplies its own: the
 * native API encodes row objects with the model's encoder, an inference tensor is copied as is.
 */
@FunctionalInterface
public interface RowWriter {

  /**
   * @param row the row's index in the request
   * @param model the version that answers the row; encode with its schema
   * @param out the buffer
   * @param offset where the row's {@code model.predictor().width()} slots start
   * @throws dev.scopeml.scorer.web.BadRequestException naming the field that cannot be encoded
   */
  void write(int row, LoadedModel model, double[] out, int offset);
}
