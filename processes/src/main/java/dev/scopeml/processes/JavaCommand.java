package dev.scopeml.processes;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Command lines that run ScopeML's jars and classes with the JDK this JVM runs on. */
public final class JavaCommand {

  /**
   * The flags every ScopeML service jar is started with: Tribuo and xgboost4j touch {@code
   * sun.misc.Unsafe} and load native code, which JDK 25 otherwise warns about or refuses.
   */
  public static final List<String> LIBRARY_ACCESS =
      List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

  private JavaCommand() {}

  /** The java executable of this JVM: the JDK 25 the launcher or the build chose. */
  public static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** {@code java <library access> -jar <jar>}. */
  public static List<String> jar(Path jar) {
    return jar(List.of(), jar);
  }

  /** {@code java <jvmOptions> <library access> -jar <jar>}. */
  public static List<String> jar(List<String> jvmOptions, Path jar) {
    var command = new ArrayList<String>();
    command.add(java().toString());
    command.addAll(jvmOptions);
    command.addAll(LIBRARY_ACCESS);
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  /** {@code java <jvmOptions> -cp <this JVM's class path> <mainClass>}. */
  public static List<String> main(List<String> jvmOptions, Class<?> mainClass) {
    var command = new ArrayList<String>();
    command.add(java().toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass.getName());
    return command;
  }

  /**
   * {@code java <jvmOptions> <library access> -cp <classPath> <mainClass>}: a program that is not
   * on this JVM's class path, such as the Kafka broker.
   */
  public static List<String> main(List<String> jvmOptions, String classPath, String mainClass) {
    var command = new ArrayList<String>();
    command.add(java().toString());
    command.addAll(jvmOptions);
    command.addAll(LIBRARY_ACCESS);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    return command;
  }

  /** This JVM's class path with absolute entries, for a process started in another directory. */
  static String classPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }
}
