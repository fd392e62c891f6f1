package io.webassist.console;

import io.webassist.console.model.Offer;
import io.webassist.protocol.frame.UserInfo;
import java.time.Clock;
import java.time.Duration;

/**
 * How an offer reads at a glance (claims 95, 106): who asks, their phone, from which IP, for which
 * customer, from which page, since when.
 */
public final class OfferText {

  private OfferText() {}

  public static String describe(Offer offer, Clock clock) {
    UserInfo user = offer.user();
    StringBuilder text = new StringBuilder();
    text.append(orDash(user.name())).append(", phone ").append(orDash(user.phone()))
        .append(", from ").append(orDash(user.ip()))
        .append(", customer ").append(orDash(user.customerId()));
    if (Boolean.FALSE.equals(user.customerVerified())) {
      text.append(" unverified"); // the site's signature did not check out: don't trust the id
    } else if (Boolean.TRUE.equals(user.customerVerified())) {
      text.append(" verified");
    }
    if (offer.group() != null) {
      text.append(" (").append(offer.group()).append(')');
    }
    text.append(", page ").append(orDash(offer.pageUrl()));
    if (offer.requestedAt() > 0) {
      text.append(", waiting ").append(human(Duration.ofMillis(offer.waitedMs(clock.millis()))));
    }
    return text.toString();
  }

  /** A duration as people read it: "42 s", "3 min 5 s". */
  public static String human(Duration d) {
    long s = d.toSeconds();
    return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
  }

  /** The value, or "—" where the user gave none. */
  static String orDash(String value) {
    return value == null || value.isBlank() ? "—" : value;
  }
}
