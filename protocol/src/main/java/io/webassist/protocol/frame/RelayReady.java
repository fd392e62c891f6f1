package io.webassist.protocol.frame;

/** Both sides have joined: from the next line on, the relay forwards every line to the other side. */
public record RelayReady(String sessionId) implements Frame {
  public RelayReady {
    Require.nonBlank(sessionId, "relay.ready", "sessionId", Require.SHORT_TEXT);
  }
}
