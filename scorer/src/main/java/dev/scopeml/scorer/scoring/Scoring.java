package dev.scopeml.scorer.scoring;

import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.scorer.modelcache.LoadedModel;
import dev.scopeml.scorer.modelcache.ModelResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The prediction core both APIs share: groups a request's rows by scope, resolves each scope to one
 * loaded version for the whole request, encodes the rows into a reused per-thread buffer and
 * predicts them in one batch per group.
 */
@Component
public final class Scoring {

  /** Buffers up to this many slots are kept per thread; bigger requests allocate their own. */
  private static final int KEPT_BUFFER_SLOTS = 16 * 1024;

  private static final ThreadLocal<double[]> BUFFER =
      ThreadLocal.withInitial(() -> new double[1024]);

  private final ModelResolver resolver;

  Scoring(ModelResolver resolver) {
    this.resolver = resolver;
  }

  /**
   * Groups rows by their scope and resolves each distinct scope once.
   *
   * @param scopeOfRow the requested scope of every row
   */
  public List<ScopeGroup> group(String model, ScopeKey[] scopeOfRow) {
    if (allSame(scopeOfRow)) {
      int[] rows = new int[scopeOfRow.length];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = i;
      }
      return List.of(new ScopeGroup(scopeOfRow[0], resolver.resolve(model, scopeOfRow[0]), rows));
    }
    Map<ScopeKey, List<Integer>> byScope = new LinkedHashMap<>();
    for (int i = 0; i < scopeOfRow.length; i++) {
      byScope.computeIfAbsent(scopeOfRow[i], k -> new ArrayList<>()).add(i);
    }
    var groups = new ArrayList<ScopeGroup>(byScope.size());
    byScope.forEach(
        (scope, rows) ->
            groups.add(
                new ScopeGroup(
                    scope,
                    resolver.resolve(model, scope),
                    rows.stream().mapToInt(Integer::intValue).toArray())));
    return groups;
  }

  /**
   * Predicts the rows of one group.
   *
   * @return {@code model.classCount()} probabilities per row of the group, in the group's order
   */
  public double[] predict(ScopeGroup group, RowWriter writer) {
    LoadedModel model = group.resolution().model();
    int width = model.predictor().width();
    int[] rows = group.rows();
    double[] buffer = buffer(rows.length * width);
    for (int i = 0; i < rows.length; i++) {
      writer.write(rows[i], model, buffer, i * width);
    }
    double[] probabilities = new double[rows.length * model.classCount()];
    if (rows.length == 1) {
      model.predictor().predict(buffer, probabilities);
    } else {
      model.predictor().predictBatch(buffer, rows.length, probabilities);
    }
    return probabilities;
  }

  /** Index of the most probable class of row {@code row} (the first one on a tie). */
  public static int argmax(double[] probabilities, int row, int classCount) {
    return Predictor.mostProbable(probabilities, row, classCount);
  }

  private static double[] buffer(int slots) {
    double[] kept = BUFFER.get();
    if (slots <= kept.length) {
      return kept;
    }
    double[] bigger = new double[Math.max(slots, kept.length * 2)];
    if (bigger.length <= KEPT_BUFFER_SLOTS) {
      BUFFER.set(bigger);
    }
    return bigger;
  }

  private static boolean allSame(ScopeKey[] scopes) {
    for (int i = 1; i < scopes.length; i++) {
      if (!scopes[i].equals(scopes[0])) {
        return false;
      }
    }
    return true;
  }
}
