package io.webassist.console.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The trust decision kept in memory for the run, and the fingerprint's layout, without a window. */
class TrustedThisRunTest {
  private static final String FP = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:6A:E9";
  private static final String OTHER = FP.replace("AB", "BA");

  @Test
  void aServerTrustedAtThePromptStaysTrustedForTheRunWithoutTheProfile() {
    TrustedThisRun run = new TrustedThisRun();
    assertThat(run.trusted(ConsoleProfile.EMPTY, "h:1")).isNull();

    run.trust("h:1", FP);

    assertThat(run.trusted(ConsoleProfile.EMPTY, "h:1")).isEqualTo(FP);
    assertThat(run.trusted(ConsoleProfile.EMPTY, "h:2")).isNull();
  }

  @Test
  void theProfilesFingerprintComesFirst() {
    TrustedThisRun run = new TrustedThisRun();
    run.trust("h:1", OTHER);

    assertThat(run.trusted(ConsoleProfile.EMPTY.loggedIn("h:1", "bob", FP), "h:1")).isEqualTo(FP);
  }

  @Test
  void theFingerprintIsShownInLinesOfEightWholeBytes() {
    String text = FingerprintText.lines(FP);

    assertThat(text.split("\n")).containsExactly(
        "AB:CD:EF:01:23:45:67:89",
        "AB:CD:EF:01:23:45:67:89",
        "AB:CD:EF:01:23:45:67:89",
        "AB:CD:EF:01:23:45:6A:E9");
    assertThat(text.replace("\n", ":")).isEqualTo(FP);
  }

  @Test
  void aShortFingerprintKeepsItsLastPartialLine() {
    assertThat(FingerprintText.lines("01:02:03:04:05:06:07:08:09:0A")).isEqualTo("01:02:03:04:05:06:07:08\n09:0A");
  }
}
