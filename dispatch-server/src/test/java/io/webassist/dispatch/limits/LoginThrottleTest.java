package io.webassist.dispatch.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.limits.LoginThrottle.Block;
import io.webassist.dispatch.limits.LoginThrottle.Kind;
import io.webassist.dispatch.limits.LoginThrottle.Lockouts;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final long WINDOW = 60_000;
  private static final long BACKOFF = 300_000;

  private final FakeTicker clock = new FakeTicker();
  private final LoginThrottle throttle = new LoginThrottle(3, 5, WINDOW, BACKOFF, 100, clock);

  private Lockouts fail(String agentId, String ip, int times) {
    Lockouts last = null;
    for (int i = 0; i < times; i++) {
      last = throttle.failed(agentId, ip);
    }
    return last;
  }

  @Test
  void agentIdIsBlockedAfterItsFailuresWithinTheWindow() {
    assertThat(fail("ann", "10.0.0.1", 2)).isEqualTo(new Lockouts(false, false));
    assertThat(throttle.check("ann", "10.0.0.1")).isNull();

    assertThat(throttle.failed("ann", "10.0.0.2")).isEqualTo(new Lockouts(true, false));

    assertThat(throttle.check("ann", "10.0.0.3")).isEqualTo(new Block(Kind.AGENT, BACKOFF));
    assertThat(throttle.check("bob", "10.0.0.1")).isNull();
  }

  @Test
  void addressIsBlockedAfterItsFailuresWhateverTheAgentIds() {
    fail("a1", "10.0.0.1", 2);
    fail("a2", "10.0.0.1", 2);

    assertThat(throttle.failed("a3", "10.0.0.1")).isEqualTo(new Lockouts(false, true));

    assertThat(throttle.check("zed", "10.0.0.1")).isEqualTo(new Block(Kind.IP, BACKOFF));
    assertThat(throttle.check("zed", "10.0.0.2")).isNull();
  }

  @Test
  void blockEndsAfterTheBackoff() {
    fail("ann", "10.0.0.1", 3);
    clock.advance(BACKOFF - 1);
    assertThat(throttle.check("ann", "10.0.0.1")).isEqualTo(new Block(Kind.AGENT, 1));

    clock.advance(1);

    assertThat(throttle.check("ann", "10.0.0.1")).isNull();
  }

  @Test
  void failuresOutsideTheWindowAreForgotten() {
    fail("ann", "10.0.0.1", 2);
    clock.advance(WINDOW);

    assertThat(fail("ann", "10.0.0.1", 2)).isEqualTo(new Lockouts(false, false));
    assertThat(throttle.check("ann", "10.0.0.1")).isNull();
  }

  @Test
  void successClearsTheAgentsFailuresButNotTheAddresss() {
    fail("ann", "10.0.0.1", 2);

    throttle.succeeded("ann");

    assertThat(fail("ann", "10.0.0.1", 2)).isEqualTo(new Lockouts(false, false));
    assertThat(throttle.failed("ann", "10.0.0.1")).isEqualTo(new Lockouts(true, true));
  }

  @Test
  void unknownAgentIdsAreBlockedLikeKnownOnesSoAnswersDoNotRevealWhichExist() {
    fail("no-such-agent", "10.0.0.1", 3);

    assertThat(throttle.check("no-such-agent", "10.0.0.9")).isEqualTo(new Block(Kind.AGENT, BACKOFF));
  }

  @Test
  void recordsAreBoundedAndExpiredOnesMakeRoom() {
    LoginThrottle small = new LoginThrottle(3, 1_000, WINDOW, BACKOFF, 2, clock);
    small.failed("a1", "10.0.0.1");
    small.failed("a2", "10.0.0.1");

    small.failed("a3", "10.0.0.1"); // table full of live records: a3 not tracked
    small.failed("a3", "10.0.0.1");
    small.failed("a3", "10.0.0.1");
    assertThat(small.check("a3", "10.0.0.2")).isNull();

    clock.advance(WINDOW);
    small.failed("a3", "10.0.0.1");
    small.failed("a3", "10.0.0.1");
    small.failed("a3", "10.0.0.1");
    assertThat(small.check("a3", "10.0.0.2")).isNotNull();
    assertThat(small.tracked()).isLessThanOrEqualTo(4);
  }
}
