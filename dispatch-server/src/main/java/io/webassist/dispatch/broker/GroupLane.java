package io.webassist.dispatch.broker;

import io.webassist.dispatch.queue.RequestQueue;
import io.webassist.dispatch.sessions.Session;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Everything about one support group that must change together: its queue, its requests'
 * offers and its running sessions. Each group has its own lock, so groups never wait for each
 * other; work for one group is short (no I/O but queuing frames on channels). No code holds two
 * group locks at once.
 */
final class GroupLane {

  private final String group;
  private final ReentrantLock lock = new ReentrantLock();
  private final RequestQueue<HelpRequest> queue;
  private final Set<Session> sessions = new LinkedHashSet<>();
  // guarded: when queue positions were last sent, and whether a send is scheduled
  private long positionsToldAt = Long.MIN_VALUE / 2;
  private boolean positionsDue;

  GroupLane(String group, int maxQueued) {
    this.group = group;
    this.queue = new RequestQueue<>(maxQueued);
  }

  String group() {
    return group;
  }

  /** Guarded: use only inside {@link #run} or {@link #call}. */
  RequestQueue<HelpRequest> queue() {
    return queue;
  }

  /** Guarded: use only inside {@link #run} or {@link #call}. */
  Set<Session> sessions() {
    return sessions;
  }

  /** Guarded. When waiting users were last told their positions. */
  long positionsToldAt() {
    return positionsToldAt;
  }

  void positionsToldAt(long at) {
    positionsToldAt = at;
  }

  /** Guarded. A send of the queue positions is scheduled. */
  boolean positionsDue() {
    return positionsDue;
  }

  void positionsDue(boolean due) {
    positionsDue = due;
  }

  void run(Runnable work) {
    lock.lock();
    try {
      work.run();
    } finally {
      lock.unlock();
    }
  }

  <T> T call(Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  /** Length of the queue, for metrics; takes the lock briefly. */
  int queueLength() {
    return call(queue::size);
  }
}
