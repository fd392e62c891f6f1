package io.webassist.e2e;

import org.awaitility.Awaitility;

import io.webassist.protocol.frame.Frame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects what a connection received, so a test can wait for the frame it expects. */
final class FrameInbox implements Consumer<Frame> {

  private final List<Frame> frames = new CopyOnWriteArrayList<>();

  @Override
  public void accept(Frame frame) {
    frames.add(frame);
  }

  <T extends Frame> T await(Class<T> type) {
    return await(type, f -> true);
  }

  <T extends Frame> T await(Class<T> type, Predicate<T> matching) {
    return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> find(type, matching), f -> f != null);
  }

  /** The first frame of that type received so far that matches, or null. */
  <T extends Frame> T find(Class<T> type, Predicate<T> matching) {
    for (Frame frame : frames) {
      if (type.isInstance(frame) && matching.test(type.cast(frame))) {
        return type.cast(frame);
      }
    }
    return null;
  }
}
