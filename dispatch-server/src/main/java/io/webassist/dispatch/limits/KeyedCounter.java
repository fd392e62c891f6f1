package io.webassist.dispatch.limits;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A count per key (an IP address) with a ceiling, thread-safe. Keys at zero are removed, so the
 * map only holds addresses that have something open: it cannot grow with addresses seen long ago.
 */
public final class KeyedCounter {

  private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

  /** Adds one to {@code key} unless it is at {@code max} already; true if added. */
  public boolean tryAcquire(String key, int max) {
    boolean[] added = {false};
    counts.compute(key, (k, n) -> {
      int count = n == null ? 0 : n;
      if (count >= max) {
        return n;
      }
      added[0] = true;
      return count + 1;
    });
    return added[0];
  }

  /** Adds one to {@code key} whatever its count (something admitted before comes back). */
  public void acquire(String key) {
    counts.merge(key, 1, Integer::sum);
  }

  /** Takes one from {@code key}; never below zero. */
  public void release(String key) {
    counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
  }

  public int count(String key) {
    return counts.getOrDefault(key, 0);
  }

  /** How many keys have a count above zero. */
  public int keys() {
    return counts.size();
  }
}
