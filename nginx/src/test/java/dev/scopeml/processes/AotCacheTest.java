package dev.scopeml.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.testsupport.services.ServiceJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fast launch of a real Spring Boot jar (the scorer's, built before this module, which holds
 * the launcher's end-to-end tests): recorded once per jar, used while the jar is unchanged,
 * recorded again when it changes, and a failed recording falls back to the packaged jar without
 * retrying.
 */
class AotCacheTest {

  @Test
  void theCacheIsRecordedOnceAndUsedUntilTheJarChanges() throws IOException {
    Path jar = copyOfTheScorerJar("once");
    var steps = new ArrayList<String>();
    AotCache cache = AotCache.of(jar);

    assertThat(cache.command(List.of())).as("before any recording").contains(jar.toString());
    assertThat(cache.prepare(AotTraining.untilRefreshed(Map.of()), steps::add)).isTrue();
    assertThat(steps).singleElement().asString().contains("recording the JDK AOT cache");
    assertThat(cache.cacheFile()).isNotEmptyFile();
    assertThat(cache.command(List.of("-Xmx256m")))
        .containsSubsequence(
            "-Xmx256m",
            "-XX:AOTCache=" + cache.cacheFile(),
            "-jar",
            cache.extractedJar().toString());

    assertThat(cache.prepare(AotTraining.untilRefreshed(Map.of()), steps::add)).isTrue();
    assertThat(steps).as("no second recording of the same jar").hasSize(1);

    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(cache.isReady()).as("a rebuilt jar").isFalse();
    assertThat(cache.command(List.of())).contains(jar.toString());
    assertThat(cache.prepare(AotTraining.untilRefreshed(Map.of()), steps::add)).isTrue();
    assertThat(steps).as("recorded again for the new jar").hasSize(2);
  }

  @Test
  void aFailedRecordingFallsBackToThePackagedJarAndIsNotRetried() throws IOException {
    Path jar = copyOfTheScorerJar("failing");
    var steps = new ArrayList<String>();
    AotCache cache = AotCache.of(jar);
    // The scorer refuses to start with a port that is no number: the training run fails.
    var failing =
        new AotTraining(
            List.of("-Dspring.context.exit=onRefresh"),
            List.of("--server.port=none"),
            Map.of(),
            java.time.Duration.ofMinutes(3));

    assertThat(cache.prepare(failing, steps::add)).isFalse();
    assertThat(cache.command(List.of())).containsSubsequence("-jar", jar.toString());
    assertThat(cache.prepare(failing, steps::add)).isFalse();
    assertThat(steps).as("one recording tried").hasSize(1);
    assertThat(cache.folder().resolve("training.log")).content().contains("none");
  }

  private static Path copyOfTheScorerJar(String name) throws IOException {
    Path folder = Files.createDirectories(Path.of("target", "aot-test", name));
    Path jar = folder.resolve("scopeml-scorer.jar");
    Files.copy(ServiceJars.scorer(), jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(folder.resolve("scopeml-scorer.jar.aot/fingerprint"));
    Files.deleteIfExists(folder.resolve("scopeml-scorer.jar.aot/failed"));
    return jar.toAbsolutePath();
  }
}
