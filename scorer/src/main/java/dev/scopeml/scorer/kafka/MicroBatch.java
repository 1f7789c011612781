package dev.scopeml.scorer.kafka;

import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.scorer.modelcache.LoadedModel;
import dev.scopeml.scorer.modelcache.ModelResolver;
import dev.scopeml.scorer.modelcache.Resolution;
import dev.scopeml.scorer.modelcache.UnknownScopeException;
import dev.scopeml.scorer.prediction.PredictResponse;
import dev.scopeml.scorer.scoring.PredictionMetrics;
import dev.scopeml.scorer.scoring.RowOrder;
import dev.scopeml.scorer.scoring.ScopeGroup;
import dev.scopeml.scorer.scoring.Scoring;
import dev.scopeml.scorer.web.BadRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Scores the parsed requests of one poll together: grouped by model, then, within at most {@code
 * maxBatchRows} rows, by scope, each scope resolved once to the version that answers all its rows,
 * and every group predicted in one batch through the scoring path HTTP uses. A request is never
 * split between batches, so it is answered by one version per scope, as over HTTP. A request the
 * HTTP API would refuse (an unknown scope, a value that cannot be encoded) is refused alone; the
 * others of its batch are answered.
 */
final class MicroBatch {

  static final String API = "stream";

  private final ModelResolver resolver;
  private final Scoring scoring;
  private final PredictionMetrics metrics;
  private final int maxBatchRows;

  MicroBatch(ModelResolver resolver, Scoring scoring, PredictionMetrics metrics, int maxBatchRows) {
    this.resolver = resolver;
    this.scoring = scoring;
    this.metrics = metrics;
    this.maxBatchRows = maxBatchRows;
  }

  /**
   * Answers each request at {@code answers[request.index()]}.
   *
   * @throws RuntimeException when a version cannot be served right now, which is no fault of the
   *     requests (the poll is retried)
   */
  void score(List<StreamRequest> requests, Answer[] answers) {
    var byModel = new LinkedHashMap<String, List<StreamRequest>>();
    for (StreamRequest request : requests) {
      byModel.computeIfAbsent(request.family().name(), m -> new ArrayList<>()).add(request);
    }
    byModel.forEach(
        (model, ofModel) -> {
          var batch = new ArrayList<StreamRequest>();
          int rows = 0;
          for (StreamRequest request : ofModel) {
            if (!batch.isEmpty() && rows + request.rows() > maxBatchRows) {
              new Batch(model, batch, rows).score(answers);
              batch = new ArrayList<>();
              rows = 0;
            }
            batch.add(request);
            rows += request.rows();
          }
          new Batch(model, batch, rows).score(answers);
        });
  }

  /** The requests of one model scored in one batch per scope; row numbers span the batch. */
  private final class Batch {

    private final String model;
    private final List<StreamRequest> requests;
    private final int[] requestOfRow;
    private final int[] instanceOfRow;
    private final StreamRefusal[] refused;

    Batch(String model, List<StreamRequest> requests, int rows) {
      this.model = model;
      this.requests = requests;
      this.requestOfRow = new int[rows];
      this.instanceOfRow = new int[rows];
      this.refused = new StreamRefusal[requests.size()];
      int row = 0;
      for (int r = 0; r < requests.size(); r++) {
        for (int i = 0; i < requests.get(r).rows(); i++, row++) {
          requestOfRow[row] = r;
          instanceOfRow[row] = i;
        }
      }
    }

    void score(Answer[] answers) {
      long start = System.nanoTime();
      List<ScopeGroup> groups = groups();
      var probabilities = new double[groups.size()][];
      for (int g = 0; g < groups.size(); g++) {
        probabilities[g] = scoring.predict(groups.get(g), this::encode);
      }
      long nanos = System.nanoTime() - start;
      RowOrder order = RowOrder.of(groups, requestOfRow.length);
      int first = 0;
      for (int r = 0; r < requests.size(); r++) {
        StreamRequest request = requests.get(r);
        if (refused[r] != null) {
          answers[request.index()] = new Answer.Refused(refused[r]);
        } else {
          answers[request.index()] = answer(request, first, groups, probabilities, order, nanos);
        }
        first += request.rows();
      }
    }

    private Answer answer(
        StreamRequest request,
        int first,
        List<ScopeGroup> groups,
        double[][] probabilities,
        RowOrder order,
        long nanos) {
      var versions = new TreeSet<Integer>();
      var scopes = new TreeSet<String>();
      byte[] value =
          StreamResults.json(
              request.record(),
              model,
              json -> {
                for (int row = first; row < first + request.rows(); row++) {
                  int g = order.group(row);
                  ScopeGroup group = groups.get(g);
                  PredictResponse.prediction(
                      json, group, probabilities[g], order.indexInGroup(row));
                  LoadedModel answering = group.resolution().model();
                  versions.add(answering.version());
                  scopes.add(answering.key().scope().toString());
                }
              });
      metrics.success(API, model, scopes, nanos);
      return new Answer.Result(
          value, versions.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    /**
     * The batch's rows by requested scope, each scope resolved once; the rows of a request with a
     * scope that has no version (and no global one to fall back to) are left out and it is refused.
     */
    private List<ScopeGroup> groups() {
      Map<ScopeKey, List<Integer>> rowsByScope = new LinkedHashMap<>();
      for (int row = 0; row < requestOfRow.length; row++) {
        StreamRequest request = requests.get(requestOfRow[row]);
        rowsByScope
            .computeIfAbsent(request.scopes()[instanceOfRow[row]], s -> new ArrayList<>())
            .add(row);
      }
      var resolved = new LinkedHashMap<ScopeKey, Resolution>();
      rowsByScope.forEach(
          (scope, rows) -> {
            try {
              resolved.put(scope, resolver.resolve(model, scope));
            } catch (UnknownScopeException e) {
              for (int row : rows) {
                refuse(requestOfRow[row], StreamRefusal.of(e, model));
              }
            }
          });
      var groups = new ArrayList<ScopeGroup>(resolved.size());
      resolved.forEach(
          (scope, resolution) -> {
            int[] rows =
                rowsByScope.get(scope).stream()
                    .mapToInt(Integer::intValue)
                    .filter(row -> refused[requestOfRow[row]] == null)
                    .toArray();
            if (rows.length > 0) {
              groups.add(new ScopeGroup(scope, resolution, rows));
            }
          });
      return groups;
    }

    /**
     * A {@link dev.scopeml.scorer.scoring.RowWriter} over the batch: a row that cannot be encoded
     * refuses its request and leaves zeros in its slots, so the rest of the group is still
     * predicted in one batch (the zeros' prediction is thrown away).
     */
    private void encode(int row, LoadedModel version, double[] out, int offset) {
      int r = requestOfRow[row];
      try {
        requests.get(r).request().encode(instanceOfRow[row], version, out, offset);
      } catch (BadRequestException e) {
        refuse(r, StreamRefusal.of(e, model).withScope(version.key().scope().toString()));
        Arrays.fill(out, offset, offset + version.predictor().width(), 0);
      }
    }

    private void refuse(int request, StreamRefusal refusal) {
      if (refused[request] == null) {
        refused[request] = refusal;
      }
    }
  }
}
