package io.webassist.console.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The offers waiting for this agent's answer, oldest first. Listeners hear each offer added and each
 * one removed with its {@link OfferGone reason}. Confined to the desk's thread (the EDT in the window).
 */
public final class OfferList {

  public interface Listener {
    void offerAdded(Offer offer);

    void offerRemoved(Offer offer, OfferGone gone);
  }

  private final Map<String, Offer> offers = new LinkedHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** Adds {@code offer}, replacing an offer with the same request id (the server offered it again). */
  public void add(Offer offer) {
    Offer previous = offers.remove(offer.requestId());
    if (previous != null) {
      listeners.forEach(l -> l.offerRemoved(previous, OfferGone.withdrawn(null)));
    }
    offers.put(offer.requestId(), offer);
    listeners.forEach(l -> l.offerAdded(offer));
  }

  /** Removes the offer for {@code requestId}; returns it, or null if there was none. */
  public Offer remove(String requestId, OfferGone gone) {
    Offer removed = offers.remove(requestId);
    if (removed != null) {
      listeners.forEach(l -> l.offerRemoved(removed, gone));
    }
    return removed;
  }

  /** Removes every offer (the connection was lost: the server took them back). */
  public void clear(OfferGone gone) {
    for (String requestId : new ArrayList<>(offers.keySet())) {
      remove(requestId, gone);
    }
  }

  public Offer get(String requestId) {
    return offers.get(requestId);
  }

  /** The offers, oldest first. */
  public List<Offer> all() {
    return Collections.unmodifiableList(new ArrayList<>(offers.values()));
  }

  /** The newest offer, or null. */
  public Offer newest() {
    Offer last = null;
    for (Offer offer : offers.values()) {
      last = offer;
    }
    return last;
  }

  public int size() {
    return offers.size();
  }
}
