package io.webassist.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.console.model.Offer;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.UserInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OfferTextTest {

  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_000_000 + 75_000), ZoneOffset.UTC);

  @Test
  void offerShowsNamePhoneIpCustomerPageAndWaitingTime() {
    SupportOffer offer = new SupportOffer("r-1",
        new UserInfo("Ada Lovelace", "+44 20 7946 0000", "203.0.113.7", "vip-7"),
        "https://shop.example.com/cart", 30_000, 1_000_000, "premium");

    assertThat(OfferText.describe(Offer.of(offer, clock.millis()), clock)).isEqualTo(
        "Ada Lovelace, phone +44 20 7946 0000, from 203.0.113.7, customer vip-7 (premium), "
            + "page https://shop.example.com/cart, waiting 1 min 15 s");
  }

  @Test
  void customerIdWhoseSignatureFailedIsMarkedUnverified() {
    SupportOffer offer = new SupportOffer("r-3", new UserInfo("Eve", null, "198.51.100.9", "vip-1", false),
        null, 30_000, 0, "general");

    assertThat(OfferText.describe(Offer.of(offer, clock.millis()), clock)).contains("customer vip-1 unverified (general)");
  }

  @Test
  void missingDetailsShowAsDashNotNull() {
    SupportOffer offer = new SupportOffer("r-2", new UserInfo(null, "555-0100", "10.0.0.9", null), null, 30_000, 0, null);

    assertThat(OfferText.describe(Offer.of(offer, clock.millis()), clock))
        .isEqualTo("—, phone 555-0100, from 10.0.0.9, customer —, page —")
        .doesNotContain("null");
  }
}
