package dev.scopeml.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * An exclusive lock on a file, held across processes: two commands changing the same stack or tier
 * wait for each other instead of interleaving. The operating system releases it if the holder dies.
 */
public final class LockFile implements AutoCloseable {

  private final FileChannel channel;
  private final java.nio.channels.FileLock lock;

  private LockFile(FileChannel channel, java.nio.channels.FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock, waiting up to {@code timeout}; {@code waiting} hears once that someone else
   * holds it.
   */
  public static LockFile acquire(Path file, Duration timeout, Consumer<String> waiting) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      long deadline = System.nanoTime() + timeout.toNanos();
      boolean told = false;
      while (true) {
        java.nio.channels.FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock != null) {
          return new LockFile(channel, lock);
        }
        if (System.nanoTime() > deadline) {
          channel.close();
          throw new StackException(
              "another scopeml command still holds "
                  + file
                  + " after "
                  + timeout.toSeconds()
                  + " s");
        }
        if (!told) {
          waiting.accept("waiting for another scopeml command to finish (" + file + ")");
          told = true;
        }
        Thread.sleep(200);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while waiting for " + file);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
