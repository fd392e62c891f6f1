package io.webassist.dispatch.config;

import java.util.List;
import java.util.Objects;

/** Routing rules in order (first match wins) and the group for every id no rule matches. */
public record RoutingConfig(List<RoutingRule> rules, String defaultGroup) {

  public static final String DEFAULT_GROUP = "general";

  public RoutingConfig {
    rules = rules == null ? List.of() : List.copyOf(rules);
    Objects.requireNonNull(defaultGroup, "defaultGroup");
  }

  public static RoutingConfig defaults() {
    return new RoutingConfig(List.of(), DEFAULT_GROUP);
  }
}
