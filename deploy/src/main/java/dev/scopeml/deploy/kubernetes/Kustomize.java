package dev.scopeml.deploy.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code kubectl kustomize}: what {@code kubectl apply -k} would send to the cluster. */
final class Kustomize {

  private Kustomize() {}

  /**
   * The objects {@code directory} renders to, as a YAML stream.
   *
   * @throws IllegalStateException with kustomize's message when it cannot render, or when kubectl
   *     is not installed
   */
  static String render(Path directory) {
    List<String> command = List.of("kubectl", "kustomize", directory.toString());
    Path messages = null;
    try {
      // kustomize's warnings go to stderr: kept apart from the YAML, in a file so no pipe fills.
      messages = Files.createTempFile("kustomize", ".log");
      Process process;
      try {
        process = new ProcessBuilder(command).redirectError(messages.toFile()).start();
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot run kubectl, which renders the Kubernetes overlays: install it"
                + " (./scopeml test does, as root)",
            e);
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl kustomize " + directory + " did not finish");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "kubectl kustomize " + directory + " failed: " + Files.readString(messages).strip());
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering " + directory, e);
    } finally {
      if (messages != null) {
        messages.toFile().delete();
      }
    }
  }
}
