package dev.scopeml.processes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which process holds a lock on a file, from Linux's {@code /proc/locks}: a lock taken with {@code
 * FileChannel.lock} is a POSIX record lock, listed there with its holder's pid and the file's
 * inode.
 */
public final class FileLocks {

  private FileLocks() {}

  /**
   * The live process holding a lock on {@code file}, if any and if the system tells (empty where
   * {@code /proc/locks} or the file's inode cannot be read).
   */
  public static Optional<ProcessRef> holder(Path file) {
    long inode;
    List<String> locks;
    try {
      inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
      locks = Files.readAllLines(Path.of("/proc/locks"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
    return locks.stream()
        .map(line -> holderPid(line, inode))
        .flatMap(Optional::stream)
        .map(ProcessHandle::of)
        .flatMap(Optional::stream)
        .filter(ProcessHandle::isAlive)
        .map(ProcessRef::of)
        .findFirst();
  }

  /**
   * The pid of a {@code /proc/locks} line such as {@code 1: POSIX ADVISORY WRITE 4242 00:2b:131074
   * 0 EOF}, if it locks the file with {@code inode}.
   */
  static Optional<Long> holderPid(String line, long inode) {
    String[] fields = line.strip().split("\\s+");
    // "->" marks a waiting request, which shifts the fields and holds no lock.
    if (fields.length < 6 || fields[1].equals("->")) {
      return Optional.empty();
    }
    String[] device = fields[5].split(":");
    try {
      if (device.length != 3 || Long.parseLong(device[2]) != inode) {
        return Optional.empty();
      }
      return Optional.of(Long.parseLong(fields[4]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
