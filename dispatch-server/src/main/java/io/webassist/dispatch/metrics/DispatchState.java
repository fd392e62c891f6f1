package io.webassist.dispatch.metrics;

import java.util.List;
import java.util.Map;

/**
 * What the {@code /metrics} gauges read from the dispatch core when they are scraped (never on a
 * hot path): per group, how many wait and how long the longest-waiting one has waited; the
 * logged-in agents by state. The server registers one at start ({@link Metrics#dispatchState}); the
 * core only has to give the numbers. Called on the scraping thread: implementations read what
 * they can without blocking the core for long.
 */
public interface DispatchState {

  /** Nothing known yet: no groups, no agents. */
  DispatchState NONE = new DispatchState() {
    @Override
    public List<GroupQueue> queues() {
      return List.of();
    }

    @Override
    public Map<String, Long> agentsByState() {
      return Map.of();
    }
  };

  /**
   * One group's queue right now.
   *
   * @param group the group's name
   * @param length requests waiting
   * @param oldestWaitMillis how long the longest-waiting one has waited; 0 when none waits, -1 when unknown
   */
  record GroupQueue(String group, int length, long oldestWaitMillis) {}

  /** Every group the server routes to, also those nobody waits in. */
  List<GroupQueue> queues();

  /** Logged-in agents by state ({@code available}, {@code busy} — at their session limit —, {@code away}). */
  Map<String, Long> agentsByState();
}
