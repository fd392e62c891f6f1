package io.webassist.protocol.frame;

/** Answer to {@link Ping}. */
public record Pong() implements Frame {
  public static final Pong INSTANCE = new Pong();
}
