package io.webassist.dispatch.config;

/**
 * Queue limits. {@code maxPerGroup}: how many requests may wait in one group's queue before new
 * ones get {@code support.unavailable{reason:"queue_full"}}. {@code positionUpdateMs}: a waiting
 * user hears a changed position at most once per this interval (always the latest position; 0
 * sends every change at once), so that a busy queue does not cost one frame per waiting user per
 * assignment.
 */
public record QueueConfig(int maxPerGroup, long positionUpdateMs) {

  public static final long DEFAULT_POSITION_UPDATE_MS = 250;

  public QueueConfig {
    if (maxPerGroup < 1) {
      throw new IllegalArgumentException("maxPerGroup must be at least 1: " + maxPerGroup);
    }
    if (positionUpdateMs < 0) {
      throw new IllegalArgumentException("positionUpdateMs must not be negative: " + positionUpdateMs);
    }
  }

  public QueueConfig(int maxPerGroup) {
    this(maxPerGroup, DEFAULT_POSITION_UPDATE_MS);
  }

  public static QueueConfig defaults() {
    return new QueueConfig(100);
  }
}
