package dev.scopeml.modelstore.registry;

/**
 * A version with its stored artifact bytes, still unverified: open them with {@link
 * dev.scopeml.modelstore.artifact.ArtifactEnvelope#open} and the version's {@code sha256}.
 *
 * @param version the version's metadata
 * @param bytes the envelope bytes as stored
 */
public record VersionArtifact(ModelVersion version, byte[] bytes) implements java.io.Serializable {}
