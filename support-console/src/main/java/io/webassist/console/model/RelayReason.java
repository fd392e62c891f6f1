package io.webassist.console.model;

import io.webassist.link.session.PeerDialer;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.security.pin.Fingerprints;
import java.util.List;

/**
 * Why a session's link goes through the dispatch server's relay rather than straight to the user, as
 * far as the console can tell from {@code session.start} (the link library dials the same candidates,
 * with the same rule for a missing fingerprint, and falls back to the relay when none answers). The
 * agent sees it beside "Link relay · …" (after a transfer or a requeue this is the usual case).
 */
public record RelayReason(Kind kind, String address) {

  public enum Kind {
    /** {@code session.start} named no address of the user's to dial. */
    NO_ADDRESS,
    /** Over TLS without a certificate fingerprint for the user's listener the console does not dial it. */
    NO_CERTIFICATE,
    /** The console dialled the user's address and nothing answered in time (or it refused). */
    NOT_REACHABLE
  }

  /** The reason that applies if the link of {@code start} ends up relayed ({@code tls}: the console's security). */
  public static RelayReason of(SessionStart start, boolean tls) {
    List<Endpoint> candidates = PeerDialer.candidates(start);
    if (candidates.isEmpty()) {
      return new RelayReason(Kind.NO_ADDRESS, null);
    }
    String address = candidates.get(0).host() + ":" + candidates.get(0).port();
    if (tls && !Fingerprints.isValid(start.peerFingerprint())) {
      return new RelayReason(Kind.NO_CERTIFICATE, address);
    }
    return new RelayReason(Kind.NOT_REACHABLE, address);
  }

  /** Why, as a clause: "the user's address … could not be reached directly". */
  public String why() {
    return switch (kind) {
      case NO_ADDRESS -> "the user's side gave no address to link to directly";
      case NO_CERTIFICATE -> "no certificate came for the user's address " + address + ", so it is not dialled";
      case NOT_REACHABLE -> "the user's address " + address + " could not be reached directly";
    };
  }

  /** One short sentence for the header's tooltip and the tab's notice line. */
  public String describe() {
    return "Linked through the dispatch server's relay: " + why() + ".";
  }
}
