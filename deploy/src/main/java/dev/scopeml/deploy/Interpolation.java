package dev.scopeml.deploy;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Variable substitution as docker compose and POSIX shells do it for the forms the deployment uses:
 * {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}}, {@code
 * ${NAME:?message}} and {@code $$} for a literal dollar.
 */
public final class Interpolation {

  private static final Pattern VARIABLE =
      Pattern.compile(
          "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\\{[^{}]*})*))?}"
              + "|\\$([A-Za-z_][A-Za-z0-9_]*)");

  private Interpolation() {}

  /**
   * {@code text} with every variable replaced from {@code environment}; unset variables take their
   * default, or become empty.
   */
  public static String resolve(String text, Map<String, String> environment) {
    if (text == null) {
      return null;
    }
    Matcher matcher = VARIABLE.matcher(text);
    var out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement(matcher, environment)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** {@code text} with every variable at its default: what it means on a machine that sets none. */
  public static String defaults(String text) {
    return resolve(text, Map.of());
  }

  /** The names of the variables {@code text} refers to, in order of first use. */
  public static Set<String> variables(String text) {
    Set<String> names = new LinkedHashSet<>();
    if (text == null) {
      return names;
    }
    Matcher matcher = VARIABLE.matcher(text);
    while (matcher.find()) {
      String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
      if (name != null) {
        names.add(name);
        if (matcher.group(3) != null) {
          names.addAll(variables(matcher.group(3)));
        }
      }
    }
    return names;
  }

  private static String replacement(Matcher matcher, Map<String, String> environment) {
    if (matcher.group().equals("$$")) {
      return "$";
    }
    String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
    String value = environment.get(name);
    String operator = matcher.group(2);
    if (operator == null) {
      return value == null ? "" : value;
    }
    String word = resolve(matcher.group(3), environment);
    boolean unset = operator.startsWith(":") ? value == null || value.isEmpty() : value == null;
    return switch (operator.substring(operator.length() - 1)) {
      case "-" -> unset ? word : value;
      case "+" -> unset ? "" : word;
      default -> {
        if (unset) {
          throw new IllegalArgumentException(name + " is required: " + word);
        }
        yield value;
      }
    };
  }
}
