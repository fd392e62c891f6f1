package io.webassist.protocol.frame;

/** First frame on every connection: who is speaking and which protocol version. */
public record Hello(Role role, int protocol, String client) implements Frame {
  public Hello {
    Require.present(role, "hello", "role");
    Require.optionalText(client, "hello", "client", Require.SHORT_TEXT);
  }

  public Hello(Role role) {
    this(role, FrameTypes.PROTOCOL_VERSION, null);
  }
}
