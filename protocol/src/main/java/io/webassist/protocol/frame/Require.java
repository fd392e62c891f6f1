package io.webassist.protocol.frame;

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
