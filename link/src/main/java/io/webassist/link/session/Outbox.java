package io.webassist.link.session;

import io.webassist.protocol.frame.ChatTyping;
import io.webassist.protocol.frame.CobrowsePointer;
import io.webassist.protocol.frame.CobrowseScroll;
import io.webassist.protocol.frame.SessionEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Our side's numbering and memory of sent events: stamps {@code seq} (per sender, from 1) and
 * {@code ts}, keeps a bounded window of sent events until the peer's {@code session.resume}
 * acknowledges them, and gives back what it has not seen. Transient events (pointer moves,
 * scrolls, typing) are numbered but not kept: the next one, or the co-browse snapshot sent on
 * every new link, supersedes them. Link thread only.
 */
final class Outbox {
  private final int capacity;
  private final Deque<SessionEvent> kept = new ArrayDeque<>();
  private long lastSeq;

  Outbox(int capacity) {
    this.capacity = capacity;
  }

  static boolean isTransient(SessionEvent event) {
    return event instanceof CobrowsePointer || event instanceof CobrowseScroll || event instanceof ChatTyping;
  }

  /** Stamps the next {@code seq} and {@code ts}; keeps the event unless it is transient. */
  SessionEvent stamp(SessionEvent event, long now) {
    SessionEvent stamped = event.stamped(++lastSeq, now);
    if (!isTransient(stamped)) {
      if (kept.size() == capacity) {
        kept.removeFirst();
      }
      kept.addLast(stamped);
    }
    return stamped;
  }

  /** The peer has everything up to {@code seq}; returns what it still needs, oldest first. */
  List<SessionEvent> acknowledge(long seq) {
    while (!kept.isEmpty() && kept.peekFirst().seq() <= seq) {
      kept.removeFirst();
    }
    return new ArrayList<>(kept);
  }

  long lastSeq() {
    return lastSeq;
  }
}
