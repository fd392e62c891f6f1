package io.webassist.protocol.frame;

/**
 * The request waits; {@code position} is 1 for the front. Sent again whenever the position moves,
 * and with {@code reason} when the request was put back (for example {@code agent_left}).
 */
public record SupportQueued(String requestId, int position, String reason) implements Frame {
  public SupportQueued {
    Require.nonBlank(requestId, "support.queued", "requestId", Require.SHORT_TEXT);
    Require.optionalText(reason, "support.queued", "reason", Require.SHORT_TEXT);
  }

  public SupportQueued(String requestId, int position) {
    this(requestId, position, null);
  }
}
