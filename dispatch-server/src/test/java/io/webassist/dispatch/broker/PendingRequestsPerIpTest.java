package io.webassist.dispatch.broker;

import static io.webassist.dispatch.testing.BrokerFixture.linkOf;
import static io.webassist.dispatch.testing.BrokerFixture.request;
import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.config.LoginPolicy;
import io.webassist.dispatch.testing.BrokerFixture;
import io.webassist.dispatch.testing.RecordingLink;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportQueued;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code maxPendingRequestsPerIp}: requests waiting in a queue (queued or offered) per user address. */
class PendingRequestsPerIpTest {

  private static final String OFFICE = "198.51.100.7";

  private final BrokerFixture f = new BrokerFixture(
      List.of(agent("ann", 1, "general"), agent("bob", 1, "general")), List.of(), 100, LoginPolicy.TAKEOVER, 2);

  private UserClient submit(String name, String ip) {
    UserClient user = f.user(name, ip);
    f.broker.submit(user, request(name, null));
    return user;
  }

  private static void assertRefusedWithTooManyRequests(UserClient user) {
    assertThat(linkOf(user).take()).singleElement().isInstanceOfSatisfying(ErrorFrame.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS));
  }

  @Test
  void requestOverThePendingLimitOfItsAddressIsRefusedWithTooManyRequests() {
    submit("u1", OFFICE);
    submit("u2", OFFICE);

    UserClient third = submit("u3", OFFICE);

    assertRefusedWithTooManyRequests(third);
    assertThat(f.broker.pendingFrom(OFFICE)).isEqualTo(2);
    assertThat(f.metrics.counter("limit_pending_requests_per_ip")).isEqualTo(1);
  }

  @Test
  void otherAddressesAreNotAffected() {
    submit("u1", OFFICE);
    submit("u2", OFFICE);

    UserClient elsewhere = submit("u3", "203.0.113.50");

    assertThat(linkOf(elsewhere).take()).singleElement().isInstanceOf(SupportQueued.class);
  }

  @Test
  void offeredRequestsStillCountAsPending() {
    RecordingLink ann = f.loginAvailable("ann");
    submit("u1", OFFICE);
    submit("u2", OFFICE);
    assertThat(ann.take(SupportOffer.class)).hasSize(1);

    assertRefusedWithTooManyRequests(submit("u3", OFFICE));
  }

  @Test
  void acceptedRequestNoLongerCountsSoTheAddressMayAskAgain() {
    RecordingLink ann = f.loginAvailable("ann");
    submit("u1", OFFICE);
    submit("u2", OFFICE);
    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());

    UserClient third = submit("u3", OFFICE);

    assertThat(linkOf(third).take()).singleElement().isInstanceOf(SupportQueued.class);
    assertThat(f.broker.pendingFrom(OFFICE)).isEqualTo(2);
  }

  @Test
  void cancelledAndDisconnectedRequestsGiveTheirPlaceBack() {
    UserClient u1 = submit("u1", OFFICE);
    UserClient u2 = submit("u2", OFFICE);
    String r1 = ((SupportQueued) linkOf(u1).take().get(0)).requestId();

    f.broker.cancel(u1, r1);
    f.broker.userLeft(u2);

    assertThat(f.broker.pendingFrom(OFFICE)).isZero();
    submit("u3", OFFICE);
    submit("u4", OFFICE);
    assertThat(f.broker.pendingFrom(OFFICE)).isEqualTo(2);
  }

  @Test
  void requestPutBackAfterItsAgentLeftCountsAgainEvenOverTheLimit() {
    RecordingLink ann = f.loginAvailable("ann");
    submit("u1", OFFICE);
    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());
    assertThat(ann.take(SessionStart.class)).hasSize(1);
    submit("u2", OFFICE);
    submit("u3", OFFICE);

    f.broker.agentLeft(f.agent("ann"), ann); // u1 goes back to the front: it was admitted before

    assertThat(f.broker.pendingFrom(OFFICE)).isEqualTo(3);
  }
}
