package io.webassist.dispatch.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.config.RoutingConfig;
import io.webassist.dispatch.config.RoutingRule;
import io.webassist.dispatch.routing.RoutingRules.Route;
import io.webassist.security.signing.CustomerIdSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The identifier must be trustworthy to route on it (claims 78, 86): with a signing secret, only a
 * customer id the site signed, and whose signature has not expired, may reach a premium group.
 */
class SignedCustomerIdRoutingTest {

  private static final String SECRET = "site-and-server-share-this-secret";
  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

  private final CustomerIdSigner site = new CustomerIdSigner(SECRET.getBytes(StandardCharsets.UTF_8));
  private final RoutingRules rules = new RoutingRules(
      new RoutingConfig(List.of(RoutingRule.prefix("premium", "VIP-")), "general").withSigningSecret(SECRET),
      Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void signedIdRoutesByTheRulesAndIsMarkedVerified() {
    String signature = site.sign("VIP-1", NOW.plus(Duration.ofHours(1)));

    assertThat(rules.route("VIP-1", signature)).isEqualTo(new Route("premium", true));
  }

  @Test
  void unsignedIdGoesToTheDefaultGroupNeverToPremium() {
    assertThat(rules.route("VIP-1", null)).isEqualTo(new Route("general", false));
  }

  @Test
  void expiredSignatureGoesToTheDefaultGroup() {
    String signature = site.sign("VIP-1", NOW.minus(Duration.ofMinutes(1)));

    assertThat(rules.route("VIP-1", signature)).isEqualTo(new Route("general", false));
  }

  @Test
  void signatureOfAnotherIdOrFromAnotherSecretGoesToTheDefaultGroup() {
    String forAnotherId = site.sign("ACME-3", NOW.plus(Duration.ofHours(1)));
    String fromAStranger = new CustomerIdSigner("not-the-secret-we-share!".getBytes(StandardCharsets.UTF_8))
        .sign("VIP-1", NOW.plus(Duration.ofHours(1)));

    assertThat(rules.route("VIP-1", forAnotherId)).isEqualTo(new Route("general", false));
    assertThat(rules.route("VIP-1", fromAStranger)).isEqualTo(new Route("general", false));
    assertThat(rules.route("VIP-1", "garbage")).isEqualTo(new Route("general", false));
  }

  @Test
  void withoutASecretIdsRouteAsGivenAndAreNotMarked() {
    RoutingRules trusting = new RoutingRules(new RoutingConfig(List.of(RoutingRule.prefix("premium", "VIP-")), "general"));

    assertThat(trusting.route("VIP-1", null)).isEqualTo(new Route("premium", null));
  }
}
