package io.webassist.dispatch.routing;

import io.webassist.dispatch.config.RoutingConfig;
import io.webassist.dispatch.config.RoutingRule;
import io.webassist.security.signing.CustomerIdVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identifies the support group for a request from the customer identifier the user's page sent
 * (claims 78, 79, 86, 87). Rules are tried in order and the first match wins; an id no rule
 * matches, and a request without an id, go to the default group. Exact ids and prefixes compare
 * case-sensitively; a pattern must match the whole id. Immutable and thread-safe.
 *
 * <p>When the site signs its customer ids (a signing secret is configured), an id is routed on only
 * if its signature checks out and has not expired: anyone can type "VIP-1" into a request, so an
 * unverified id goes to the default group, never to a premium one.
 */
public final class RoutingRules {

  /** Where a request goes, and whether its customer id was verified (null: not checked). */
  public record Route(String group, Boolean verified) {}

  private static final Logger LOG = LoggerFactory.getLogger(RoutingRules.class);

  private record CompiledRule(Predicate<String> test, String group) {}

  private final List<CompiledRule> rules;
  private final String defaultGroup;
  private final CustomerIdVerifier verifier;

  public RoutingRules(RoutingConfig config) {
    this(config, Clock.systemUTC());
  }

  public RoutingRules(RoutingConfig config, Clock clock) {
    this.rules = config.rules().stream().map(RoutingRules::compile).toList();
    this.defaultGroup = config.defaultGroup();
    this.verifier = config.signingSecret() == null ? null
        : new CustomerIdVerifier(config.signingSecret().getBytes(StandardCharsets.UTF_8), clock);
  }

  /** The group for a request with this customer id and the site's signature over it. */
  public Route route(String customerId, String signature) {
    if (verifier == null) {
      return new Route(groupFor(customerId), null);
    }
    if (customerId == null || customerId.isEmpty()) {
      return new Route(defaultGroup, null);
    }
    CustomerIdVerifier.Result result = verifier.verify(customerId, signature);
    if (!result.isValid()) {
      LOG.info("customer id not verified result={}; routed to the default group", result);
      return new Route(defaultGroup, false);
    }
    return new Route(groupFor(customerId), true);
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
