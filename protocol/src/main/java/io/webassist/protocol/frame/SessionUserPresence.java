package io.webassist.protocol.frame;

/**
 * Server → agent: the user's dispatch connection of a running session dropped ({@code away=true};
 * the session waits {@code graceMs} for the user to reclaim it, the peer link may still be up) or
 * came back ({@code away=false}). When the grace runs out the session ends with {@code user_left}.
 */
public record SessionUserPresence(String sessionId, boolean away, Long graceMs) implements Frame {
  public SessionUserPresence {
    Require.nonBlank(sessionId, "session.user_presence", "sessionId", Require.SHORT_TEXT);
    if (graceMs != null) {
      Require.notNegative(graceMs, "session.user_presence", "graceMs");
    }
  }
}
