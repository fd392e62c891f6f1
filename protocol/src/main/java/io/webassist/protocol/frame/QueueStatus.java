package io.webassist.protocol.frame;

import java.util.List;

/**
 * Server → agent: how many requests wait in each group the agent serves and how long the oldest has
 * waited. Pushed after login and whenever a queue changes, coalesced to a few per second at most.
 */
public record QueueStatus(List<GroupQueue> groups) implements Frame {
  public QueueStatus {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }
}
