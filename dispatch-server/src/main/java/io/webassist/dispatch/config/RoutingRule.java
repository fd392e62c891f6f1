package io.webassist.dispatch.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Maps customer identifiers to a support group (claims 78, 79, 86, 87): {@code exact} ids,
 * id {@code prefix}es, or regular-expression {@code pattern}s that must match the whole id.
 */
public record RoutingRule(Match match, List<String> values, String group) {

  /** How a rule compares a customer identifier with its values. */
  public enum Match {
    EXACT, PREFIX, PATTERN;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public RoutingRule {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(group, "group");
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a routing rule needs at least one value");
    }
  }

  public static RoutingRule exact(String group, String... ids) {
    return new RoutingRule(Match.EXACT, List.of(ids), group);
  }

  public static RoutingRule prefix(String group, String... prefixes) {
    return new RoutingRule(Match.PREFIX, List.of(prefixes), group);
  }

  public static RoutingRule pattern(String group, String... regexes) {
    return new RoutingRule(Match.PATTERN, List.of(regexes), group);
  }
}
