package dev.scopeml.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLocksTest {

  @Test
  void namesTheProcessHoldingALockAndNobodyOnceItIsReleased(@TempDir Path dir) throws IOException {
    Path file = Files.createFile(dir.resolve("epg-lock"));
    try (var channel = FileChannel.open(file, StandardOpenOption.WRITE);
        var lock = channel.lock()) {
      assertThat(FileLocks.holder(file))
          .hasValueSatisfying(
              holder -> assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid()));
    }
    assertThat(FileLocks.holder(file)).isEmpty();
  }

  @Test
  void readsOnlyHeldLocksOfTheFilesInode() {
    assertThat(FileLocks.holderPid("1: POSIX  ADVISORY  WRITE 4242 00:2b:131074 0 EOF", 131074))
        .contains(4242L);
    assertThat(FileLocks.holderPid("1: POSIX  ADVISORY  WRITE 4242 00:2b:131074 0 EOF", 7))
        .isEmpty();
    assertThat(FileLocks.holderPid("1: -> POSIX ADVISORY WRITE 4243 00:2b:131074 0 EOF", 131074))
        .as("a waiting request holds nothing")
        .isEmpty();
  }
}
