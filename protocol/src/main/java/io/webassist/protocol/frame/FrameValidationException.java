package io.webassist.protocol.frame;

/** A frame whose fields break the contract: the message names the frame type and the field. */
public final class FrameValidationException extends IllegalArgumentException {

  private final String field;

  public FrameValidationException(String frame, String field, String problem) {
    super(frame + ": field '" + field + "' " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
