package io.webassist.link.transport;

import io.webassist.protocol.frame.Frame;

/** Whoever currently owns a {@link FrameChannel}; every method runs on the link thread. */
public interface FrameSink {
  /** The connection is up (for accepted connections: just accepted). */
  default void onOpen(FrameChannel channel) {}

  void onFrame(FrameChannel channel, Frame frame);

  /** The line could not be decoded; the codec has already answered with an {@code error} frame. */
  default void onBadLine(FrameChannel channel, String code) {}

  void onClosed(FrameChannel channel);
}
