package dev.scopeml.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret kept in a file only its owner can read (0600, in a 0700 directory), generated on first
 * use and reused afterwards, so tokens and passwords survive {@code down} and {@code up}.
 */
public final class SecretFile {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;

  public SecretFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /** The secret, generated (32 random bytes, URL-safe Base64) if the file does not exist yet. */
  public String readOrCreate() {
    if (!Files.exists(file)) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      write(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
    return read();
  }

  /** The secret; fails if the file does not exist. */
  public String read() {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read secret " + file, e);
    }
  }

  /** Replaces the secret. The file is created with owner-only permissions before it is written. */
  public void write(String secret) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write secret " + file, e);
    }
  }
}
