package dev.scopeml.deploy;

/**
 * A property from a {@code spring-configuration-metadata.json}.
 *
 * @param name the canonical (kebab-case) name
 * @param type its Java type, or null when the metadata names none
 * @param defaultValue its default as text, or null
 */
record ConfigurationProperty(String name, String type, String defaultValue) {

  /** A map-typed property binds every key below its name. */
  public boolean map() {
    return type != null && type.startsWith("java.util.Map<");
  }
}
