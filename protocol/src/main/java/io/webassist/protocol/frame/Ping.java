package io.webassist.protocol.frame;

/** Keep-alive; the receiver answers {@link Pong}. */
public record Ping() implements Frame {
  public static final Ping INSTANCE = new Ping();
}
