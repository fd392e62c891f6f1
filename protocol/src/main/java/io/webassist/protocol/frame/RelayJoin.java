package io.webassist.protocol.frame;

/** One side of a session joins the relay on the dispatch server. */
public record RelayJoin(String sessionId, String token) implements Frame {
  public RelayJoin {
    Require.nonBlank(sessionId, "relay.join", "sessionId", Require.SHORT_TEXT);
    Require.nonBlank(token, "relay.join", "token", Require.SHORT_TEXT);
  }

  @Override
  public String toString() {
    return "RelayJoin[sessionId=" + sessionId + ", token=***]";
  }
}
