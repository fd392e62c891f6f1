package io.webassist.script.transport;

import java.time.Duration;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The lines one connection received and nobody has taken yet, in arrival order, and whether the
 * connection has closed. Bounded: when it holds {@code capacity} lines it asks the transport to
 * stop reading (TCP back-pressure reaches the sender), and to read again once it is half empty.
 * Lines already read from the socket in the same read still come in, so it may briefly hold one
 * network read more than {@code capacity}; it never drops a line.
 * The event loop only ever calls {@link #add} and {@link #markClosed}, which never block; the
 * waiting methods are for the scenario runner's own thread.
 */
public final class Inbox {

  /** What happened while waiting for a line. */
  public sealed interface Next {}

  /** A line arrived (or was already waiting). */
  public record Line(Received received) implements Next {}

  /** The connection closed and no line is left; {@code reason} says why when the transport knows. */
  public record Closed(String reason) implements Next {}

  /** Nothing arrived in time. */
  public record TimedOut() implements Next {}

  /** Called by the inbox when it fills up or drains; implemented by the transport. */
  interface FlowControl {
    void pauseReading();

    void resumeReading();
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final LinkedList<Received> lines = new LinkedList<>();
  private final int capacity;
  private volatile FlowControl flow;
  private boolean paused;
  private boolean closed;
  private String closeReason = "closed by the other side";
  private boolean reasonGiven;

  public Inbox(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2: " + capacity);
    }
    this.capacity = capacity;
  }

  void flowControl(FlowControl flow) {
    this.flow = flow;
  }

  /** Keeps a line; never blocks. */
  void add(Received received) {
    lock.lock();
    try {
      lines.add(received);
      if (lines.size() >= capacity && !paused && flow != null) {
        paused = true;
        flow.pauseReading();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void markClosed() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Remembers why the connection is about to close, for the report; the first reason wins. */
  void closing(String reason) {
    lock.lock();
    try {
      if (!closed && !reasonGiven) {
        closeReason = reason;
        reasonGiven = true;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Why the connection closed, once it has. */
  public String closeReason() {
    lock.lock();
    try {
      return closeReason;
    } finally {
      lock.unlock();
    }
  }

  /** Takes the oldest line, waiting up to {@code timeout} for one. */
  public Next next(Duration timeout) throws InterruptedException {
    return firstMatching(received -> true, timeout);
  }

  /**
   * Takes the oldest line that {@code test} accepts, waiting up to {@code timeout} for one; lines it
   * rejects stay where they are.
   */
  public Next firstMatching(Predicate<Received> test, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      int checked = 0; // lines before this index were already rejected; test each line once
      while (true) {
        for (int i = checked; i < lines.size(); i++) {
          Received candidate = lines.get(i);
          if (test.test(candidate)) {
            lines.remove(i);
            afterTake();
            return new Line(candidate);
          }
        }
        checked = lines.size();
        if (closed) {
          return new Closed(closeReason);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return new TimedOut();
        }
        changed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the connection closes; true if it did within {@code timeout}. Lines are left alone. */
  public boolean awaitClosed(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits {@code period} and returns the first line that is waiting or arrives in that time, or
   * empty if the inbox stayed empty. Returns early when a line is there; takes nothing.
   */
  public Optional<Received> peekWithin(Duration period) throws InterruptedException {
    long deadline = System.nanoTime() + period.toNanos();
    lock.lock();
    try {
      while (lines.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        changed.awaitNanos(left);
      }
      return Optional.of(lines.getFirst());
    } finally {
      lock.unlock();
    }
  }

  /** The lines waiting now, oldest first; takes nothing. */
  public List<Received> snapshot() {
    lock.lock();
    try {
      return List.copyOf(lines);
    } finally {
      lock.unlock();
    }
  }

  /** Drops every waiting line and says how many there were. */
  public int clear() {
    lock.lock();
    try {
      int dropped = lines.size();
      lines.clear();
      afterTake();
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  private void afterTake() {
    if (paused && lines.size() <= capacity / 2) {
      paused = false;
      flow.resumeReading();
    }
  }
}
