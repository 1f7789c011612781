package dev.scopeml.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The fast launch of a Spring Boot jar: the jar extracted once (an application jar with its
 * libraries in {@code lib/} on its manifest class path) and a JDK AOT cache (JEP 483, 514, 515:
 * classes loaded and linked ahead of time, method profiles) recorded by one training run of it,
 * kept in a folder beside the jar ({@code scopeml-scorer.jar.aot/}). The AOT cache only covers
 * classes the JDK's own class loaders load from the class path, not the nested jars of the packaged
 * jar, hence the extraction.
 *
 * <p>Made once per jar: the folder records the jar's size, modification time and the JDK it was
 * made for, and is made again when any of them changes. A training run that fails is recorded too,
 * so that launches do not retry it until the jar changes; they use the packaged jar meanwhile.
 * Processes that prepare the same jar at once wait for each other on a file lock.
 */
public final class AotCache {

  private static final String CACHE = "app.aot";
  private static final String FINGERPRINT = "fingerprint";
  private static final String FAILED = "failed";

  private static final Map<Path, ReentrantLock> TURNS = new ConcurrentHashMap<>();

  private final Path jar;
  private final Path folder;

  private AotCache(Path jar, Path folder) {
    this.jar = jar.toAbsolutePath().normalize();
    this.folder = folder.toAbsolutePath().normalize();
  }

  /**
   * The cache of {@code jar}, in a folder beside it, or under the temporary directory when the
   * jar's folder is not writable.
   */
  public static AotCache of(Path jar) {
    Path absolute = jar.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    Path folder =
        Files.isWritable(parent)
            ? parent.resolve(absolute.getFileName() + ".aot")
            : Path.of(System.getProperty("java.io.tmpdir"), "scopeml-aot", digest(absolute));
    return new AotCache(absolute, folder);
  }

  /** The folder holding the extracted jar, the cache and the training log. */
  public Path folder() {
    return folder;
  }

  /** The cache file. */
  public Path cacheFile() {
    return folder.resolve(CACHE);
  }

  /** The extracted application jar. */
  public Path extractedJar() {
    return folder.resolve("app").resolve(jar.getFileName());
  }

  /** Whether the extracted jar and a cache made for this jar, on this JDK, are in place. */
  public boolean isReady() {
    return fingerprint().equals(read(folder.resolve(FINGERPRINT)))
        && Files.isRegularFile(cacheFile())
        && Files.isRegularFile(extractedJar());
  }

  /**
   * Extracts the jar and records its cache with {@code training}, unless that was done for this jar
   * already (or tried and failed).
   *
   * @param progress told what is being done, when anything is (it takes seconds)
   * @return whether the fast launch is ready
   */
  public boolean prepare(AotTraining training, Consumer<String> progress) {
    if (isReady()) {
      return true;
    }
    // A file lock belongs to the whole JVM: threads of one JVM take turns on a lock of their own.
    ReentrantLock turn = TURNS.computeIfAbsent(folder, f -> new ReentrantLock());
    turn.lock();
    try {
      Files.createDirectories(folder);
      try (var channel =
              FileChannel.open(
                  folder.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          var lock = channel.lock()) {
        if (isReady()) {
          return true;
        }
        if (fingerprint().equals(read(folder.resolve(FAILED)))) {
          return false;
        }
        progress.accept(
            "recording the JDK AOT cache of "
                + jar.getFileName()
                + " (once per build of it): training run, log in "
                + folder.resolve("training.log"));
        return record(training);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the AOT cache in " + folder, e);
    } finally {
      turn.unlock();
    }
  }

  /**
   * {@code java <jvmOptions> -XX:AOTCache=… <library access> -jar <extracted jar>} once {@link
   * #prepare} succeeded, else the packaged jar's command.
   */
  public List<String> command(List<String> jvmOptions) {
    if (!isReady()) {
      return JavaCommand.jar(jvmOptions, jar);
    }
    var options = new ArrayList<>(jvmOptions);
    options.add("-XX:AOTCache=" + cacheFile());
    return JavaCommand.jar(options, extractedJar());
  }

  private boolean record(AotTraining training) throws IOException {
    clear();
    Path log = folder.resolve("training.log");
    Path app = folder.resolve("app");
    boolean extracted =
        run(
            List.of(
                JavaCommand.java().toString(),
                "-Djarmode=tools",
                "-jar",
                jar.toString(),
                "extract",
                "--destination",
                app.toString()),
            training,
            log);
    var options = new ArrayList<>(training.jvmOptions());
    options.add("-XX:AOTCacheOutput=" + cacheFile());
    var command = new ArrayList<>(JavaCommand.jar(options, extractedJar()));
    command.addAll(training.arguments());
    boolean recorded = extracted && run(command, training, log) && Files.isRegularFile(cacheFile());
    Files.writeString(folder.resolve(recorded ? FINGERPRINT : FAILED), fingerprint());
    return recorded;
  }

  private boolean run(List<String> command, AotTraining training, Path log) {
    Process process =
        Launch.of(command).environment(training.environment()).appendOutput(log).in(folder).start();
    try {
      if (!process.waitFor(training.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        return false;
      }
      return process.exitValue() == 0;
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Removes what an earlier jar left, keeping the lock file this process holds. */
  private void clear() throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(folder) && !path.getFileName().toString().equals("lock")) {
          Files.delete(path);
        }
      }
    }
  }

  /** What the cache must have been made for: this jar as it is now, on this JDK. */
  private String fingerprint() {
    try {
      return jar.getFileName()
          + " "
          + Files.size(jar)
          + " "
          + Files.getLastModifiedTime(jar).toMillis()
          + " "
          + System.getProperty("java.home")
          + " "
          + System.getProperty("java.runtime.version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static String digest(Path path) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(path.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
