package io.webassist.dispatch.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.limits.LoginThrottle.Block;
import io.webassist.dispatch.limits.LoginThrottle.Kind;
import io.webassist.dispatch.limits.LoginThrottle.Lockouts;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final long WINDOW = 60_000;
  private static final long BACKOFF = 300_000;
  private static final String AGENTS_DESK = "10.0.0.1";
  private static final String STRANGER = "10.0.0.66";

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
  void failuresFromOneAddressBlockThatAgentFromThatAddressOnly() {
    assertThat(fail("ann", STRANGER, 2)).isEqualTo(new Lockouts(false, false));
    assertThat(throttle.check("ann", STRANGER)).isNull();

    assertThat(throttle.failed("ann", STRANGER)).isEqualTo(new Lockouts(true, false));

    assertThat(throttle.check("ann", STRANGER)).isEqualTo(new Block(Kind.AGENT, BACKOFF));
    assertThat(throttle.check("ann", AGENTS_DESK)).isNull(); // the stranger cannot lock ann out
    assertThat(throttle.check("bob", STRANGER)).isNull();
  }

  @Test
  void eachNewBlockOfAPairLastsTwiceAsLongUpToTheCap() {
    long expected = BACKOFF;
    for (int round = 0; round < 7; round++) {
      fail("ann", STRANGER, 3);
      assertThat(throttle.check("ann", STRANGER)).isEqualTo(new Block(Kind.AGENT, expected));
      clock.advance(expected);
      assertThat(throttle.check("ann", STRANGER)).isNull();
      expected = Math.min(expected * 2, BACKOFF * LoginThrottle.MAX_GROWTH);
    }
    assertThat(throttle.check("ann", AGENTS_DESK)).isNull();
  }

  @Test
  void addressIsBlockedAfterItsFailuresWhateverTheAgentIds() {
    fail("a1", STRANGER, 2);
    fail("a2", STRANGER, 2);

    assertThat(throttle.failed("a3", STRANGER)).isEqualTo(new Lockouts(false, true));

    assertThat(throttle.check("zed", STRANGER)).isEqualTo(new Block(Kind.IP, BACKOFF));
    assertThat(throttle.check("zed", AGENTS_DESK)).isNull();
  }

  @Test
  void guessingSpreadOverManyAddressesBlocksTheIdExceptWhereTheAgentLoggedInBefore() {
    throttle.succeeded("ann", AGENTS_DESK);
    for (int i = 0; i < LoginThrottle.AGENT_WIDE_FACTOR * 3; i++) {
      throttle.failed("ann", "10.0.1." + i);
    }

    assertThat(throttle.check("ann", "10.0.2.1")).isEqualTo(new Block(Kind.AGENT, BACKOFF));
    assertThat(throttle.check("ann", AGENTS_DESK)).isNull();
  }

  @Test
  void blockEndsAfterTheBackoff() {
    fail("ann", STRANGER, 3);
    clock.advance(BACKOFF - 1);
    assertThat(throttle.check("ann", STRANGER)).isEqualTo(new Block(Kind.AGENT, 1));

    clock.advance(1);

    assertThat(throttle.check("ann", STRANGER)).isNull();
  }

  @Test
  void failuresOutsideTheWindowAreForgotten() {
    fail("ann", STRANGER, 2);
    clock.advance(WINDOW);

    assertThat(fail("ann", STRANGER, 2)).isEqualTo(new Lockouts(false, false));
    assertThat(throttle.check("ann", STRANGER)).isNull();
  }

  @Test
  void successClearsThePairsFailuresButNotTheAddresss() {
    fail("ann", AGENTS_DESK, 2);

    throttle.succeeded("ann", AGENTS_DESK);

    assertThat(fail("ann", AGENTS_DESK, 2)).isEqualTo(new Lockouts(false, false));
    assertThat(throttle.failed("ann", AGENTS_DESK)).isEqualTo(new Lockouts(true, true));
  }

  @Test
  void unknownAgentIdsAreBlockedLikeKnownOnesSoAnswersDoNotRevealWhichExist() {
    fail("no-such-agent", STRANGER, 3);

    assertThat(throttle.check("no-such-agent", STRANGER)).isEqualTo(new Block(Kind.AGENT, BACKOFF));
  }

  @Test
  void recordsAreBoundedAndSpentOnesMakeRoom() {
    LoginThrottle small = new LoginThrottle(3, 1_000, WINDOW, BACKOFF, 2, clock);
    small.failed("a1", STRANGER);
    small.failed("a2", STRANGER);

    small.failed("a3", STRANGER); // tables full of live records: a3 not tracked
    small.failed("a3", STRANGER);
    small.failed("a3", STRANGER);
    assertThat(small.check("a3", STRANGER)).isNull();

    clock.advance(WINDOW);
    small.failed("a3", STRANGER);
    small.failed("a3", STRANGER);
    small.failed("a3", STRANGER);
    assertThat(small.check("a3", STRANGER)).isNotNull();
    assertThat(small.tracked()).isLessThanOrEqualTo(6);
  }
}
