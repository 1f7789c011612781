package dev.scopeml.deploy.kubernetes;

import dev.scopeml.deploy.AppImage;
import dev.scopeml.deploy.AppSettings;
import dev.scopeml.deploy.Deployment;
import dev.scopeml.deploy.Interpolation;
import dev.scopeml.deploy.TemporaryFiles;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Kubernetes deployment of a repository: every overlay under {@code deploy/kubernetes/overlays}
 * rendered and parsed strictly, the KEDA component parsed, and the container deployment ({@link
 * Deployment}) whose images the manifests run, for what those images and their jars hold.
 *
 * <p>The overlays generate their Secrets from files an operator creates; those are not in the
 * repository, so rendering happens in a copy where each missing secret file is its committed {@code
 * .example}.
 */
public final class KubernetesDeployment {

  /** Where the manifests live in the repository. */
  public static final String DIRECTORY = "deploy/kubernetes";

  /** The KEDA component, relative to {@link #DIRECTORY}. */
  static final String KEDA = "components/keda";

  /** API groups of custom resources the manifests may hold untyped. */
  private static final Set<String> CUSTOM_GROUPS = Set.of("keda.sh");

  private final Path root;
  private final Deployment images;
  private final List<RenderedOverlay> overlays;
  private final List<HasMetadata> keda;
  private final List<String> parseProblems;

  private KubernetesDeployment(
      Path root,
      Deployment images,
      List<RenderedOverlay> overlays,
      List<HasMetadata> keda,
      List<String> parseProblems) {
    this.root = root;
    this.images = images;
    this.overlays = overlays;
    this.keda = keda;
    this.parseProblems = parseProblems;
  }

  /** Renders and parses the Kubernetes deployment of the repository at {@code root}. */
  public static KubernetesDeployment load(Path root) {
    Path normalized = root.toAbsolutePath().normalize();
    Path copy = renderableCopy(normalized.resolve(DIRECTORY));
    try {
      var parser = new StrictParser(CUSTOM_GROUPS);
      var overlays = new ArrayList<RenderedOverlay>();
      var problems = new ArrayList<String>();
      List<Path> folders = overlayFolders(copy);
      // Each render is a kubectl process that mostly starts up: run them side by side.
      List<Rendering> rendered =
          folders.parallelStream().map(KubernetesDeployment::render).toList();
      for (int i = 0; i < folders.size(); i++) {
        String name = folders.get(i).getFileName().toString();
        Rendering rendering = rendered.get(i);
        if (rendering.failure() != null) {
          problems.add("overlay " + name + " does not render: " + rendering.failure());
          continue;
        }
        var parsed = parser.parse(rendering.yaml(), "overlay " + name);
        problems.addAll(parsed.problems());
        overlays.add(new RenderedOverlay(name, parsed.objects()));
      }
      Path scaledObject = copy.resolve(KEDA).resolve("scaled-object.yaml");
      var keda = parser.parse(read(scaledObject), KEDA);
      problems.addAll(keda.problems());
      return new KubernetesDeployment(
          normalized, Deployment.load(normalized), overlays, keda.objects(), problems);
    } finally {
      TemporaryFiles.delete(copy);
    }
  }

  /** What rendering an overlay gave: its YAML, or why there is none. */
  private record Rendering(String yaml, String failure) {}

  private static Rendering render(Path overlay) {
    try {
      return new Rendering(Kustomize.render(overlay), null);
    } catch (IllegalStateException e) {
      return new Rendering(null, e.getMessage());
    }
  }

  public Path root() {
    return root;
  }

  /** The container deployment: images, their Dockerfiles and jars, the parent pom. */
  public Deployment images() {
    return images;
  }

  /** Every rendered overlay. */
  public List<RenderedOverlay> overlays() {
    return overlays;
  }

  /** The KEDA component's objects. */
  List<HasMetadata> keda() {
    return keda;
  }

  /** Unknown fields and kinds, and overlays that do not render. */
  List<String> parseProblems() {
    return parseProblems;
  }

  /** The app image a container runs, when it runs one of the build's (by image repository). */
  Optional<AppImage> app(Container container) {
    String repository = repository(container.getImage());
    return images.builtApps().stream()
        .filter(app -> repository.equals(repository(Interpolation.defaults(app.service().image()))))
        .findFirst();
  }

  /**
   * What the app in {@code container} reads and the values its properties take there: the image's
   * environment, then the container's (values from ConfigMaps and Secrets count as set).
   */
  AppSettings settings(AppImage app, Container container) {
    Map<String, String> environment =
        new LinkedHashMap<>(app.imageEnvironment(images.baseEnvironment()));
    for (EnvVar variable : container.getEnv()) {
      environment.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
    }
    return new AppSettings(images, app, environment);
  }

  private static String repository(String image) {
    String name = image == null ? "" : image;
    int colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
  }

  private static List<Path> overlayFolders(Path directory) {
    try (Stream<Path> folders = Files.list(directory.resolve("overlays"))) {
      return folders.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the overlays of " + directory, e);
    }
  }

  /** A copy of {@code directory} with each missing secret file taken from its example. */
  private static Path renderableCopy(Path directory) {
    try {
      Path copy = Files.createTempDirectory("scopeml-kubernetes");
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.toList()) {
          Path target = copy.resolve(directory.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      try (Stream<Path> files = Files.walk(copy)) {
        for (Path example : files.filter(f -> f.toString().endsWith(".example")).toList()) {
          String name = example.getFileName().toString();
          Path secret = example.resolveSibling(name.substring(0, name.length() - 8));
          if (!Files.exists(secret)) {
            Files.copy(example, secret);
          }
        }
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + directory, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
