package io.webassist.dispatch.queue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One group's first-in-first-out queue of waiting requests, with a bounded length, a way to put a
 * request back at the front (its agent vanished: it has waited long enough already), and tracking
 * of the position each waiting user was last told, so that {@code support.queued} is sent again
 * exactly when a position moves.
 *
 * <p>Not thread-safe: each group's queue is only touched under that group's lock.
 *
 * @param <T> the queued request type
 */
public final class RequestQueue<T> {

  private final int capacity;
  private final List<T> items = new ArrayList<>();
  private final Map<T, Integer> told = new IdentityHashMap<>();

  public RequestQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /** Appends {@code item}; false (and nothing changes) when the queue is full. */
  public boolean addLast(T item) {
    if (items.size() >= capacity) {
      return false;
    }
    items.add(item);
    return true;
  }

  /** Puts {@code item} first, even past the capacity: it was admitted before. */
  public void addFirst(T item) {
    items.remove(item);
    items.add(0, item);
  }

  public boolean remove(T item) {
    told.remove(item);
    return items.remove(item);
  }

  /** Moves a queued item to the front; false if it is not queued. */
  public boolean moveToFront(T item) {
    if (!items.remove(item)) {
      return false;
    }
    items.add(0, item);
    return true;
  }

  /** 1 for the front, 0 if not queued. */
  public int positionOf(T item) {
    return items.indexOf(item) + 1;
  }

  public int size() {
    return items.size();
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  public boolean isFull() {
    return items.size() >= capacity;
  }

  /** The queued items, front first, as a copy that may outlive changes to the queue. */
  public List<T> inOrder() {
    return List.copyOf(items);
  }

  /** Records that {@code item}'s user was told {@code position}. */
  public void told(T item, int position) {
    told.put(item, position);
  }

  /** Calls {@code action} for every item whose position differs from what its user was last told, and records the new one. */
  public void forEachMoved(BiConsumer<T, Integer> action) {
    for (int i = 0; i < items.size(); i++) {
      T item = items.get(i);
      int position = i + 1;
      Integer last = told.put(item, position);
      if (last == null || last != position) {
        action.accept(item, position);
      }
    }
  }
}
