package io.webassist.protocol.frame;

/** The relay took the join; the other side has not joined yet. */
public record RelayJoined(String sessionId) implements Frame {
  public RelayJoined {
    Require.nonBlank(sessionId, "relay.joined", "sessionId", Require.SHORT_TEXT);
  }
}
