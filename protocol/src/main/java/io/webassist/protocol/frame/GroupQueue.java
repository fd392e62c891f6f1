package io.webassist.protocol.frame;

/** One group's queue in {@code queue.status}: requests waiting, and the oldest wait in ms (0 when none). */
public record GroupQueue(String group, int waiting, long longestWaitMs) {
  public GroupQueue {
    Require.nonBlank(group, "queue.status", "group", Require.SHORT_TEXT);
    Require.notNegative(waiting, "queue.status", "waiting");
    Require.notNegative(longestWaitMs, "queue.status", "longestWaitMs");
  }
}
