package io.webassist.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.UserInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the agent is told when a session's link goes through the relay, from {@code session.start}. */
class RelayReasonTest {
  private static final String FINGERPRINT = "AB:".repeat(31) + "AB";

  private static SessionStart start(Endpoint peer, String fingerprint) {
    return new SessionStart("s-1", "t-1", "r-1", new UserInfo("Ada", null, "203.0.113.7", null), null, peer,
        new Endpoint("dispatch.example", 7401), fingerprint, List.of());
  }

  @Test
  void aUserAddressThatWasDialledIsNamedAsNotReachable() {
    RelayReason reason = RelayReason.of(start(new Endpoint("192.168.1.20", 50123), FINGERPRINT), true);

    assertThat(reason.kind()).isEqualTo(RelayReason.Kind.NOT_REACHABLE);
    // the address dialled first: the IP the server saw, with the port the user's side listens on
    assertThat(reason.describe()).isEqualTo("Linked through the dispatch server's relay: the user's address "
        + "203.0.113.7:50123 could not be reached directly.");
  }

  @Test
  void noAddressFromTheUsersSideSaysSo() {
    RelayReason reason = RelayReason.of(start(null, FINGERPRINT), true);

    assertThat(reason.kind()).isEqualTo(RelayReason.Kind.NO_ADDRESS);
    assertThat(reason.why()).isEqualTo("the user's side gave no address to link to directly");
  }

  @Test
  void overTlsAnAddressWithoutACertificateIsNotDialled() {
    assertThat(RelayReason.of(start(new Endpoint("192.168.1.20", 50123), null), true).kind())
        .isEqualTo(RelayReason.Kind.NO_CERTIFICATE);
    // plain TCP (--insecure) dials without one
    assertThat(RelayReason.of(start(new Endpoint("192.168.1.20", 50123), null), false).kind())
        .isEqualTo(RelayReason.Kind.NOT_REACHABLE);
  }
}
