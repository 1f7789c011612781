package dev.scopeml.learning.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.scopeml.learning.TestData;
import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.artifact.ArtifactException;
import dev.scopeml.modelstore.schema.FeatureSchema;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tribuo.common.xgboost.protos.XGBoostModelProto;
import org.tribuo.protos.core.ModelProto;

/**
 * Real stored models, truncated and bit-flipped thousands of times (seeded): the format registry
 * either reads a model that then predicts without failing, or refuses it cleanly with an {@link
 * ArtifactException} or {@link IllegalArgumentException}. Never another exception, which the scorer
 * would take for a passing fault and retry forever.
 */
class MalformedArtifactsTest {

  private static final int CASES = 2_000;

  @ParameterizedTest
  @ValueSource(strings = {"xgboost", "smile-gbm", "smile-logit"})
  void everyTruncationAndBitFlipIsReadOrCleanlyRefused(String name) {
    Algorithm algorithm = Algorithms.byName(name);
    var data = TestData.prepare(TestData.telco(), "churn", algorithm.missingValues(), 91);
    FittedModel fitted = algorithm.fit(data.train(), algorithm.validate(Map.of()), 3);
    var outcomes = new LinkedHashMap<String, Integer>();
    var random = new SplittableRandom(1234);
    byte[] payload = fitted.payload();
    for (int i = 0; i < CASES; i++) {
      byte[] mutated = i % 2 == 0 ? truncated(payload, random) : flipped(payload, random);
      outcomes.merge(
          read(fitted.format(), mutated, data.schema(), data.holdout().rows()), 1, Integer::sum);
    }
    if (name.equals("xgboost")) {
      // Inside the protobuf wrapper: the booster's own UBJSON, truncated and flipped.
      for (int i = 0; i < CASES; i++) {
        UnaryOperator<byte[]> mutate =
            i % 2 == 0 ? bytes -> truncated(bytes, random) : bytes -> flipped(bytes, random);
        outcomes.merge(
            read(
                fitted.format(),
                withBooster(payload, mutate),
                data.schema(),
                data.holdout().rows()),
            1,
            Integer::sum);
      }
    }
    assertThat(outcomes.keySet())
        .as("outcomes of %s: %s", name, outcomes)
        .isSubsetOf("read", ArtifactException.class.getSimpleName(), "IllegalArgumentException");
    assertThat(outcomes.get(ArtifactException.class.getSimpleName()))
        .as("most damage is refused: %s", outcomes)
        .isGreaterThan(CASES / 4);
  }

  private static String read(String format, byte[] payload, FeatureSchema schema, double[][] rows) {
    try {
      Predictor predictor =
          ModelFormats.installed().predictor(new ArtifactEnvelope(format, payload), schema);
      double[] out = new double[predictor.classCount()];
      for (double[] row : Arrays.copyOf(rows, 20)) {
        predictor.predict(row, out);
      }
      return "read";
    } catch (ArtifactException e) {
      return ArtifactException.class.getSimpleName();
    } catch (IllegalArgumentException e) {
      return "IllegalArgumentException";
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private static byte[] truncated(byte[] bytes, SplittableRandom random) {
    return Arrays.copyOf(bytes, random.nextInt(bytes.length));
  }

  private static byte[] flipped(byte[] bytes, SplittableRandom random) {
    byte[] copy = bytes.clone();
    int flips = 1 + random.nextInt(4);
    for (int f = 0; f < flips; f++) {
      copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
    }
    return copy;
  }

  private static byte[] withBooster(byte[] payload, UnaryOperator<byte[]> mutate) {
    try {
      ModelProto model = ModelProto.parseFrom(payload);
      XGBoostModelProto data = model.getSerializedData().unpack(XGBoostModelProto.class);
      byte[] booster = mutate.apply(data.getModels(0).toByteArray());
      XGBoostModelProto changed =
          data.toBuilder().setModels(0, ByteString.copyFrom(booster)).build();
      return model.toBuilder()
          .setSerializedData(com.google.protobuf.Any.pack(changed))
          .build()
          .toByteArray();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
