package io.webassist.link.session;

import io.webassist.link.transport.FrameChannel;
import io.webassist.protocol.frame.LinkPath;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** One side's way to get a link for its session: direct first, then the relay. Link thread only. */
interface Establisher {
  /** A connection, hand-shaken and parked, ready for {@code session.resume}. */
  record Established(FrameChannel channel, LinkPath path) {}

  /**
   * One attempt, finished by {@code deadline} at the latest. {@code again} is true for every
   * attempt after the first link of the session (recovery, or a retry).
   */
  CompletableFuture<Established> establish(Instant deadline, boolean again);

  /** The session is over: release listeners. */
  void close();
}
