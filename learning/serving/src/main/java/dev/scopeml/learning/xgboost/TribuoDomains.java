package dev.scopeml.learning.xgboost;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.scopeml.modelstore.artifact.ArtifactException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.tribuo.classification.protos.ImmutableLabelInfoProto;
import org.tribuo.protos.core.CategoricalIDInfoProto;
import org.tribuo.protos.core.FeatureDomainProto;
import org.tribuo.protos.core.ImmutableFeatureMapProto;
import org.tribuo.protos.core.OutputDomainProto;
import org.tribuo.protos.core.RealIDInfoProto;
import org.tribuo.protos.core.VariableInfoProto;

/**
 * The feature and label ids of a stored Tribuo model, read from their protobuf messages alone.
 * Tribuo's own deserializers load each class a message names ({@code Class.forName}, running its
 * static initializers) and call it reflectively; here a stored class name only selects one of the
 * few message types a classification model holds, and any other name is refused before anything is
 * loaded.
 */
final class TribuoDomains {

  private static final String FEATURE_MAP = "org.tribuo.ImmutableFeatureMap";
  private static final String REAL_INFO = "org.tribuo.RealIDInfo";
  private static final String CATEGORICAL_INFO = "org.tribuo.CategoricalIDInfo";
  private static final String LABEL_INFO = "org.tribuo.classification.ImmutableLabelInfo";

  /** The class names a stored XGBoost classification model may name. */
  static final Set<String> ALLOWED = Set.of(FEATURE_MAP, REAL_INFO, CATEGORICAL_INFO, LABEL_INFO);

  private TribuoDomains() {}

  /**
   * Feature names by Tribuo feature id.
   *
   * @throws ArtifactException for another domain type, a class outside {@link #ALLOWED}, or a
   *     message that does not parse
   */
  static Map<Integer, String> features(FeatureDomainProto domain) {
    require(FEATURE_MAP, domain.getClassName(), "feature domain");
    ImmutableFeatureMapProto map =
        unpack(domain.getSerializedData(), ImmutableFeatureMapProto.class);
    var names = new HashMap<Integer, String>();
    for (VariableInfoProto info : map.getInfoList()) {
      int id;
      String name;
      switch (info.getClassName()) {
        case REAL_INFO -> {
          RealIDInfoProto real = unpack(info.getSerializedData(), RealIDInfoProto.class);
          id = real.getId();
          name = real.getName();
        }
        case CATEGORICAL_INFO -> {
          CategoricalIDInfoProto categorical =
              unpack(info.getSerializedData(), CategoricalIDInfoProto.class);
          id = categorical.getId();
          name = categorical.getName();
        }
        default -> throw refused(info.getClassName(), "feature");
      }
      if (names.put(id, name) != null) {
        throw new ArtifactException("Tribuo feature map repeats feature id " + id);
      }
    }
    return names;
  }

  /**
   * Label names by Tribuo output id.
   *
   * @throws ArtifactException for another domain type or a message that does not parse
   */
  static Map<Integer, String> labels(OutputDomainProto domain) {
    require(LABEL_INFO, domain.getClassName(), "output domain");
    ImmutableLabelInfoProto info =
        unpack(domain.getSerializedData(), ImmutableLabelInfoProto.class);
    if (info.getLabelCount() != info.getIdCount()) {
      throw new ArtifactException(
          "Tribuo label domain has "
              + info.getLabelCount()
              + " labels, "
              + info.getIdCount()
              + " ids");
    }
    var names = new HashMap<Integer, String>();
    for (int i = 0; i < info.getLabelCount(); i++) {
      if (names.put(info.getId(i), info.getLabel(i)) != null) {
        throw new ArtifactException("Tribuo label domain repeats id " + info.getId(i));
      }
    }
    return names;
  }

  private static void require(String expected, String actual, String what) {
    if (!expected.equals(actual)) {
      throw refused(actual, what);
    }
  }

  private static ArtifactException refused(String className, String what) {
    return new ArtifactException(
        "stored Tribuo "
            + what
            + " names class '"
            + className
            + "', which is not one of "
            + ALLOWED
            + ": refused without loading it");
  }

  private static <M extends Message> M unpack(Any any, Class<M> type) {
    try {
      return any.unpack(type);
    } catch (InvalidProtocolBufferException e) {
      throw new ArtifactException("unreadable Tribuo " + type.getSimpleName() + ": " + e, e);
    }
  }
}
