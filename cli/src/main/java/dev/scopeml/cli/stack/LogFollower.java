package dev.scopeml.cli.stack;

import dev.scopeml.cli.stack.supervisor.SupervisorLog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the lines appended to a log file since a given offset, a poll at a time. */
final class LogFollower {

  private final Path file;
  private long offset;
  private String lastError;

  /** Follows {@code file} from its current end: only what is written from now on. */
  LogFollower(Path file) {
    this.file = file;
    this.offset = size(file);
  }

  /** Whole lines written since the last poll; a line still being written waits for the next. */
  List<String> poll() {
    var lines = new ArrayList<String>();
    if (!Files.exists(file)) {
      return lines;
    }
    byte[] bytes;
    try (var in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length < offset) {
        offset = 0;
      }
      bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
      in.seek(offset);
      in.readFully(bytes);
    } catch (IOException e) {
      return lines;
    }
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    // Only whole lines are decoded, so a character split across two polls is never mangled.
    offset += end;
    for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      lines.add(line);
      if (line.startsWith(SupervisorLog.ERROR)) {
        lastError = line.substring(SupervisorLog.ERROR.length());
      }
    }
    return lines;
  }

  /** The supervisor's last error line seen, or null. */
  String lastError() {
    return lastError;
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
