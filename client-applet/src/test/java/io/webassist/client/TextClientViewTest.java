package io.webassist.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.protocol.frame.EndReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the text client prints while the person waits: the place in the queue and a true estimate. */
class TextClientViewTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final TextClientView view = new TextClientView(new PrintStream(printed, true, StandardCharsets.UTF_8));

  private String lines() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anEstimateOfSecondsIsLessThanAMinuteNotAboutOneMinute() {
    view.queued(new QueueSpot(1, 3_000L, null));

    assertThat(lines()).isEqualTo("* You are number 1 in the queue. Less than a minute to wait." + System.lineSeparator());
  }

  @Test
  void longerWaitsAreInWholeMinutesRoundedUpAndNoEstimateSaysNothing() {
    view.queued(new QueueSpot(3, 200_000L, EndReason.AGENT_LEFT));
    view.queued(new QueueSpot(2, null, null));

    assertThat(lines()).isEqualTo(
        "* You are number 3 in the queue (your agent left; you are back at the front). About 4 min to wait."
            + System.lineSeparator()
        + "* You are number 2 in the queue." + System.lineSeparator());
  }
}
