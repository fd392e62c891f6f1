package io.webassist.dispatch.limits;

import static io.webassist.dispatch.limits.FrameRateLimiter.Verdict.CLOSE;
import static io.webassist.dispatch.limits.FrameRateLimiter.Verdict.PASS;
import static io.webassist.dispatch.limits.FrameRateLimiter.Verdict.REFUSE;
import static io.webassist.dispatch.limits.FrameRateLimiter.Verdict.REFUSE_AND_TELL;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.limits.FrameRateLimiter.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameRateLimiterTest {

  private final FakeTicker clock = new FakeTicker();
  private final FrameRateLimiter limiter = new FrameRateLimiter(10, 5, 20, clock);

  private List<Verdict> frames(int n) {
    List<Verdict> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(limiter.onFrame());
    }
    return out;
  }

  @Test
  void framesWithinTheBurstPass() {
    assertThat(frames(5)).containsOnly(PASS);
  }

  @Test
  void firstFrameOverTheRateIsRefusedAndTheSenderToldTheNextOnesOnlyRefused() {
    frames(5);

    assertThat(frames(3)).containsExactly(REFUSE_AND_TELL, REFUSE, REFUSE);
  }

  @Test
  void senderIsToldAgainAtMostOnceASecond() {
    frames(5);
    assertThat(limiter.onFrame()).isEqualTo(REFUSE_AND_TELL);

    clock.advance(500);
    frames(5);
    assertThat(limiter.onFrame()).isEqualTo(REFUSE);

    clock.advance(500);
    frames(5);
    assertThat(limiter.onFrame()).isEqualTo(REFUSE_AND_TELL);
  }

  @Test
  void sustainedOverTheRateClosesAfterMaxRefusedFrames() {
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 1_000 && !verdicts.contains(CLOSE); i++) {
      verdicts.add(limiter.onFrame()); // 20 a second, evenly, against a rate of 10
      clock.advance(50);
    }

    assertThat(verdicts).endsWith(CLOSE);
    assertThat(verdicts.stream().filter(v -> v != PASS)).hasSize(20);
  }

  @Test
  void aBurstIsForgivenOnceTheClientSlowsDownEnoughForTheBucketToFill() {
    frames(5 + 19); // 19 refused: one short of the close
    clock.advance(500); // the bucket is full again

    assertThat(frames(5)).containsOnly(PASS);
    assertThat(frames(19)).doesNotContain(CLOSE);
    assertThat(limiter.refused()).isEqualTo(19);
  }
}
