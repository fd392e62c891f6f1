package io.webassist.dispatch.testing;

import io.webassist.dispatch.broker.Scheduler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** A {@link Scheduler} whose time only moves when a test calls {@link #advance}. Thread-safe. */
public final class ManualScheduler implements Scheduler {

  private final class Task implements Cancellable {
    final long due;
    final long order;
    final Runnable work;
    volatile boolean cancelled;

    Task(long due, long order, Runnable work) {
      this.due = due;
      this.order = order;
      this.work = work;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.order));
  private long now = 1_000_000;
  private long counter;

  @Override
  public synchronized long now() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, long delayMs) {
    Task t = new Task(now + delayMs, counter++, task);
    tasks.add(t);
    return t;
  }

  /** Moves time forward by {@code ms}, running every task that falls due, in order, on this thread. */
  public void advance(long ms) {
    long target;
    synchronized (this) {
      target = now + ms;
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due > target) {
          now = target;
          return;
        }
        tasks.poll();
        now = Math.max(now, next.due);
      }
      if (!next.cancelled) {
        next.work.run();
      }
    }
  }

  /** Tasks scheduled and not cancelled, for assertions. */
  public synchronized int pending() {
    List<Task> live = new ArrayList<>(tasks);
    return (int) live.stream().filter(t -> !t.cancelled).count();
  }
}
