package io.webassist.script.match;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The tool's one JSON reader: strict (one value per text, no trailing garbage), numbers kept exact. */
public final class Json {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private Json() {}

  /**
   * Parses a JSON object.
   *
   * @throws IllegalArgumentException with a short reason when {@code text} is not one JSON object
   */
  public static JsonNode object(String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return node;
  }

  /** The object in {@code line}, or null when the line is not a JSON object. */
  public static JsonNode objectOrNull(String line) {
    try {
      return object(line);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** {@code text} as it goes between the quotes of a JSON string. */
  public static String escape(String text) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(text));
  }

  /** Compact JSON text, as one line. */
  public static String compact(JsonNode node) {
    return node.toString();
  }
}
