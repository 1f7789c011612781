package dev.scopeml.modelstore.artifact;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;

/**
 * Models that only exist as Java-serialized objects (Smile's). Decoding runs under a JEP 290 {@link
 * ObjectInputFilter} built from an allow-list, plus depth and size limits, so a class outside the
 * list is refused before any instance of it is created.
 *
 * @param <M> the model type
 */
public final class JavaSerializationCodec<M extends Serializable> {

  private final String format;
  private final Class<M> modelType;
  private final ObjectInputFilter filter;

  /**
   * How big a stream may claim to be, checked by the filter before anything is allocated: a forged
   * array length or nesting is refused at its header.
   *
   * @param maxArray the longest array
   * @param maxDepth the deepest nesting of objects
   * @param maxReferences the most object references
   * @param maxBytes the longest stream
   */
  public record Limits(long maxArray, long maxDepth, long maxReferences, long maxBytes) {

    public Limits {
      if (maxArray < 1 || maxDepth < 1 || maxReferences < 1 || maxBytes < 1) {
        throw new IllegalArgumentException("deserialization limits must be positive");
      }
    }
  }

  /**
   * @param format the format id
   * @param modelType the type a decoded object must have
   * @param allowedPatterns {@link ObjectInputFilter.Config#createFilter} class patterns that may be
   *     deserialized (e.g. {@code smile.**}); everything else is rejected
   * @param limits the bounds on what a stream may claim, sized to the format's real models
   */
  public JavaSerializationCodec(
      String format, Class<M> modelType, List<String> allowedPatterns, Limits limits) {
    this.format = format;
    this.modelType = modelType;
    this.filter = ObjectInputFilter.Config.createFilter(filterPattern(allowedPatterns, limits));
  }

  static String filterPattern(List<String> allowedPatterns, Limits limits) {
    for (String pattern : allowedPatterns) {
      if (pattern.isBlank() || pattern.contains(";") || pattern.startsWith("!")) {
        throw new IllegalArgumentException("not an allow-list class pattern: '" + pattern + "'");
      }
    }
    // Limits first: they apply whatever the class. Then the allow-list; then reject the rest.
    return "maxdepth="
        + limits.maxDepth()
        + ";maxrefs="
        + limits.maxReferences()
        + ";maxarray="
        + limits.maxArray()
        + ";maxbytes="
        + limits.maxBytes()
        + ";"
        + String.join(";", allowedPatterns)
        + ";!*";
  }

  /** The model's serialized bytes. */
  public byte[] encode(M model) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    } catch (IOException e) {
      throw new ArtifactException("cannot serialize " + model.getClass().getName(), e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes payload bytes whose checksum has already been verified.
   *
   * @throws ArtifactException if the bytes are not a model of this format or hold a class outside
   *     the allow-list
   */
  public M decode(byte[] payload) {
    try (var in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
      in.setObjectInputFilter(filter);
      Object decoded = in.readObject();
      if (!modelType.isInstance(decoded)) {
        throw new ArtifactException(
            format + " artifact holds " + decoded.getClass().getName() + ", not " + modelType);
      }
      return modelType.cast(decoded);
    } catch (InvalidClassException e) {
      throw new ArtifactException("artifact refused by the deserialization allow-list: " + e, e);
    } catch (IOException | ClassNotFoundException e) {
      throw new ArtifactException("not a " + format + " artifact: " + e, e);
    }
  }
}
