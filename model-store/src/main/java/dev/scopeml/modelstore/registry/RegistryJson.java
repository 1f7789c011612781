package dev.scopeml.modelstore.registry;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The JSON form of the registry's jsonb columns. */
final class RegistryJson {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private RegistryJson() {}

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  static <T> T read(String json, Class<T> type) {
    return MAPPER.readValue(json, type);
  }

  static <T> T read(String json, TypeReference<T> type) {
    return MAPPER.readValue(json, type);
  }
}
