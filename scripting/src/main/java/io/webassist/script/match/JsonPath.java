package io.webassist.script.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path into a frame: field names joined by dots, array elements by {@code [index]}:
 * {@code token}, {@code user.ip}, {@code relay.port}, {@code groups[0]}, {@code items[2].name}.
 */
public final class JsonPath {

  private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)((?:\\[\\d{1,6}])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

  private final String text;
  /** Field names (String) and array indices (Integer), in order. */
  private final List<Object> steps;

  private JsonPath(String text, List<Object> steps) {
    this.text = text;
    this.steps = steps;
  }

  /** @throws IllegalArgumentException when {@code text} is not a path as described above */
  public static JsonPath parse(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty path");
    }
    List<Object> steps = new ArrayList<>();
    for (String segment : text.split("\\.", -1)) {
      Matcher m = SEGMENT.matcher(segment);
      if (!m.matches()) {
        throw new IllegalArgumentException("bad path '" + text + "' (write field.field or field[0].field)");
      }
      steps.add(m.group(1));
      Matcher index = INDEX.matcher(m.group(2));
      while (index.find()) {
        steps.add(Integer.parseInt(index.group(1)));
      }
    }
    return new JsonPath(text, List.copyOf(steps));
  }

  /** The value at this path, or empty when some part of it is missing. */
  public Optional<JsonNode> find(JsonNode root) {
    JsonNode node = root;
    for (Object step : steps) {
      node = step instanceof Integer index ? node.get(index) : node.get((String) step);
      if (node == null) {
        return Optional.empty();
      }
    }
    return Optional.of(node);
  }

  @Override
  public String toString() {
    return text;
  }
}
