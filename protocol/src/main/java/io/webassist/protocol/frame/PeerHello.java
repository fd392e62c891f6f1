package io.webassist.protocol.frame;

/** First line the agent sends on the direct link it dialled to the user's peer listener. */
public record PeerHello(String sessionId, String token) implements Frame {
  public PeerHello {
    Require.nonBlank(sessionId, "peer.hello", "sessionId", Require.SHORT_TEXT);
    Require.nonBlank(token, "peer.hello", "token", Require.SHORT_TEXT);
  }

  @Override
  public String toString() {
    return "PeerHello[sessionId=" + sessionId + ", token=***]";
  }
}
