package dev.scopeml.modelstore.artifact;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The bytes stored for a model version: {@code SCML}, a layout byte, the format id, the SHA-256 of
 * the payload, then the payload. {@link #open} verifies all of it before a codec sees the payload.
 *
 * @param format the codec's format id
 * @param payload the codec's bytes
 */
public record ArtifactEnvelope(String format, byte[] payload) {

  private static final byte[] MAGIC = "SCML".getBytes(StandardCharsets.US_ASCII);
  private static final byte LAYOUT = 1;
  private static final int DIGEST_BYTES = 32;

  /** Serializes this envelope. */
  public byte[] toBytes() {
    return toBytes(Sha256.digest(payload));
  }

  /** The serialized envelope and its payload's SHA-256, the digest computed once for both. */
  public Sealed seal() {
    byte[] digest = Sha256.digest(payload);
    return new Sealed(toBytes(digest), HexFormat.of().formatHex(digest));
  }

  /**
   * An envelope ready to store.
   *
   * @param bytes what {@link #toBytes()} returns
   * @param sha256 what {@link #sha256()} returns
   */
  public record Sealed(byte[] bytes, String sha256) {}

  private byte[] toBytes(byte[] digest) {
    byte[] formatBytes = format.getBytes(StandardCharsets.UTF_8);
    if (formatBytes.length == 0 || formatBytes.length > 255) {
      throw new IllegalArgumentException("format id must be 1 to 255 bytes");
    }
    return ByteBuffer.allocate(
            MAGIC.length + 2 + formatBytes.length + DIGEST_BYTES + payload.length)
        .put(MAGIC)
        .put(LAYOUT)
        .put((byte) formatBytes.length)
        .put(formatBytes)
        .put(digest)
        .put(payload)
        .array();
  }

  /** SHA-256 of the payload, as stored in the version row. */
  public String sha256() {
    return Sha256.hex(payload);
  }

  /**
   * Reads and verifies envelope bytes.
   *
   * @param expectedSha256 the digest recorded beside the artifact, or null to check only the
   *     envelope's own digest
   * @throws ArtifactException if the bytes are not an intact envelope
   */
  public static ArtifactEnvelope open(byte[] bytes, String expectedSha256) {
    var buffer = ByteBuffer.wrap(bytes);
    if (bytes.length < MAGIC.length + 2 + 1 + DIGEST_BYTES) {
      throw new ArtifactException("artifact is truncated (" + bytes.length + " bytes)");
    }
    byte[] magic = new byte[MAGIC.length];
    buffer.get(magic);
    if (!Arrays.equals(magic, MAGIC) || buffer.get() != LAYOUT) {
      throw new ArtifactException("artifact is not a ScopeML envelope");
    }
    int formatLength = Byte.toUnsignedInt(buffer.get());
    if (formatLength == 0 || buffer.remaining() < formatLength + DIGEST_BYTES) {
      throw new ArtifactException("artifact header is corrupt");
    }
    byte[] formatBytes = new byte[formatLength];
    buffer.get(formatBytes);
    byte[] digest = new byte[DIGEST_BYTES];
    buffer.get(digest);
    byte[] payload = new byte[buffer.remaining()];
    buffer.get(payload);
    byte[] actual = Sha256.digest(payload);
    if (!MessageDigest.isEqual(digest, actual)) {
      throw new ArtifactException("artifact checksum mismatch: the payload was altered");
    }
    var envelope = new ArtifactEnvelope(new String(formatBytes, StandardCharsets.UTF_8), payload);
    if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(envelope.sha256())) {
      throw new ArtifactException(
          "artifact checksum mismatch: stored "
              + expectedSha256
              + ", artifact carries "
              + envelope.sha256());
    }
    return envelope;
  }
}
