package io.webassist.dispatch.config;

/**
 * Queue limits. {@code maxPerGroup}: how many requests may wait in one group's queue before new
 * ones get {@code support.unavailable{reason:"queue_full"}}. {@code positionUpdateMs}: a waiting
 * user hears a changed position at most once per this interval (always the latest position; 0
 * sends every change at once), so that a busy queue does not cost one frame per waiting user per
 * assignment. {@code statusUpdateMs}: a logged-in agent hears {@code queue.status} (waiting count
 * and longest wait of its groups) at most once per this interval after a change (0: never pushed).
 */
public record QueueConfig(int maxPerGroup, long positionUpdateMs, long statusUpdateMs) {

  public static final long DEFAULT_POSITION_UPDATE_MS = 250;
  public static final long DEFAULT_STATUS_UPDATE_MS = 500;

  public QueueConfig {
    if (maxPerGroup < 1) {
      throw new IllegalArgumentException("maxPerGroup must be at least 1: " + maxPerGroup);
    }
    if (positionUpdateMs < 0) {
      throw new IllegalArgumentException("positionUpdateMs must not be negative: " + positionUpdateMs);
    }
    if (statusUpdateMs < 0) {
      throw new IllegalArgumentException("statusUpdateMs must not be negative: " + statusUpdateMs);
    }
  }

  public QueueConfig(int maxPerGroup, long positionUpdateMs) {
    this(maxPerGroup, positionUpdateMs, DEFAULT_STATUS_UPDATE_MS);
  }

  public QueueConfig(int maxPerGroup) {
    this(maxPerGroup, DEFAULT_POSITION_UPDATE_MS);
  }

  public static QueueConfig defaults() {
    return new QueueConfig(100);
  }
}
