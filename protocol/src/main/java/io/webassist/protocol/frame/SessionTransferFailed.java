package io.webassist.protocol.frame;

/**
 * Server → agent: a transfer this agent asked for did not happen; its session goes on.
 * {@code reason}: {@code declined}, {@code expired}, {@code unknown_target}, {@code no_agents}, {@code user_left}.
 */
public record SessionTransferFailed(String sessionId, String reason) implements Frame {
  public SessionTransferFailed {
    Require.nonBlank(sessionId, "session.transfer_failed", "sessionId", Require.SHORT_TEXT);
    Require.nonBlank(reason, "session.transfer_failed", "reason", Require.SHORT_TEXT);
  }
}
