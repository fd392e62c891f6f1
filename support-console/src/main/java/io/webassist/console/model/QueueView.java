package io.webassist.console.model;

import io.webassist.protocol.frame.GroupQueue;
import io.webassist.protocol.frame.QueueStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live queue of the groups this agent serves (from {@code queue.status}): how many wait in each
 * and how long the oldest has waited. Confined to the desk's thread.
 */
public final class QueueView {

  public interface Listener {
    void queueChanged(QueueView queue);
  }

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private List<GroupQueue> groups = List.of();
  private long updatedAt;

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public void update(QueueStatus status, long now) {
    groups = status.groups();
    updatedAt = now;
    listeners.forEach(l -> l.queueChanged(this));
  }

  /** Forgets the counts (the connection was lost; they are stale). */
  public void clear() {
    groups = List.of();
    updatedAt = 0;
    listeners.forEach(l -> l.queueChanged(this));
  }

  public List<GroupQueue> groups() {
    return groups;
  }

  public int totalWaiting() {
    return groups.stream().mapToInt(GroupQueue::waiting).sum();
  }

  /** The longest wait among the groups at the time of the last update, in ms. */
  public long longestWaitMs() {
    return groups.stream().mapToLong(GroupQueue::longestWaitMs).max().orElse(0);
  }

  /** When the last {@code queue.status} arrived (epoch ms), 0 before any. */
  public long updatedAt() {
    return updatedAt;
  }
}
