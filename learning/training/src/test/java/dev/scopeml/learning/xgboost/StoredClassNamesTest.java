package dev.scopeml.learning.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import dev.scopeml.learning.TestData;
import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.prediction.ModelFormats;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.artifact.ArtifactException;
import dev.scopeml.modelstore.schema.MissingValues;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tribuo.common.xgboost.protos.XGBoostModelProto;
import org.tribuo.protos.core.ModelProto;

/**
 * A stored XGBoost model names the classes of its feature and label domains. Tribuo's own reader
 * would load whatever class is named (running its static initializer) and call it; the serving
 * reader accepts four names and refuses any other without loading it.
 */
class StoredClassNamesTest {

  static final AtomicInteger LOADED = new AtomicInteger();

  /** Counts its own loading: a stand-in for a class an attacker wants initialized. */
  static final class Canary {
    static {
      LOADED.incrementAndGet();
    }
  }

  @Test
  void aDomainNamingAnyOtherClassIsRefusedWithoutLoadingIt() throws Exception {
    Algorithm xgboost = Algorithms.byName("xgboost");
    var data = TestData.prepare(TestData.telco(), "churn", MissingValues.NATIVE, 5);
    FittedModel fitted = xgboost.fit(data.train(), xgboost.validate(Map.of("trees", 3)), 1);
    ModelProto model = ModelProto.parseFrom(fitted.payload());
    XGBoostModelProto xgb = model.getSerializedData().unpack(XGBoostModelProto.class);
    var metadata = xgb.getMetadata();

    var forgedFeatures =
        metadata.toBuilder()
            .setFeatureDomain(
                metadata.getFeatureDomain().toBuilder().setClassName(Canary.class.getName()))
            .build();
    var forgedLabels =
        metadata.toBuilder()
            .setOutputDomain(
                metadata.getOutputDomain().toBuilder().setClassName(Canary.class.getName()))
            .build();
    for (var forged : java.util.List.of(forgedFeatures, forgedLabels)) {
      byte[] payload =
          model.toBuilder()
              .setSerializedData(Any.pack(xgb.toBuilder().setMetadata(forged).build()))
              .build()
              .toByteArray();
      assertThatThrownBy(
              () ->
                  ModelFormats.installed()
                      .predictor(new ArtifactEnvelope(XGBoostFormat.ID, payload), data.schema()))
          .isInstanceOf(ArtifactException.class)
          .hasMessageContaining(Canary.class.getName())
          .hasMessageContaining("refused without loading it");
    }
    assertThat(LOADED).as("times the named class was initialized").hasValue(0);
  }
}
