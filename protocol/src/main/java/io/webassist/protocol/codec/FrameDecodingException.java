package io.webassist.protocol.codec;

/** A line that is not a valid frame; {@link #code()} is the {@code error.code} to answer with. */
public final class FrameDecodingException extends Exception {

  private final String code;

  public FrameDecodingException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
