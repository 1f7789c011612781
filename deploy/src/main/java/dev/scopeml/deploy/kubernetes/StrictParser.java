package dev.scopeml.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses rendered manifests into fabric8's typed model and refuses what the model does not know.
 * fabric8 keeps a field it has no property for in the object's {@code additionalProperties} instead
 * of failing, so a misspelt field ({@code readinesProbe}) or one at the wrong level would pass a
 * plain parse and be dropped by the API server; here every object of the tree is walked and any
 * non-empty {@code additionalProperties} is a problem, named by its path. A kind the model does not
 * know at all (a custom resource) parses as {@link GenericKubernetesResource} and is a problem too,
 * unless its API group is one the caller accepts untyped.
 */
final class StrictParser {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  private final Set<String> untypedGroups;

  /**
   * @param untypedGroups API groups of custom resources accepted without a typed model
   */
  StrictParser(Set<String> untypedGroups) {
    this.untypedGroups = untypedGroups;
  }

  /**
   * A parse: the objects, and what is wrong with them.
   *
   * @param objects every object of the stream, typed where the model knows its kind
   * @param problems unknown fields and kinds, and documents that do not parse
   */
  record Result(List<HasMetadata> objects, List<String> problems) {}

  /** Parses a YAML stream of objects; {@code source} names it in problems. */
  Result parse(String yaml, String source) {
    var objects = new ArrayList<HasMetadata>();
    var problems = new ArrayList<String>();
    for (String document : yaml.split("(?m)^---\\s*$")) {
      if (document.isBlank()) {
        continue;
      }
      KubernetesResource parsed;
      try {
        parsed = SERIALIZATION.unmarshal(document, KubernetesResource.class);
      } catch (RuntimeException e) {
        problems.add(source + ": a document does not parse: " + e.getMessage());
        continue;
      }
      if (!(parsed instanceof HasMetadata object)) {
        problems.add(source + ": a document is no Kubernetes object: " + parsed);
        continue;
      }
      objects.add(object);
      String where = source + ": " + object.getKind() + " " + object.getMetadata().getName();
      if (object instanceof GenericKubernetesResource) {
        String group =
            object.getApiVersion().contains("/") ? object.getApiVersion().split("/")[0] : "";
        if (!untypedGroups.contains(group)) {
          problems.add(
              where
                  + " is of a kind fabric8's model does not know ("
                  + object.getApiVersion()
                  + "): a misspelt kind or apiVersion?");
        }
        continue;
      }
      walk(object, "", where, problems, new IdentityHashMap<>());
    }
    return new Result(objects, problems);
  }

  /** Reports every non-empty {@code additionalProperties} below {@code node}. */
  private static void walk(
      Object node, String path, String where, List<String> problems, Map<Object, Object> seen) {
    if (node == null || seen.put(node, node) != null) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int index = 0;
      for (Object item : items) {
        walk(item, path + "[" + index++ + "]", where, problems, seen);
      }
      return;
    }
    if (node instanceof Map<?, ?> entries) {
      entries.forEach((key, value) -> walk(value, path + "." + key, where, problems, seen));
      return;
    }
    if (!node.getClass().getName().startsWith(MODEL_PACKAGE)) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (!isProperty(getter)) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + getter, e);
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
          for (Object field : unknown.keySet()) {
            problems.add(
                where
                    + " has a field fabric8's model does not know: "
                    + (path.isEmpty() ? "" : path.substring(1) + ".")
                    + field);
          }
        }
        continue;
      }
      walk(value, path + "." + propertyName(getter), where, problems, seen);
    }
  }

  private static boolean isProperty(Method method) {
    return method.getParameterCount() == 0
        && !Modifier.isStatic(method.getModifiers())
        && method.getName().startsWith("get")
        && !method.getName().equals("getClass")
        && method.getDeclaringClass().getName().startsWith(MODEL_PACKAGE);
  }

  private static String propertyName(Method getter) {
    String name = getter.getName().substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
