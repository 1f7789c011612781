package dev.scopeml.cli.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.nginx.ScorerRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutTargetTest {

  @TempDir Path dir;

  private final ScorerRelease current =
      new ScorerRelease(
          "release-1", "/opt/scopeml-scorer.jar", Map.of("SCOPEML_DB_USER", "scorer"), List.of());

  @Test
  void aLabelKeepsTheJarAndTheSettings() {
    ScorerRelease next = RolloutTarget.release("release-2", null, current, false);

    assertThat(next.version()).isEqualTo("release-2");
    assertThat(next.artifact()).isEqualTo(current.artifact());
    assertThat(next.environment()).isEqualTo(current.environment());
  }

  @Test
  void aJarIsLabelledByItsNameUnlessAVersionIsGiven() throws Exception {
    Path jar = Files.createFile(dir.resolve("scorer-1.4.jar"));

    ScorerRelease named = RolloutTarget.release(jar.toString(), null, current, false);
    ScorerRelease labelled = RolloutTarget.release(jar.toString(), "1.4-rc", current, false);

    assertThat(named.version()).isEqualTo("scorer-1.4");
    assertThat(named.artifact()).isEqualTo(jar.toAbsolutePath().toString());
    assertThat(named.environment()).isEqualTo(current.environment());
    assertThat(labelled.version()).isEqualTo("1.4-rc");
  }

  @Test
  void aMissingJarOrAVersionBesideALabelIsRefused() {
    assertThatThrownBy(() -> RolloutTarget.release("nowhere/scorer.jar", null, current, false))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> RolloutTarget.release("release-2", "release-3", current, false))
        .hasMessageContaining("is a label already");
  }

  @Test
  void withComposeAnImageIsLabelledByItsTag() {
    ScorerRelease image =
        RolloutTarget.release("registry.local:5000/scopeml/scorer:1.5", null, current, true);
    ScorerRelease label = RolloutTarget.release("hotfix", null, current, true);

    assertThat(image.version()).isEqualTo("1.5");
    assertThat(image.artifact()).isEqualTo("registry.local:5000/scopeml/scorer:1.5");
    assertThat(RolloutTarget.release("scopeml/scorer", null, current, true).version())
        .isEqualTo("latest");
    assertThat(label.artifact()).isEqualTo(current.artifact());
  }
}
