package dev.scopeml.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The GET paths an app serves: the Actuator endpoints its configuration exposes, and the paths its
 * own controllers map, found by loading the app's classes from its extracted jar and reading their
 * Spring MVC mapping annotations.
 */
public final class WebEndpoints {

  private static final Set<String> CONTROLLERS =
      Set.of(
          "org.springframework.web.bind.annotation.RestController",
          "org.springframework.stereotype.Controller");
  private static final String REQUEST_MAPPING =
      "org.springframework.web.bind.annotation.RequestMapping";
  private static final String GET_MAPPING = "org.springframework.web.bind.annotation.GetMapping";

  private static final Map<String, WebEndpoints> READ =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final String actuatorBase;
  private final List<String> exposed;
  private final List<String> controllerPaths;

  private WebEndpoints(String actuatorBase, List<String> exposed, List<String> controllerPaths) {
    this.actuatorBase = actuatorBase;
    this.exposed = exposed;
    this.controllerPaths = controllerPaths;
  }

  /**
   * The endpoints of the app extracted (without layers) at {@code extracted}, configured by {@code
   * configuration} (its flattened application configuration).
   */
  public static WebEndpoints of(Path extracted, Map<String, String> configuration) {
    // Loading an app's classes takes seconds; checks of several deployments share the jars.
    return READ.computeIfAbsent(
        extracted + "|" + configuration, key -> read(extracted, configuration));
  }

  private static WebEndpoints read(Path extracted, Map<String, String> configuration) {
    String base = configuration.getOrDefault("management.endpoints.web.base-path", "/actuator");
    // Spring Boot exposes only health over HTTP unless told otherwise.
    String include =
        configuration.getOrDefault("management.endpoints.web.exposure.include", "health");
    List<String> exposed = Arrays.stream(include.split(",")).map(String::strip).toList();
    String context = configuration.getOrDefault("server.servlet.context-path", "");
    List<String> mapped = controllerPaths(extracted).stream().map(path -> context + path).toList();
    return new WebEndpoints(context + base, exposed, mapped);
  }

  /** Whether a GET of {@code path} reaches an endpoint. */
  public boolean serves(String path) {
    if (path.startsWith(actuatorBase + "/")) {
      String id = path.substring(actuatorBase.length() + 1).split("/")[0];
      return exposed.contains("*") || exposed.contains(id);
    }
    return controllerPaths.stream().anyMatch(mapped -> matches(mapped, path));
  }

  /** The paths the app's controllers map for GET. */
  public List<String> controllerPaths() {
    return controllerPaths;
  }

  private static boolean matches(String pattern, String path) {
    String regex = pattern.replaceAll("\\{[^/]+}", "[^/]+").replace("/**", "(/.*)?");
    return path.matches(regex);
  }

  private static List<String> controllerPaths(Path extracted) {
    Path classes = extracted.resolve("BOOT-INF/classes");
    var paths = new ArrayList<String>();
    try (var loader =
            new URLClassLoader(classPath(extracted), ClassLoader.getPlatformClassLoader());
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            classes.relativize(file).toString().replace('/', '.').replaceFirst("\\.class$", "");
        Class<?> type;
        try {
          type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          // Classes needing an optional library that is absent cannot be controllers that run.
          continue;
        }
        if (Arrays.stream(type.getAnnotations())
            .noneMatch(a -> CONTROLLERS.contains(a.annotationType().getName()))) {
          continue;
        }
        List<String> prefixes = mappedPaths(type.getAnnotations(), REQUEST_MAPPING, false);
        for (Method method : type.getDeclaredMethods()) {
          List<String> own =
              new ArrayList<>(mappedPaths(method.getAnnotations(), GET_MAPPING, true));
          own.addAll(mappedPaths(method.getAnnotations(), REQUEST_MAPPING, true));
          for (String prefix : prefixes.isEmpty() ? List.of("") : prefixes) {
            own.forEach(path -> paths.add(prefix + path));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the classes in " + extracted, e);
    }
    return paths;
  }

  /** The paths of the annotations of {@code type}; GET-only when {@code get} is set. */
  private static List<String> mappedPaths(Annotation[] annotations, String type, boolean get) {
    var paths = new ArrayList<String>();
    for (Annotation annotation : annotations) {
      if (!annotation.annotationType().getName().equals(type)) {
        continue;
      }
      if (get && type.equals(REQUEST_MAPPING)) {
        Object[] methods = (Object[]) attribute(annotation, "method");
        if (methods.length > 0
            && Arrays.stream(methods).noneMatch(m -> m.toString().equals("GET"))) {
          continue;
        }
      }
      String[] values = (String[]) attribute(annotation, "path");
      if (values.length == 0) {
        values = (String[]) attribute(annotation, "value");
      }
      paths.addAll(values.length == 0 ? List.of("") : Arrays.asList(values));
    }
    return paths;
  }

  private static Object attribute(Annotation annotation, String name) {
    try {
      return annotation.annotationType().getMethod(name).invoke(annotation);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + name + " of " + annotation, e);
    }
  }

  private static URL[] classPath(Path extracted) throws IOException {
    var urls = new ArrayList<URL>();
    urls.add(url(extracted.resolve("BOOT-INF/classes")));
    try (Stream<Path> libs = Files.list(extracted.resolve("BOOT-INF/lib"))) {
      for (Path lib : libs.sorted().toList()) {
        urls.add(url(lib));
      }
    }
    return urls.toArray(URL[]::new);
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
