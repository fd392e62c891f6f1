package io.webassist.protocol.frame;

/** The user's client accepted the agent's direct link. */
public record PeerWelcome(String sessionId) implements Frame {
  public PeerWelcome {
    Require.nonBlank(sessionId, "peer.welcome", "sessionId", Require.SHORT_TEXT);
  }
}
