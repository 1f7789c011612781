package dev.scopeml.scorer.modelcache;

import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.testsupport.models.StoredModels;
import java.util.Arrays;

/** Loaded versions for cache tests: a constant predictor under a scope of model {@code m}. */
final class CachedModels {

  private CachedModels() {}

  static ModelScope scope(String scope) {
    return new ModelScope("m", ScopeKey.of("s", scope));
  }

  static LoadedModel model(String scope, int version, long bytes) {
    return new LoadedModel(
        scope(scope), version, "stub", StoredModels.schema(), new ConstantPredictor(), bytes);
  }

  private static final class ConstantPredictor implements Predictor {
    @Override
    public int classCount() {
      return 2;
    }

    @Override
    public int width() {
      return 4;
    }

    @Override
    public void predict(double[] encodedRow, double[] probabilitiesOut) {
      probabilitiesOut[0] = 0.5;
      probabilitiesOut[1] = 0.5;
    }

    @Override
    public void predictBatch(double[] rowsFlat, int rowCount, double[] probabilitiesOut) {
      Arrays.fill(probabilitiesOut, 0, rowCount * 2, 0.5);
    }
  }
}
