package io.webassist.dispatch.testing;

import io.webassist.dispatch.clients.ClientLink;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A {@link ClientLink} that records what the domain sent, for tests without sockets. */
public final class RecordingLink implements ClientLink {

  private final String id;
  private final ConcurrentLinkedQueue<Frame> sent = new ConcurrentLinkedQueue<>();
  private volatile ErrorFrame closedWith;

  public RecordingLink(String id) {
    this.id = id;
  }

  @Override
  public String connectionId() {
    return id;
  }

  @Override
  public void send(Frame frame) {
    if (closedWith == null) {
      sent.add(frame);
    }
  }

  @Override
  public void close(ErrorFrame last) {
    if (closedWith == null) {
      sent.add(last);
      closedWith = last;
    }
  }

  @Override
  public String localHost() {
    return "10.0.0.1";
  }

  public ErrorFrame closedWith() {
    return closedWith;
  }

  /** Everything sent so far, oldest first; the record is emptied. */
  public List<Frame> take() {
    List<Frame> out = new ArrayList<>();
    for (Frame f; (f = sent.poll()) != null; ) {
      out.add(f);
    }
    return out;
  }

  /** The frames of one type sent so far (the record is emptied of everything). */
  public <T extends Frame> List<T> take(Class<T> type) {
    return take().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Everything sent so far without emptying the record. */
  public List<Frame> peek() {
    return List.copyOf(sent);
  }

  @Override
  public String toString() {
    return id;
  }
}
