package dev.scopeml.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {

  @TempDir Path dir;

  @Test
  void onlyNewWholeLinesAreReturnedAndTheLastErrorIsKept() throws Exception {
    Path log = dir.resolve("supervisor.log");
    Files.writeString(log, "step: from an earlier run\n");
    var follower = new LogFollower(log);

    append(log, "step: one\nerror: no port\nstep: tw");
    assertThat(follower.poll()).containsExactly("step: one", "error: no port");

    append(log, "o\n");
    assertThat(follower.poll()).containsExactly("step: two");
    assertThat(follower.poll()).isEmpty();
    assertThat(follower.lastError()).isEqualTo("no port");
  }

  @Test
  void aCharacterSplitAcrossTwoWritesIsNotMangled() throws Exception {
    Path log = dir.resolve("supervisor.log");
    var follower = new LogFollower(log);
    byte[] text = "step: données\n".getBytes(StandardCharsets.UTF_8);
    int split = "step: donn".length() + 1; // inside the two bytes of é

    Files.write(log, java.util.Arrays.copyOf(text, split));
    assertThat(follower.poll()).isEmpty();
    Files.write(
        log, java.util.Arrays.copyOfRange(text, split, text.length), StandardOpenOption.APPEND);
    assertThat(follower.poll()).containsExactly("step: données");
  }

  private static void append(Path log, String text) throws Exception {
    Files.writeString(log, text, StandardOpenOption.APPEND);
  }
}
