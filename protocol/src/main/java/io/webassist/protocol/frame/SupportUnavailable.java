package io.webassist.protocol.frame;

/** The request cannot be served: no agent in its group, queue full, cancelled, or the server stops. */
public record SupportUnavailable(String requestId, String reason) implements Frame {
  public SupportUnavailable {
    Require.optionalText(requestId, "support.unavailable", "requestId", Require.SHORT_TEXT);
    Require.nonBlank(reason, "support.unavailable", "reason", Require.SHORT_TEXT);
  }
}
