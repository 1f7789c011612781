package dev.scopeml.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {

  @TempDir Path dir;

  @Test
  void aNewSecretIsRandomAndReadableByItsOwnerOnly() throws Exception {
    var token = new SecretFile(dir.resolve("secrets/admin-token"));
    var password = new SecretFile(dir.resolve("secrets/postgres-password"));

    String first = token.readOrCreate();

    assertThat(first).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
    assertThat(password.readOrCreate()).isNotEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token.path())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secrets"))))
        .isEqualTo("rwx------");
  }

  @Test
  void anExistingSecretIsKeptSoItSurvivesDownAndUp() {
    var token = new SecretFile(dir.resolve("admin-token"));
    String first = token.readOrCreate();

    assertThat(new SecretFile(dir.resolve("admin-token")).readOrCreate()).isEqualTo(first);
  }

  @Test
  void aWrittenSecretTightensLoosePermissions() throws Exception {
    Path file = dir.resolve("database-password");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    new SecretFile(file).write("s3cret");

    assertThat(new SecretFile(file).read()).isEqualTo("s3cret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}
