package dev.scopeml.modelstore.artifact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The known model formats: wraps models into verified envelopes and opens them again. */
public final class ArtifactCodecs {

  private final Map<String, ModelCodec<?>> byFormat = new LinkedHashMap<>();

  public ArtifactCodecs(List<? extends ModelCodec<?>> codecs) {
    for (ModelCodec<?> codec : codecs) {
      if (byFormat.put(codec.format(), codec) != null) {
        throw new IllegalArgumentException("two codecs for format " + codec.format());
      }
    }
  }

  public Set<String> formats() {
    return byFormat.keySet();
  }

  /** Encodes {@code model} with the codec of {@code format} and wraps it in an envelope. */
  public <M> ArtifactEnvelope wrap(String format, M model) {
    ModelCodec<?> codec = codec(format);
    return new ArtifactEnvelope(format, encodeWith(codec, model));
  }

  /**
   * Verifies and decodes envelope bytes.
   *
   * @param expectedSha256 the digest recorded beside the artifact (checked too when not null)
   * @throws ArtifactException for a tampered, truncated or unknown artifact, or a refused class
   */
  public Object open(byte[] bytes, String expectedSha256) {
    return decode(ArtifactEnvelope.open(bytes, expectedSha256));
  }

  /**
   * Decodes an envelope already opened (and so verified).
   *
   * @throws ArtifactException for an unknown format or a payload its codec cannot decode
   */
  public Object decode(ArtifactEnvelope envelope) {
    return codec(envelope.format()).decode(envelope.payload());
  }

  private ModelCodec<?> codec(String format) {
    ModelCodec<?> codec = byFormat.get(format);
    if (codec == null) {
      throw new ArtifactException("unknown artifact format '" + format + "', known: " + formats());
    }
    return codec;
  }

  private static <M> byte[] encodeWith(ModelCodec<M> codec, Object model) {
    if (!codec.modelType().isInstance(model)) {
      throw new IllegalArgumentException(
          codec.format() + " encodes " + codec.modelType().getName() + ", not " + model.getClass());
    }
    return codec.encode(codec.modelType().cast(model));
  }
}
