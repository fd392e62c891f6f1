package io.webassist.script.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Partial matching of a received frame against an expectation:
 * <ul>
 *   <li>objects: every field of the expectation must be in the frame and match; other fields of
 *       the frame are ignored, at every depth;</li>
 *   <li>arrays: same length, element {@code i} matches element {@code i} (objects inside partially);</li>
 *   <li>numbers: equal in value ({@code 1} matches {@code 1.0}); strings, booleans, null: equal,
 *       and of the same JSON type ({@code "5"} does not match {@code 5}).</li>
 * </ul>
 */
public final class JsonMatcher {

  private JsonMatcher() {}

  public static boolean matches(JsonNode expected, JsonNode actual) {
    return differences(expected, actual).isEmpty();
  }

  /** Every difference, each with its path; empty when the frame matches. */
  public static List<Difference> differences(JsonNode expected, JsonNode actual) {
    List<Difference> found = new ArrayList<>();
    compare("", expected, actual, found);
    return found;
  }

  private static void compare(String path, JsonNode expected, JsonNode actual, List<Difference> found) {
    if (expected.isObject()) {
      if (!actual.isObject()) {
        found.add(new Difference(shown(path), "expected an object, got " + actual));
        return;
      }
      for (Map.Entry<String, JsonNode> field : expected.properties()) {
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        JsonNode value = actual.get(field.getKey());
        if (value == null) {
          found.add(new Difference(fieldPath, "missing (expected " + field.getValue() + ")"));
        } else {
          compare(fieldPath, field.getValue(), value, found);
        }
      }
    } else if (expected.isArray()) {
      if (!actual.isArray()) {
        found.add(new Difference(shown(path), "expected an array, got " + actual));
      } else if (expected.size() != actual.size()) {
        found.add(new Difference(shown(path), "expected " + expected.size() + " elements " + expected
            + ", got " + actual.size() + " " + actual));
      } else {
        for (int i = 0; i < expected.size(); i++) {
          compare(path + "[" + i + "]", expected.get(i), actual.get(i), found);
        }
      }
    } else if (!sameScalar(expected, actual)) {
      found.add(new Difference(shown(path), "expected " + expected + ", got " + actual));
    }
  }

  private static boolean sameScalar(JsonNode expected, JsonNode actual) {
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return expected.equals(actual);
  }

  private static String shown(String path) {
    return path.isEmpty() ? "$" : path;
  }
}
