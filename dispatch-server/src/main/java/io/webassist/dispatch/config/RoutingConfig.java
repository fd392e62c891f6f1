package io.webassist.dispatch.config;

import io.webassist.protocol.frame.CannedReply;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Routing rules in order (first match wins) and the group for every id no rule matches.
 * {@code signingSecret}, when set, is the secret the web site signs customer ids with (HMAC-SHA256,
 * see docs/OPERATIONS.md): an id whose signature is missing, wrong or expired goes to the default
 * group, whatever the rules say. {@code cannedReplies}: per group, the ready-made chat answers its
 * agents get in {@code agent.ready} (from {@code routing.groups.<group>.cannedReplies}).
 */
public record RoutingConfig(
    List<RoutingRule> rules, String defaultGroup, String signingSecret, Map<String, List<CannedReply>> cannedReplies) {

  /** Shortest signing secret accepted, in bytes of UTF-8. */
  public static final int MIN_SECRET_BYTES = 16;

  public static final String DEFAULT_GROUP = "general";

  public RoutingConfig {
    rules = rules == null ? List.of() : List.copyOf(rules);
    cannedReplies = cannedReplies == null ? Map.of() : Map.copyOf(cannedReplies);
    Objects.requireNonNull(defaultGroup, "defaultGroup");
    if (signingSecret != null && signingSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("signingSecret must be at least " + MIN_SECRET_BYTES + " bytes");
    }
  }

  public RoutingConfig(List<RoutingRule> rules, String defaultGroup, String signingSecret) {
    this(rules, defaultGroup, signingSecret, Map.of());
  }

  public RoutingConfig(List<RoutingRule> rules, String defaultGroup) {
    this(rules, defaultGroup, null);
  }

  public static RoutingConfig defaults() {
    return new RoutingConfig(List.of(), DEFAULT_GROUP);
  }

  public RoutingConfig withSigningSecret(String secret) {
    return new RoutingConfig(rules, defaultGroup, secret, cannedReplies);
  }

  public RoutingConfig withCannedReplies(Map<String, List<CannedReply>> replies) {
    return new RoutingConfig(rules, defaultGroup, signingSecret, replies);
  }

  @Override
  public String toString() {
    return "RoutingConfig[rules=" + rules + ", defaultGroup=" + defaultGroup
        + ", signingSecret=" + (signingSecret == null ? "none" : "***") + ", cannedReplies=" + cannedReplies + "]";
  }
}
