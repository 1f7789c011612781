package dev.scopeml.learning.algorithm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The hyperparameters an algorithm accepts. Validation is strict because a run's parameters are
 * stored with every version: a typo silently falling back to a default would be recorded as a
 * choice nobody made.
 *
 * @param parameters in the order normalized maps list them
 */
public record ParameterSpace(List<Parameter> parameters) {

  public ParameterSpace {
    parameters = List.copyOf(parameters);
  }

  public static ParameterSpace of(Parameter... parameters) {
    return new ParameterSpace(List.of(parameters));
  }

  /**
   * Every parameter, given or defaulted, normalized to {@link Integer} or {@link Double}.
   *
   * @throws InvalidParametersException for an unknown name, a non-number or a value out of range
   */
  public Map<String, Object> validate(Map<String, Object> params) {
    Map<String, Object> given = params == null ? Map.of() : params;
    var known = new TreeSet<String>();
    parameters.forEach(p -> known.add(p.name()));
    for (String name : given.keySet()) {
      if (!known.contains(name)) {
        throw new InvalidParametersException(
            name, "unknown parameter '" + name + "', known parameters: " + describe());
      }
    }
    var normalized = new LinkedHashMap<String, Object>();
    for (Parameter parameter : parameters) {
      normalized.put(
          parameter.name(),
          given.containsKey(parameter.name())
              ? parameter.normalize(given.get(parameter.name()))
              : parameter.defaultNormalized());
    }
    return Collections.unmodifiableMap(normalized);
  }

  /** Reads an integer parameter from a validated map. */
  public static int intValue(Map<String, Object> validated, String name) {
    return ((Number) required(validated, name)).intValue();
  }

  /** Reads a real parameter from a validated map. */
  public static double doubleValue(Map<String, Object> validated, String name) {
    return ((Number) required(validated, name)).doubleValue();
  }

  private static Object required(Map<String, Object> validated, String name) {
    Object value = validated.get(name);
    if (value == null) {
      throw new InvalidParametersException(
          name, "parameter '" + name + "' is missing: pass the result of validate()");
    }
    return value;
  }

  private String describe() {
    var text = new StringBuilder();
    for (Parameter parameter : parameters) {
      if (!text.isEmpty()) {
        text.append(", ");
      }
      text.append(parameter.name()).append(" (").append(parameter.range()).append(')');
    }
    return text.toString();
  }
}
