package io.webassist.cobrowse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The on-line chat of a session (claims 98, 109): messages in the order this end saw them, and
 * whether the other side is typing. Not thread-safe: confine to one thread (the EDT).
 */
public final class ChatLog {
  /** One chat line: who wrote it, what, and when by the writer's clock (epoch ms). */
  public record Entry(Side sender, String text, long ts) {}

  public interface Listener {
    default void messageAdded(Entry entry) {}

    default void peerTypingChanged(boolean typing) {}
  }

  private final List<Entry> entries = new ArrayList<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private boolean peerTyping;

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public List<Entry> entries() {
    return Collections.unmodifiableList(entries);
  }

  /** Just the texts, in order; handy for views and tests. */
  public List<String> texts() {
    return entries.stream().map(Entry::text).toList();
  }

  public boolean peerTyping() {
    return peerTyping;
  }

  void add(Entry entry) {
    entries.add(entry);
    for (Listener listener : listeners) {
      listener.messageAdded(entry);
    }
  }

  void peerTyping(boolean typing) {
    if (peerTyping == typing) {
      return;
    }
    peerTyping = typing;
    for (Listener listener : listeners) {
      listener.peerTypingChanged(typing);
    }
  }
}
