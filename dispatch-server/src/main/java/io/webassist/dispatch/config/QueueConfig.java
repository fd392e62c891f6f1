package io.webassist.dispatch.config;

/**
 * Queue limits. {@code maxPerGroup}: how many requests may wait in one group's queue before new
 * ones get {@code support.unavailable{reason:"queue_full"}}.
 */
public record QueueConfig(int maxPerGroup) {

  public QueueConfig {
    if (maxPerGroup < 1) {
      throw new IllegalArgumentException("maxPerGroup must be at least 1: " + maxPerGroup);
    }
  }

  public static QueueConfig defaults() {
    return new QueueConfig(100);
  }
}
