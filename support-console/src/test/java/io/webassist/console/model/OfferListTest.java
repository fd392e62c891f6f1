package io.webassist.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.TransferInfo;
import io.webassist.protocol.frame.UserInfo;
import io.webassist.protocol.frame.WithdrawnReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfferListTest {
  private final OfferList offers = new OfferList();
  private final List<String> heard = new ArrayList<>();

  {
    offers.addListener(new OfferList.Listener() {
      @Override
      public void offerAdded(Offer offer) {
        heard.add("+" + offer.requestId());
      }

      @Override
      public void offerRemoved(Offer offer, OfferGone gone) {
        heard.add("-" + offer.requestId() + " " + gone.describe());
      }
    });
  }

  private static Offer offer(String id, long requestedAt, long now) {
    return Offer.of(new SupportOffer(id, new UserInfo("Ada", "+44 1", "10.0.0.7", "vip-7", true),
        "https://shop.example/cart", 30_000, requestedAt, "premium"), now);
  }

  @Test
  void anOfferKeepsWhoAsksAndCountsDownToItsExpiry() {
    Offer offer = offer("r-1", 1_000, 5_000);

    assertThat(offer.user().name()).isEqualTo("Ada");
    assertThat(offer.customerVerified()).isTrue();
    assertThat(offer.waitedMs(9_000)).isEqualTo(8_000);
    assertThat(offer.remainingMs(5_000)).isEqualTo(30_000);
    assertThat(offer.remainingMs(25_000)).isEqualTo(10_000);
    assertThat(offer.remainingMs(99_000)).isZero();
  }

  @Test
  void offersAreAddedOldestFirstAndRemovedWithTheirReason() {
    offers.add(offer("r-1", 1, 10));
    offers.add(offer("r-2", 2, 10));
    offers.remove("r-1", OfferGone.withdrawn(WithdrawnReason.EXPIRED));
    offers.remove("r-2", OfferGone.DECLINED);
    offers.remove("r-3", OfferGone.DECLINED);

    assertThat(heard).containsExactly("+r-1", "+r-2", "-r-1 expired", "-r-2 declined");
    assertThat(offers.size()).isZero();
  }

  @Test
  void theNewestIsTheLastAddedAndALostConnectionClearsThemAll() {
    offers.add(offer("r-1", 1, 10));
    offers.add(offer("r-2", 2, 10));

    assertThat(offers.newest().requestId()).isEqualTo("r-2");
    offers.clear(OfferGone.CONNECTION_LOST);

    assertThat(offers.all()).isEmpty();
    assertThat(heard).endsWith("-r-1 connection to the server lost", "-r-2 connection to the server lost");
  }

  @Test
  void everyWithdrawnReasonReadsAsShortWords() {
    assertThat(OfferGone.withdrawn(WithdrawnReason.CANCELLED).describe()).isEqualTo("the user cancelled");
    assertThat(OfferGone.withdrawn(WithdrawnReason.USER_LEFT).describe()).isEqualTo("the user left");
    assertThat(OfferGone.withdrawn(WithdrawnReason.of("something_new")).describe()).isEqualTo("withdrawn");
  }

  @Test
  void aTransferOfferCarriesWhoHandsOverAndTheNote() {
    Offer offer = Offer.of(new SupportOffer("r-9", new UserInfo("Ada", null, "10.0.0.7", null), null, 30_000, 1,
        "general", new TransferInfo("bob", "Bob", "wants a refund")), 10);

    assertThat(offer.transfer().fromAgentId()).isEqualTo("bob");
    assertThat(offer.transfer().note()).isEqualTo("wants a refund");
  }
}
