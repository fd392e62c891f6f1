package io.webassist.dispatch.routing;

import io.webassist.dispatch.config.RoutingConfig;
import io.webassist.dispatch.config.RoutingRule;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Identifies the support group for a request from the customer identifier the user's page sent
 * (claims 78, 79, 86, 87). Rules are tried in order and the first match wins; an id no rule
 * matches, and a request without an id, go to the default group. Exact ids and prefixes compare
 * case-sensitively; a pattern must match the whole id. Immutable and thread-safe.
 */
public final class RoutingRules {

  private record CompiledRule(Predicate<String> test, String group) {}

  private final List<CompiledRule> rules;
  private final String defaultGroup;

  public RoutingRules(RoutingConfig config) {
    this.rules = config.rules().stream().map(RoutingRules::compile).toList();
    this.defaultGroup = config.defaultGroup();
  }

  /** The group whose agents should serve this customer. */
  public String groupFor(String customerId) {
    if (customerId == null || customerId.isEmpty()) {
      return defaultGroup;
    }
    for (CompiledRule rule : rules) {
      if (rule.test().test(customerId)) {
        return rule.group();
      }
    }
    return defaultGroup;
  }

  public String defaultGroup() {
    return defaultGroup;
  }

  private static CompiledRule compile(RoutingRule rule) {
    List<String> values = rule.values();
    Predicate<String> test = switch (rule.match()) {
      case EXACT -> values::contains;
      case PREFIX -> id -> values.stream().anyMatch(id::startsWith);
      case PATTERN -> {
        List<Pattern> patterns = values.stream().map(Pattern::compile).toList();
        yield id -> patterns.stream().anyMatch(p -> p.matcher(id).matches());
      }
    };
    return new CompiledRule(test, rule.group());
  }
}
