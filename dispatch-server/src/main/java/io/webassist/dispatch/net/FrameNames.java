package io.webassist.dispatch.net;

import io.webassist.protocol.frame.Frame;

/** The wire name of whatever reached a handler, for error messages. */
final class FrameNames {

  private FrameNames() {}

  static String of(Object msg) {
    return msg instanceof Frame frame ? frame.type() : msg.getClass().getSimpleName();
  }
}
