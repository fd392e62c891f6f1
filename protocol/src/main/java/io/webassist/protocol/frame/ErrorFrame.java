package io.webassist.protocol.frame;

/**
 * {@code error{code, message, ref?}}: something the receiver sent was refused. {@code code} is one
 * of {@link ErrorCode}; {@code ref} names what it refers to (a request id, a session id) when there is one.
 */
public record ErrorFrame(String code, String message, String ref) implements Frame {
  public ErrorFrame {
    Require.nonBlank(code, "error", "code", Require.SHORT_TEXT);
    Require.optionalText(message, "error", "message", Require.LONG_TEXT);
    Require.optionalText(ref, "error", "ref", Require.SHORT_TEXT);
  }

  public ErrorFrame(String code, String message) {
    this(code, message, null);
  }
}
