package dev.scopeml.cli;

import tools.jackson.databind.JsonNode;

/** One line describing a promotion or rollback the trainer made. */
final class PromotionText {

  private PromotionText() {}

  static String of(JsonNode event) {
    JsonNode from = event.get("fromVersion");
    return event.get("kind").asString()
        + " "
        + event.get("model").asString()
        + " "
        + event.get("scope").asString()
        + ": "
        + (from == null || from.isNull() ? "none" : "v" + from.asString())
        + " -> v"
        + event.get("version").asString();
  }
}
