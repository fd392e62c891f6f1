package io.webassist.protocol.frame;

/**
 * Sent by each peer first on a new or re-established link: the highest {@code seq} it has received
 * from the other side (0 if none), so the other side resends what was lost and nothing twice.
 */
public record SessionResume(String sessionId, long lastSeq) implements Frame {
  public SessionResume {
    Require.nonBlank(sessionId, "session.resume", "sessionId", Require.SHORT_TEXT);
    Require.notNegative(lastSeq, "session.resume", "lastSeq");
  }
}
