package io.webassist.dispatch.queue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * One group's first-in-first-out queue of waiting requests, with a bounded length, a way to put a
 * request back at the front (its agent vanished: it has waited long enough already), and tracking
 * of the position each waiting user was last told, so that {@code support.queued} is sent again
 * exactly when a position moves.
 *
 * <p>An item may be <em>held</em> (offered to an agent): it keeps its place, but
 * {@link #nextWaiting} passes over it. Each item has a place number (growing at the back, shrinking
 * at the front), kept in two sorted maps — every item, and the items not held — so that adding,
 * removing, holding and finding the first item waiting for an offer cost O(log n) whatever the
 * length: a dispatch does not walk the queue. Only {@link #forEachMoved} (coalesced by the caller)
 * and {@link #inOrder} walk it.
 *
 * <p>Not thread-safe: each group's queue belongs to that group's lane, which guards it.
 *
 * @param <T> the queued request type; compared by identity
 */
public final class RequestQueue<T> {

  private static final class Entry {
    long place;
    int told;
    boolean held;
  }

  private final int capacity;
  private final NavigableMap<Long, T> items = new TreeMap<>();
  private final NavigableMap<Long, T> waiting = new TreeMap<>();
  private final Map<T, Entry> entries = new IdentityHashMap<>();
  private long nextBack;
  private long nextFront = -1;

  public RequestQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /** Appends {@code item}; false (and nothing changes) when the queue is full. */
  public boolean addLast(T item) {
    if (items.size() >= capacity || entries.containsKey(item)) {
      return false;
    }
    place(item, new Entry(), nextBack++);
    return true;
  }

  /** Puts {@code item} first, even past the capacity: it was admitted before. Not held afterwards. */
  public void addFirst(T item) {
    Entry entry = entries.get(item);
    if (entry != null) {
      unplace(entry);
    } else {
      entry = new Entry();
    }
    entry.held = false;
    place(item, entry, nextFront--);
  }

  public boolean remove(T item) {
    Entry entry = entries.remove(item);
    if (entry == null) {
      return false;
    }
    unplace(entry);
    return true;
  }

  /** Moves a queued item to the front; false if it is not queued. */
  public boolean moveToFront(T item) {
    Entry entry = entries.get(item);
    if (entry == null) {
      return false;
    }
    unplace(entry);
    place(item, entry, nextFront--);
    return true;
  }

  /** Held items keep their place but are not {@link #nextWaiting waiting} for an offer. */
  public void hold(T item, boolean held) {
    Entry entry = entries.get(item);
    if (entry == null || entry.held == held) {
      return;
    }
    entry.held = held;
    if (held) {
      waiting.remove(entry.place);
    } else {
      waiting.put(entry.place, item);
    }
  }

  /** The first item not held that comes after {@code after} (null: from the front), or null. */
  public T nextWaiting(T after) {
    if (after == null) {
      return waiting.isEmpty() ? null : waiting.firstEntry().getValue();
    }
    Entry entry = entries.get(after);
    Map.Entry<Long, T> next = entry == null ? null : waiting.higherEntry(entry.place);
    return next == null ? null : next.getValue();
  }

  /** The front item, or null. */
  public T first() {
    return items.isEmpty() ? null : items.firstEntry().getValue();
  }

  /** 1 for the front, 0 if not queued. Costs O(position). */
  public int positionOf(T item) {
    Entry entry = entries.get(item);
    return entry == null ? 0 : items.headMap(entry.place, false).size() + 1;
  }

  public boolean contains(T item) {
    return entries.containsKey(item);
  }

  public int size() {
    return items.size();
  }

  /** Items held (offered), for the metrics. */
  public int heldCount() {
    return items.size() - waiting.size();
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  public boolean isFull() {
    return items.size() >= capacity;
  }

  /** The queued items, front first, as a copy that may outlive changes to the queue. */
  public List<T> inOrder() {
    return new ArrayList<>(items.values());
  }

  /** Records that {@code item}'s user was told {@code position}. */
  public void told(T item, int position) {
    Entry entry = entries.get(item);
    if (entry != null) {
      entry.told = position;
    }
  }

  /** Calls {@code action} for every item whose position differs from what its user was last told, and records the new one. */
  public void forEachMoved(BiConsumer<T, Integer> action) {
    int position = 0;
    for (T item : items.values()) {
      position++;
      Entry entry = entries.get(item);
      if (entry.told != position) {
        entry.told = position;
        action.accept(item, position);
      }
    }
  }

  private void place(T item, Entry entry, long place) {
    entry.place = place;
    entries.put(item, entry);
    items.put(place, item);
    if (!entry.held) {
      waiting.put(place, item);
    }
  }

  private void unplace(Entry entry) {
    items.remove(entry.place);
    waiting.remove(entry.place);
  }
}
