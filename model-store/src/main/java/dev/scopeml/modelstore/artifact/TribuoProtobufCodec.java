package dev.scopeml.modelstore.artifact;

import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuo.Model;
import org.tribuo.protos.core.ModelProto;

/** Tribuo models in Tribuo's own protobuf format, which builds no object graph from the stream. */
public final class TribuoProtobufCodec implements ModelCodec<Model<?>> {

  public static final String FORMAT = "tribuo-protobuf";

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Class<Model<?>> modelType() {
    return (Class<Model<?>>) (Class<?>) Model.class;
  }

  @Override
  public byte[] encode(Model<?> model) {
    return model.serialize().toByteArray();
  }

  @Override
  public Model<?> decode(byte[] payload) {
    ModelProto stored = parse(payload);
    try {
      return Model.deserialize(stored);
    } catch (RuntimeException e) {
      throw new ArtifactException("not a Tribuo protobuf model: " + e.getMessage(), e);
    }
  }

  /**
   * The payload's protobuf message, for readers that need only part of the model.
   *
   * @throws ArtifactException if it is not a Tribuo model message
   */
  public static ModelProto parse(byte[] payload) {
    try {
      return ModelProto.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new ArtifactException("not a Tribuo protobuf model: " + e.getMessage(), e);
    }
  }
}
