package io.webassist.dispatch.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.config.RoutingConfig;
import io.webassist.dispatch.config.RoutingRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Customer identifier → support group (claims 78, 79, 86, 87). */
class RoutingRulesTest {

  private final RoutingRules rules = new RoutingRules(new RoutingConfig(List.of(
      RoutingRule.exact("key-accounts", "ACME-1", "GLOBEX-7"),
      RoutingRule.prefix("premium", "VIP-", "GOLD-"),
      RoutingRule.pattern("billing", "[0-9]{6}"),
      RoutingRule.prefix("shadowed", "VIP-9")), "general"));

  @Test
  void exactIdGoesToItsGroup() {
    assertThat(rules.groupFor("ACME-1")).isEqualTo("key-accounts");
    assertThat(rules.groupFor("GLOBEX-7")).isEqualTo("key-accounts");
  }

  @Test
  void exactMatchIsCaseSensitiveAndWhole() {
    assertThat(rules.groupFor("acme-1")).isEqualTo("general");
    assertThat(rules.groupFor("ACME-10")).isEqualTo("general");
  }

  @Test
  void prefixMatchesAnyIdStartingWithIt() {
    assertThat(rules.groupFor("VIP-0042")).isEqualTo("premium");
    assertThat(rules.groupFor("GOLD-1")).isEqualTo("premium");
  }

  @Test
  void patternMustMatchTheWholeId() {
    assertThat(rules.groupFor("123456")).isEqualTo("billing");
    assertThat(rules.groupFor("1234567")).isEqualTo("general");
    assertThat(rules.groupFor("x123456")).isEqualTo("general");
  }

  @Test
  void firstMatchingRuleWins() {
    assertThat(rules.groupFor("VIP-99")).isEqualTo("premium");
  }

  @Test
  void unknownMissingOrEmptyIdGoesToTheDefaultGroup() {
    assertThat(rules.groupFor("walk-in")).isEqualTo("general");
    assertThat(rules.groupFor(null)).isEqualTo("general");
    assertThat(rules.groupFor("")).isEqualTo("general");
  }
}
