package io.webassist.protocol.frame;

/** The server's answer to {@code hello}; {@code idleTimeoutMs} tells the client how often to ping. */
public record Welcome(int protocol, String connectionId, long idleTimeoutMs) implements Frame {
  public Welcome {
    Require.text(connectionId, "welcome", "connectionId", Require.SHORT_TEXT);
  }
}
