package dev.scopeml.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container deployment of a repository: docker-compose.yml, the Dockerfile of every service
 * that builds one, the base image and its entrypoint, the nginx files, and the Maven build's
 * outputs those refer to.
 */
public final class Deployment {

  /** Where the base image's Dockerfile and entrypoint live. */
  public static final String BASE_IMAGE_DIR = "base-image";

  /** The compose nginx files. */
  public static final String NGINX_DIR = "nginx/compose";

  /** Extractions by jar identity, shared by every deployment loaded in this JVM. */
  private static final Map<String, Path> EXTRACTED = new java.util.concurrent.ConcurrentHashMap<>();

  private final Path root;
  private final ComposeFile compose;
  private final Map<String, Dockerfile> dockerfiles;
  private final List<AppImage> apps;
  private final Map<String, AppSettings> settings = new LinkedHashMap<>();

  private Deployment(
      Path root, ComposeFile compose, Map<String, Dockerfile> dockerfiles, List<AppImage> apps) {
    this.root = root;
    this.compose = compose;
    this.dockerfiles = dockerfiles;
    this.apps = apps;
  }

  /** Loads the deployment of the repository at {@code root}. */
  public static Deployment load(Path root) {
    Path normalized = root.toAbsolutePath().normalize();
    ComposeFile compose = ComposeFile.read(normalized.resolve("docker-compose.yml"));
    Map<String, Dockerfile> dockerfiles = new LinkedHashMap<>();
    List<AppImage> apps = new ArrayList<>();
    for (ComposeService service : compose.services().values()) {
      if (service.build() == null) {
        continue;
      }
      Path context =
          normalized.resolve(Interpolation.defaults(service.build().context())).normalize();
      Dockerfile dockerfile = Dockerfile.read(context.resolve(service.build().dockerfile()));
      dockerfiles.put(service.name(), dockerfile);
      copiedJar(dockerfile)
          .ifPresent(
              jar ->
                  apps.add(
                      new AppImage(
                          service, context, dockerfile, jar, new BootJar(context.resolve(jar)))));
    }
    return new Deployment(normalized, compose, dockerfiles, apps);
  }

  /** The jar a Dockerfile copies from its build context, if it copies one. */
  private static Optional<String> copiedJar(Dockerfile dockerfile) {
    for (Dockerfile.Stage stage : dockerfile.stages()) {
      for (Dockerfile.Copy copy : Dockerfile.copies(stage)) {
        if (copy.from() == null) {
          for (String source : copy.sources()) {
            if (source.endsWith(".jar")) {
              return Optional.of(source);
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  public Path root() {
    return root;
  }

  public ComposeFile compose() {
    return compose;
  }

  /** The Dockerfile of each service that builds one. */
  public Map<String, Dockerfile> dockerfiles() {
    return dockerfiles;
  }

  /** The services packing a Spring Boot jar. */
  public List<AppImage> apps() {
    return apps;
  }

  /**
   * The apps whose jar the build has produced; checks of anything but the build's outputs look at
   * these only, and {@link BuildOutputCheck} reports the others.
   */
  public List<AppImage> builtApps() {
    return apps.stream().filter(app -> Files.isRegularFile(app.jar().path())).toList();
  }

  /** The built app of {@code service}. */
  public Optional<AppImage> builtApp(String service) {
    return builtApps().stream().filter(a -> a.service().name().equals(service)).findFirst();
  }

  public Optional<AppImage> app(String service) {
    return apps.stream().filter(a -> a.service().name().equals(service)).findFirst();
  }

  /** The base image's Dockerfile. */
  public Dockerfile baseDockerfile() {
    return Dockerfile.read(root.resolve(BASE_IMAGE_DIR).resolve("Dockerfile"));
  }

  /** The environment the base image sets. */
  public Map<String, String> baseEnvironment() {
    return Dockerfile.environment(baseDockerfile().finalStage());
  }

  /** The text of the base image's entrypoint script. */
  public String entrypoint() {
    return read(root.resolve(BASE_IMAGE_DIR).resolve("entrypoint.sh"));
  }

  /** The parent pom. */
  public MavenPom parentPom() {
    return MavenPom.read(root.resolve("pom.xml"));
  }

  /** A file of the repository, relative to its root. */
  public Path file(String relative) {
    return root.resolve(relative);
  }

  /**
   * The app's jar extracted without layers (classes and libraries side by side), once per jar build
   * in this JVM; the folder is deleted when the JVM exits.
   */
  public Path extracted(AppImage app) {
    return EXTRACTED.computeIfAbsent(
        app.jar().identity(),
        key -> {
          try {
            Path destination =
                Files.createTempDirectory("scopeml-" + app.service().name()).resolve("app");
            app.jar().extract(destination, false);
            TemporaryFiles.deleteOnExit(destination.getParent());
            return destination;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** What the app reads and the values its properties take, once per deployment. */
  public synchronized AppSettings settings(AppImage app) {
    return settings.computeIfAbsent(app.service().name(), name -> new AppSettings(this, app));
  }

  /** The healthcheck of a service: its own in compose, else its image's. */
  public Optional<String> healthcheck(ComposeService service) {
    if (service.healthcheck() != null) {
      return service.healthcheckCommand();
    }
    Dockerfile dockerfile = dockerfiles.get(service.name());
    return dockerfile == null ? Optional.empty() : Dockerfile.healthcheck(dockerfile.finalStage());
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
