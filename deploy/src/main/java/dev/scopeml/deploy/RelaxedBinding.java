package dev.scopeml.deploy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Spring Boot's mapping from environment variables to configuration properties: dots become
 * underscores and the name is upper-cased, dashes either dropped ({@code SCOPEML_DB_PASSWORDFILE})
 * or, in the legacy form Spring still accepts, turned into underscores ({@code
 * SCOPEML_DB_PASSWORD_FILE}). A map-typed property also takes every variable below it.
 */
final class RelaxedBinding {

  private RelaxedBinding() {}

  /** The variable names that set {@code property}. */
  public static Set<String> variables(String property) {
    String base = property.replace("[*]", "").replace('.', '_').toUpperCase(Locale.ROOT);
    return new LinkedHashSet<>(List.of(base.replace("-", ""), base.replace('-', '_')));
  }

  /** Whether {@code variable} sets {@code property} (or, for a map, one of its entries). */
  public static boolean binds(String variable, String property, boolean map) {
    for (String form : variables(property)) {
      if (variable.equals(form) || (map && variable.startsWith(form + "_"))) {
        return true;
      }
    }
    return false;
  }
}
