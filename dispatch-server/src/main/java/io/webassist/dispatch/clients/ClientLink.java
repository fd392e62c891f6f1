package io.webassist.dispatch.clients;

import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;

/**
 * The domain's view of one client connection: where frames to a user or an agent go. The Netty
 * implementation writes to a channel; tests record what was sent. {@link #send} never blocks and
 * may be called from any thread. Identity matters: an offer or session belongs to the link it was
 * made on, so a connection replaced by a second login cannot accept what was offered to it.
 */
public interface ClientLink {

  /** The connection id sent in {@code welcome}; also used in log lines. */
  String connectionId();

  /** Queues a frame for the client; silently dropped once the connection is closed. */
  void send(Frame frame);

  /** Sends {@code last} and then closes the connection. */
  void close(ErrorFrame last);

  /** The address the client reached this server on, used as the relay host when none is configured. */
  String localHost();
}
