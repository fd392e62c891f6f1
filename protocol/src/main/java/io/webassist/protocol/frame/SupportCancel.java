package io.webassist.protocol.frame;

/** The user no longer wants help with this request. */
public record SupportCancel(String requestId) implements Frame {
  public SupportCancel {
    Require.nonBlank(requestId, "support.cancel", "requestId", Require.SHORT_TEXT);
  }
}
