package io.webassist.protocol.frame;

/**
 * The session is over. Between peers it is the last event on the link; to and from the dispatch
 * server it names the session ({@code sessionId}) so the agent's capacity is freed.
 */
public record SessionEnd(long seq, long ts, String sessionId, String reason) implements SessionEvent {
  public SessionEnd {
    Require.optionalText(sessionId, "session.end", "sessionId", Require.SHORT_TEXT);
    Require.optionalText(reason, "session.end", "reason", Require.SHORT_TEXT);
  }

  public SessionEnd(String sessionId, String reason) {
    this(0, 0, sessionId, reason);
  }

  @Override
  public SessionEnd stamped(long seq, long ts) {
    return new SessionEnd(seq, ts, sessionId, reason);
  }
}
