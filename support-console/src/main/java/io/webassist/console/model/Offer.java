package io.webassist.console.model;

import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.TransferInfo;
import io.webassist.protocol.frame.UserInfo;

/**
 * An offer as the agent's view shows it (claims 75, 76, 95, 106): who asks, from which IP, for which
 * customer (and whether the site vouched for that id), from which page and group, since when, and until
 * when it may be accepted, by this console's clock. {@code transfer} is set when a colleague hands over.
 */
public record Offer(String requestId, UserInfo user, String pageUrl, String group, long requestedAt, long expiresAt,
    TransferInfo transfer) {

  /** The view model of {@code offer}, received at {@code now} (epoch ms). */
  public static Offer of(SupportOffer offer, long now) {
    return new Offer(offer.requestId(), offer.user(), offer.pageUrl(), offer.group(),
        offer.requestedAt(), now + Math.max(0, offer.expiresInMs()), offer.transfer());
  }

  /** How long the user has waited at {@code now}; 0 when the server did not say since when ({@code requestedAt} 0). */
  public long waitedMs(long now) {
    return requestedAt <= 0 ? 0 : Math.max(0, now - requestedAt);
  }

  /** How long the offer may still be accepted at {@code now}; 0 once expired. */
  public long remainingMs(long now) {
    return Math.max(0, expiresAt - now);
  }

  /** The customer-id badge: true verified, false unverified (don't trust the id), null when the server does not check. */
  public Boolean customerVerified() {
    return user.customerVerified();
  }
}
