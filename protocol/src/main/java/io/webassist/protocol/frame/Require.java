package io.webassist.protocol.frame;

import java.util.List;
import java.util.Map;

/** Field checks for the compact constructors of frames; a failure names the frame and the field. */
public final class Require {

  /** Longest text of any ordinary field (names, ids, tokens). */
  public static final int SHORT_TEXT = 256;
  /** Longest URL. */
  public static final int URL = 4096;
  /** Longest chat message or form input value. */
  public static final int LONG_TEXT = 8192;

  private Require() {}

  public static String text(String value, String frame, String field, int maxLength) {
    if (value == null) {
      throw new FrameValidationException(frame, field, "is required");
    }
    return optionalText(value, frame, field, maxLength);
  }

  public static String nonBlank(String value, String frame, String field, int maxLength) {
    text(value, frame, field, maxLength);
    if (value.isBlank()) {
      throw new FrameValidationException(frame, field, "must not be empty");
    }
    return value;
  }

  public static String optionalText(String value, String frame, String field, int maxLength) {
    if (value != null && value.length() > maxLength) {
      throw new FrameValidationException(frame, field, "is longer than " + maxLength + " characters");
    }
    return value;
  }

  public static <T> T present(T value, String frame, String field) {
    if (value == null) {
      throw new FrameValidationException(frame, field, "is required");
    }
    return value;
  }

  /** An immutable copy of an optional list whose elements must be present (null means empty). */
  public static List<String> textList(List<String> values, String frame, String field, int maxLength) {
    if (values == null) {
      return List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      text(values.get(i), frame, field + "[" + i + "]", maxLength);
    }
    return List.copyOf(values);
  }

  /** An immutable copy of an optional text map whose keys and values must be present. */
  public static Map<String, String> textMap(Map<String, String> values, String frame, String field, int maxLength) {
    if (values == null) {
      return Map.of();
    }
    for (Map.Entry<String, String> entry : values.entrySet()) {
      text(entry.getKey(), frame, field, SHORT_TEXT);
      text(entry.getValue(), frame, field + "." + entry.getKey(), maxLength);
    }
    return Map.copyOf(values);
  }

  public static long notNegative(long value, String frame, String field) {
    if (value < 0) {
      throw new FrameValidationException(frame, field, "must not be negative");
    }
    return value;
  }

  public static int port(int value, String frame, String field) {
    if (value < 1 || value > 65535) {
      throw new FrameValidationException(frame, field, "must be a TCP port (1-65535)");
    }
    return value;
  }
}
