package io.webassist.protocol.frame;

/**
 * The request waits; {@code position} is 1 for the front. Sent again whenever the position moves,
 * and with {@code reason} when the request was put back (for example {@code agent_left}).
 * {@code estimatedWaitMs} is the server's estimate of the time until an agent takes the request,
 * from recent handling times and the group's free agents; absent when it cannot say.
 */
public record SupportQueued(String requestId, int position, String reason, Long estimatedWaitMs) implements Frame {
  public SupportQueued {
    Require.nonBlank(requestId, "support.queued", "requestId", Require.SHORT_TEXT);
    Require.optionalText(reason, "support.queued", "reason", Require.SHORT_TEXT);
    if (estimatedWaitMs != null) {
      Require.notNegative(estimatedWaitMs, "support.queued", "estimatedWaitMs");
    }
  }

  public SupportQueued(String requestId, int position, String reason) {
    this(requestId, position, reason, null);
  }

  public SupportQueued(String requestId, int position) {
    this(requestId, position, null, null);
  }
}
