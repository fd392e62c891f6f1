package io.webassist.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.bench.report.Report.TargetCheck;
import io.webassist.bench.report.Verdicts.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12's targets as the bench judges them: made-up numbers in, verdicts and their details out. */
class VerdictsTest {

  private static final String NO_MOSQUITTO = "mosquitto is not installed";

  private static Side side(double rate, double p50, double p99, double cpuTarget, double cpuGenerator) {
    return new Side(rate, p50, p99, cpuTarget, cpuGenerator);
  }

  private static TargetCheck named(List<TargetCheck> checks, String part) {
    return checks.stream().filter(c -> c.target().contains(part)).findFirst().orElseThrow();
  }

  @Test
  void idleIsMetAtTwoKibibytesPerConnectionAndSaysWhetherTheCountWasTheLargestAllowed() {
    TargetCheck met = Verdicts.idle(2_048, 18_000, 18_000);
    assertThat(met.met()).isTrue();
    assertThat(met.detail()).contains("2,048 B per connection vs 2,048 B at 18,000 connections")
        .contains("the largest count the open-file limit allows");

    TargetCheck missed = Verdicts.idle(2_337, 10_000, 18_000);
    assertThat(missed.met()).isFalse();
    assertThat(missed.detail()).contains("2,337 B").contains("not the largest count").contains("18,000")
        .contains("missed by 14%");

    assertThat(Verdicts.idle(Double.NaN, 10_000, 18_000).met()).isNull();
  }

  @Test
  void routeNeedsTenThousandSustainedWithAThousandAgents() {
    assertThat(Verdicts.route(10_000, 4.9, 1_000).met()).isTrue();
    TargetCheck short_ = Verdicts.route(1_991, 4.2, 1_000);
    assertThat(short_.met()).isFalse();
    assertThat(short_.detail()).contains("1,991 assignments/s").contains("p99 4.20 ms").contains("missed by 80%");
    assertThat(Verdicts.route(0, Double.NaN, 1_000).met()).isFalse();
    TargetCheck otherAgents = Verdicts.route(12_000, 1, 20);
    assertThat(otherAgents.met()).isNull();
    assertThat(otherAgents.detail()).contains("20 agents");
  }

  @Test
  void relayWithinFivePercentOfTheForwarderOnRateAndP99() {
    Side raw = side(10_000, 100, 1_000, 50, 50);
    Side mosquitto = side(9_000, 150, 1_500, 50, 50);

    List<TargetCheck> close = Verdicts.relay("relay", 16, "16 pair(s), 85 B", side(9_500, 120, 1_050, 50, 50), raw,
        mosquitto, 2, NO_MOSQUITTO);
    TargetCheck vsRaw = named(close, "raw-TCP forwarder");
    assertThat(vsRaw.met()).isTrue();
    assertThat(vsRaw.detail()).contains("frames/s 9,500 vs 10,000 = 0.95x").contains("p99 1,050 us vs 1,000 us = 1.05x");

    assertThat(named(Verdicts.relay("relay", 16, "x", side(9_400, 100, 900, 50, 50), raw, mosquitto, 2, NO_MOSQUITTO),
        "raw-TCP forwarder").met()).isFalse();
    assertThat(named(Verdicts.relay("relay", 16, "x", side(11_000, 100, 1_060, 50, 50), raw, mosquitto, 2, NO_MOSQUITTO),
        "raw-TCP forwarder").met()).isFalse();
  }

  @Test
  void aheadOfMosquittoNeedsTheRateAndBothPercentilesInEveryCell() {
    Side raw = side(10_000, 100, 1_000, 50, 50);
    Side mosquitto = side(9_000, 150, 1_500, 50, 50);

    assertThat(named(Verdicts.relay("relay", 1, "x", side(9_000, 150, 1_500, 50, 50), raw, mosquitto, 2, NO_MOSQUITTO),
        "ahead of Mosquitto").met()).isTrue();
    TargetCheck slowerP50 = named(Verdicts.relay("relay", 1, "1 pair(s), 85 B", side(12_000, 180, 900, 50, 50), raw,
        mosquitto, 2, NO_MOSQUITTO), "ahead of Mosquitto");
    assertThat(slowerP50.met()).isFalse();
    assertThat(slowerP50.detail()).contains("p50 180 us vs 150 us = 1.20x").contains("frames/s 12,000 vs 9,000 = 1.33x");
    assertThat(named(Verdicts.relay("relay", 64, "x", side(8_999, 100, 900, 50, 50), raw, mosquitto, 2, NO_MOSQUITTO),
        "ahead of Mosquitto").met()).isFalse();
    assertThat(named(Verdicts.relay("relay", 64, "x", side(9_500, 100, 1_501, 50, 50), raw, mosquitto, 2, NO_MOSQUITTO),
        "ahead of Mosquitto").met()).isFalse();
  }

  @Test
  void oneAndAHalfTimesMosquittoIsJudgedOnlyWhereTheServerIsTheLimit() {
    Side relay = side(80_000, 100, 1_000, 45, 65);
    Side slowFloor = side(30_000, 100, 1_000, 40, 60);
    // Mosquitto's one thread saturated: it is the limit
    TargetCheck saturated = named(Verdicts.relay("relay-pipelined", 16, "x", relay, slowFloor,
        side(25_000, 500, 5_000, 97, 40), 2, NO_MOSQUITTO), ">= 1.5x");
    assertThat(saturated.met()).isTrue();
    assertThat(saturated.detail()).contains("= 3.20x vs 1.5x").contains("Mosquitto 97% CPU, generator 40%");
    // both cores busy and Mosquitto takes the larger share: it is the limit, and 1.2x is not enough
    TargetCheck machine = named(Verdicts.relay("relay-pipelined", 16, "x", relay, slowFloor,
        side(66_000, 500, 5_000, 95, 90), 2, NO_MOSQUITTO), ">= 1.5x");
    assertThat(machine.met()).isFalse();
    assertThat(machine.detail()).contains("missed by 19%");
    // the same generator moved 2x Mosquitto's frames through the raw forwarder: the generator had room
    TargetCheck roomy = named(Verdicts.relay("relay-pipelined", 16, "x", side(48_000, 100, 1_000, 45, 65),
        side(60_000, 100, 1_000, 40, 60), side(30_000, 500, 5_000, 45, 40), 2, NO_MOSQUITTO), ">= 1.5x");
    assertThat(roomy.met()).isTrue();
    assertThat(roomy.detail()).contains("48,000 vs 30,000 = 1.60x vs 1.5x")
        .contains("moved 60,000 frames/s through the raw-TCP forwarder = 2.00x Mosquitto's");
    // one frame in flight, nobody busy, and the forwarder no faster than Mosquitto: the round trip sets the pace
    TargetCheck latencyBound = named(Verdicts.relay("relay", 1, "x", relay, side(13_000, 90, 400, 45, 50),
        side(12_000, 90, 400, 45, 50), 2, NO_MOSQUITTO), ">= 1.5x");
    assertThat(latencyBound.met()).isNull();
    assertThat(latencyBound.detail()).startsWith("does not apply").contains("Mosquitto 45% CPU, generator 50%")
        .contains("= 1.08x Mosquitto's");
    // the machine is busy but the generator takes the larger share: the generator is the limit
    assertThat(Verdicts.serverBound(side(20_000, 1, 1, 80, 110), null, 2)).isFalse();
    assertThat(Verdicts.serverBound(side(20_000, 1, 1, Double.NaN, 110), side(25_000, 1, 1, 1, 1), 2)).isFalse();
  }

  @Test
  void relayCellsOutsideOneSixteenAndSixtyFourPairsAndMissingSidesAreNotJudged() {
    Side relay = side(1, 1, 1, 1, 1);
    assertThat(Verdicts.relay("relay", 256, "x", relay, relay, relay, 2, NO_MOSQUITTO)).isEmpty();
    List<TargetCheck> noMosquitto = Verdicts.relay("relay", 16, "x", relay, relay, null, 2, NO_MOSQUITTO);
    assertThat(noMosquitto).hasSize(3);
    assertThat(named(noMosquitto, "ahead of Mosquitto").met()).isNull();
    assertThat(named(noMosquitto, "ahead of Mosquitto").detail()).isEqualTo(NO_MOSQUITTO);
    assertThat(named(Verdicts.relay("relay", 16, "x", relay, null, relay, 2, NO_MOSQUITTO), "raw-TCP").met()).isNull();
  }

  @Test
  void directP50WithinOnePointThreeTimesTheFloorAtOneAndSixteenPairs() {
    Side floor = side(20_000, 100, 500, 30, 40);
    TargetCheck met = Verdicts.direct(1, "1 pair(s), 85 B", side(18_000, 130, 600, 40, 40), floor).get(0);
    assertThat(met.met()).isTrue();
    assertThat(met.detail()).contains("p50 130 us vs floor 100 us = 1.30x vs 1.3x");
    TargetCheck missed = Verdicts.direct(16, "16 pair(s), 1050 B", side(18_000, 166, 600, 40, 40), floor).get(0);
    assertThat(missed.met()).isFalse();
    assertThat(missed.detail()).contains("1.66x").contains("missed by 28%");
    assertThat(Verdicts.direct(64, "x", side(1, 1, 1, 1, 1), floor)).isEmpty();
    assertThat(Verdicts.direct(16, "x", side(1, 1, 1, 1, 1), null).get(0).met()).isNull();
  }
}
