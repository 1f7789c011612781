package dev.scopeml.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed access to the maps, lists and scalars SnakeYAML reads, with empty values for absent ones.
 */
final class YamlTree {

  private YamlTree() {}

  static Map<String, Object> map(Object node) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (node instanceof Map<?, ?> source) {
      source.forEach((key, value) -> map.put(String.valueOf(key), value));
    } else if (node != null) {
      throw new IllegalArgumentException("expected a mapping, found " + node);
    }
    return map;
  }

  static List<Object> list(Object node) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof List<?> source) {
      return new ArrayList<>(source);
    }
    return List.of(node);
  }

  /** A scalar as text (numbers and booleans as written), or null. */
  static String string(Object node) {
    return node == null ? null : String.valueOf(node);
  }

  /** Nested mappings flattened to dotted keys, lists to {@code key[i]}, as Spring names them. */
  static Map<String, String> flatten(Object node) {
    Map<String, String> flat = new LinkedHashMap<>();
    flatten("", node, flat);
    return flat;
  }

  private static void flatten(String prefix, Object node, Map<String, String> flat) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) ->
              flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, flat));
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        flatten(prefix + "[" + i + "]", list.get(i), flat);
      }
    } else {
      flat.put(prefix, node == null ? "" : String.valueOf(node));
    }
  }
}
