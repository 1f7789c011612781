package dev.scopeml.scorer.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Parses JSON into plain values: {@link Map} (insertion-ordered), {@link List}, {@link String},
 * {@link Double} for every number, {@link Boolean} and null. Jackson's stream limits are set
 * explicitly rather than left at library defaults, duplicate object keys are refused, and the
 * non-standard literals {@code NaN} and {@code Infinity} are syntax errors.
 */
final class JsonValues {

  /** Deep enough for an inference tensor nested by rank inside its request. */
  static final int MAX_NESTING_DEPTH = 32;

  /** Digits of one number; a feature value never needs more. */
  static final int MAX_NUMBER_LENGTH = 100;

  /** Characters of one string value, such as a category label. */
  static final int MAX_STRING_LENGTH = 10_000;

  /** Characters of one object key, such as a feature name. */
  static final int MAX_NAME_LENGTH = 1_000;

  private final JsonFactory factory;

  JsonValues(long maxDocumentBytes) {
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .maxDocumentLength(maxDocumentBytes)
                    .build())
            .build();
  }

  /**
   * Parses one JSON document.
   *
   * @throws BadRequestException if the bytes are not exactly one well-formed JSON value within the
   *     limits
   */
  Object parse(byte[] bytes) {
    try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new BadRequestException(null, "request body holds no JSON value");
      }
      Object value = value(parser, first);
      if (parser.nextToken() != null) {
        throw new BadRequestException(null, "malformed JSON: trailing content after the value");
      }
      return value;
    } catch (JacksonException e) {
      throw new BadRequestException(
          null, "malformed JSON" + where(e.getLocation()) + ": " + brief(e));
    }
  }

  private static Object value(JsonParser parser, JsonToken token) {
    return switch (token) {
      case START_OBJECT -> object(parser);
      case START_ARRAY -> array(parser);
      case VALUE_STRING -> parser.getString();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default ->
          throw new BadRequestException(null, "malformed JSON: unexpected " + token.asString());
    };
  }

  private static Map<String, Object> object(JsonParser parser) {
    var object = new LinkedHashMap<String, Object>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      Object value = value(parser, parser.nextToken());
      int before = object.size();
      object.put(name, value);
      if (object.size() == before) {
        throw new BadRequestException(name, "field '" + name + "' appears twice in one object");
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new BadRequestException(null, "malformed JSON: unterminated object");
    }
    return object;
  }

  private static List<Object> array(JsonParser parser) {
    var array = new ArrayList<Object>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new BadRequestException(null, "malformed JSON: unterminated array");
      }
      array.add(value(parser, token));
    }
    return array;
  }

  private static String where(TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /**
   * What is wrong, in the client's terms: Jackson's own message names its parser features and
   * constraint classes, which mean nothing to someone sending a request.
   */
  static String brief(JacksonException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return "unreadable JSON";
    }
    if (e instanceof StreamConstraintsException) {
      return limitExceeded(message);
    }
    if (message.contains("ALLOW_NON_NUMERIC_NUMBERS")) {
      return "NaN and Infinity are not JSON numbers: send a finite number, or null for a missing"
          + " value";
    }
    if (message.contains("ALLOW_LEADING_ZEROS")) {
      return "a number has a leading zero, which JSON does not allow";
    }
    message =
        message
            .replaceAll("\\s+", " ")
            // Feature hints and constraint sources: "(…`StreamReadConstraints…`)", ": enable `…`".
            .replaceAll(":? ?\\(?(enable|from|for) `[^`]*`[^)]*\\)?", "")
            .replaceAll(" \\(code \\d+\\)", "")
            .replace('`', '\'');
    return message.length() > 200 ? message.substring(0, 200) + "…" : message;
  }

  private static String limitExceeded(String message) {
    if (message.contains("nesting depth")) {
      return "the JSON is nested deeper than " + MAX_NESTING_DEPTH + " levels";
    }
    if (message.contains("Number value length")) {
      return "a number is longer than " + MAX_NUMBER_LENGTH + " characters";
    }
    if (message.contains("Name length")) {
      return "a field name is longer than " + MAX_NAME_LENGTH + " characters";
    }
    if (message.contains("String value length")) {
      return "a string is longer than " + MAX_STRING_LENGTH + " characters";
    }
    return "the JSON is larger than this scorer accepts";
  }
}
