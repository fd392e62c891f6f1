package io.webassist.link.dispatch;

/** Where a {@link DispatchConnection} stands; apps re-login or re-request on each new {@link #CONNECTED}. */
public enum ConnectionState {
  /** The first attempt is under way. */
  CONNECTING,
  /** {@code welcome} received; frames flow. */
  CONNECTED,
  /** The connection dropped; the next attempt waits for its back-off. */
  RECONNECTING,
  /** Closed by the app, or dropped with reconnect off; final. */
  CLOSED
}
