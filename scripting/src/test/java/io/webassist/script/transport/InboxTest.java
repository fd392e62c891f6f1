package io.webassist.script.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InboxTest {

  private final Inbox inbox = new Inbox(16);

  @Test
  void firstMatchingTakesOneLineAndLeavesTheOthersInOrder() throws InterruptedException {
    add("a1", "b", "a2");

    Inbox.Next taken = inbox.firstMatching(r -> r.line().startsWith("b"), Duration.ZERO);

    assertThat(taken).isInstanceOf(Inbox.Line.class);
    assertThat(((Inbox.Line) taken).received().line()).isEqualTo("b");
    assertThat(inbox.snapshot()).extracting(Received::line).containsExactly("a1", "a2");
  }

  @Test
  void nothingWithinTheTimeIsATimeout() throws InterruptedException {
    assertThat(inbox.next(Duration.ofMillis(20))).isInstanceOf(Inbox.TimedOut.class);
    assertThat(inbox.peekWithin(Duration.ofMillis(20))).isEmpty();
  }

  @Test
  void linesReceivedBeforeTheCloseAreStillTakenThenClosedWithTheReason() throws InterruptedException {
    add("last words");
    inbox.closing("received a line longer than 10 bytes");
    inbox.markClosed();

    assertThat(inbox.next(Duration.ZERO)).isInstanceOf(Inbox.Line.class);
    assertThat(inbox.next(Duration.ofSeconds(5))).isEqualTo(new Inbox.Closed("received a line longer than 10 bytes"));
    assertThat(inbox.awaitClosed(Duration.ZERO)).isTrue();
  }

  @Test
  void clearDropsEverythingWaiting() {
    add("x", "y");

    assertThat(inbox.clear()).isEqualTo(2);
    assertThat(inbox.snapshot()).isEmpty();
  }

  private void add(String... lines) {
    for (String line : lines) {
      inbox.add(new Received(line, System.nanoTime()));
    }
  }
}
