package io.webassist.dispatch.pagebridge;

import io.webassist.protocol.frame.Frame;

/** The hub's view of one page's WebSocket; the Netty one writes text frames, tests record. Never blocks. */
interface PageSocket {

  /** Sends {@code frame} unless the socket is backed up or closed (then it is dropped: commands are only hints). */
  void send(Frame frame);

  /** Sends {@code last} (when not null) and closes the socket. */
  void close(Frame last);
}
