package io.webassist.dispatch.relay;

import io.webassist.protocol.frame.ErrorFrame;

/**
 * One side of a session on the relay, as the {@link RelayHub} sees it. The Netty implementation
 * switches its connection to raw line forwarding when paired; tests record the calls.
 * Calls may come from any thread; implementations hand them to their own event loop.
 */
public interface RelayMember {

  /** The join was taken; the other side is not there yet ({@code relay.joined}). */
  void joined(String sessionId);

  /** Both sides are in: forward every following line to {@code partner} ({@code relay.ready}). */
  void paired(RelayMember partner, String sessionId);

  /** The partner's connection closed; stop forwarding ({@code relay.partner_left}). */
  void partnerLeft(String sessionId);

  /** Sends {@code reason} and closes. */
  void close(ErrorFrame reason);
}
