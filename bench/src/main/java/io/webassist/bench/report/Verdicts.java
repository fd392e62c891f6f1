package io.webassist.bench.report;

import io.webassist.bench.report.Report.TargetCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 12's speed targets, judged from what a run measured: each verdict is MET, MISSED (with by
 * how much) or not measured (with why), and its detail names the numbers it compared. Pure
 * functions of the numbers, so the rules are unit-tested without running anything.
 *
 * <ul>
 *   <li>idle: at most 2 KB (2,048 B) heap per connection, at the largest count the open-file
 *       limit allows;</li>
 *   <li>route: at least 10,000 assignments/s sustained (at least 95 % of the offered rate) with
 *       p99 under 5 ms, with 1,000 agents logged in;</li>
 *   <li>relay, at 1, 16 and 64 pairs: within 5 % of the raw-TCP forwarder's frames/s and p99;
 *       ahead of Mosquitto in every cell (frames/s at least, p50 and p99 at most Mosquitto's);
 *       and in the cells where the server, not the generator, is the limit, at least 1.5×
 *       Mosquitto's frames/s ({@link #serverBound});</li>
 *   <li>direct: p50 at most 1.3× the raw-TCP floor's at 1 and 16 pairs.</li>
 * </ul>
 */
public final class Verdicts {

  public static final double IDLE_MAX_BYTES = 2_048;
  public static final double ROUTE_MIN_RATE = 10_000;
  public static final double ROUTE_MAX_P99_MS = 5;
  public static final int ROUTE_AGENTS = 1_000;
  public static final double ROUTE_SUSTAINED = 0.95;
  public static final List<Integer> RELAY_PAIRS = List.of(1, 16, 64);
  public static final double RELAY_VS_RAW = 0.05;
  public static final double RELAY_VS_MOSQUITTO_WHERE_SERVER_BOUND = 1.5;
  public static final List<Integer> DIRECT_PAIRS = List.of(1, 16);
  public static final double DIRECT_MAX_VS_FLOOR = 1.3;
  /** A process's one busy thread at this share of a core or more is saturated. */
  public static final double SATURATED_THREAD_PERCENT = 90;
  /** The processes of a cell together at this share of all cores or more: the machine is the limit. */
  public static final double SATURATED_MACHINE_SHARE = 0.9;

  private Verdicts() {}

  /**
   * @param heapPerConnection bytes, NaN when the heap could not be read
   * @param held connections held when measured
   * @param largestAllowed the most the open-file limit lets this machine open (the server's and
   *     this generator's), or a negative number when unknown
   */
  public static TargetCheck idle(double heapPerConnection, long held, long largestAllowed) {
    String target = "idle: <= 2 KB (2,048 B) heap per connection at the largest count the open-file limit allows";
    if (Double.isNaN(heapPerConnection)) {
      return new TargetCheck(target, null, "jcmd could not read the server's heap");
    }
    boolean met = heapPerConnection <= IDLE_MAX_BYTES;
    String count = largestAllowed > 0 && held < largestAllowed
        ? String.format(Locale.ROOT, " (not the largest count: the open-file limit allows about %,d; run --idle-connections %d)",
            largestAllowed, largestAllowed)
        : largestAllowed > 0 ? " (the largest count the open-file limit allows)" : "";
    return new TargetCheck(target, met, String.format(Locale.ROOT, "%,.0f B per connection vs 2,048 B at %,d connections%s%s",
        heapPerConnection, held, count, missedBy(met, heapPerConnection / IDLE_MAX_BYTES - 1)));
  }

  /**
   * @param bestRate the highest assignments/s of a step that kept at least 95 % of its offered
   *     rate with p99 under 5 ms (0 when none did)
   * @param bestP99Ms that step's p99
   * @param agents agents logged in for the run
   */
  public static TargetCheck route(double bestRate, double bestP99Ms, int agents) {
    String target = "route: >= 10,000 assignments/s sustained with p99 < 5 ms, 1,000 agents";
    if (agents != ROUTE_AGENTS) {
      return new TargetCheck(target, null, String.format(Locale.ROOT,
          "this run had %,d agents, the target is judged with 1,000", agents));
    }
    if (bestRate <= 0) {
      return new TargetCheck(target, false, "no rate step was sustained (>= 95% of offered) with p99 < 5 ms");
    }
    boolean met = bestRate >= ROUTE_MIN_RATE;
    return new TargetCheck(target, met, String.format(Locale.ROOT,
        "best sustained with p99 < 5 ms: %,.0f assignments/s (p99 %.2f ms) vs 10,000/s%s", bestRate, bestP99Ms,
        missedBy(met, 1 - bestRate / ROUTE_MIN_RATE)));
  }

  /** One side of a relay or direct cell: its numbers and the CPU of the process under test and of the generator. */
  public record Side(double rate, double p50Us, double p99Us, double cpuTargetPercent, double cpuGeneratorPercent) {
    public static Side of(Stats s, double cpuTarget, double cpuGenerator) {
      return s == null ? null : new Side(s.rate(), s.p50Us(), s.p99Us(), cpuTarget, cpuGenerator);
    }
  }

  /**
   * The relay targets of one cell ({@code pairs} at 1, 16 or 64; other counts get none).
   *
   * @param where e.g. "16 pair(s), 85 B"
   * @param relay the WebAssist relay, never null
   * @param raw the raw-TCP forwarder, null if not measured
   * @param mosquitto null if not measured (not installed)
   * @param cores the machine's cores (the generator and every process under test share them)
   */
  public static List<TargetCheck> relay(String mode, int pairs, String where, Side relay, Side raw, Side mosquitto,
      int cores, String mosquittoMissing) {
    List<TargetCheck> out = new ArrayList<>();
    if (!RELAY_PAIRS.contains(pairs)) {
      return out;
    }
    String prefix = mode + " " + where + ": ";
    String vsRaw = prefix + "within 5% of the raw-TCP forwarder (frames/s >= 0.95x, p99 <= 1.05x)";
    if (raw == null) {
      out.add(new TargetCheck(vsRaw, null, "the raw-TCP forwarder was not measured"));
    } else {
      double rate = relay.rate() / raw.rate();
      double p99 = relay.p99Us() / raw.p99Us();
      boolean met = rate >= 1 - RELAY_VS_RAW && p99 <= 1 + RELAY_VS_RAW;
      out.add(new TargetCheck(vsRaw, met, String.format(Locale.ROOT,
          "frames/s %,.0f vs %,.0f = %.2fx; p99 %,.0f us vs %,.0f us = %.2fx", relay.rate(), raw.rate(), rate,
          relay.p99Us(), raw.p99Us(), p99)));
    }
    String ahead = prefix + "ahead of Mosquitto (frames/s >=, p50 <=, p99 <=)";
    String bound = prefix + ">= 1.5x Mosquitto's frames/s where the server, not the generator, is the limit";
    if (mosquitto == null) {
      out.add(new TargetCheck(ahead, null, mosquittoMissing));
      out.add(new TargetCheck(bound, null, mosquittoMissing));
      return out;
    }
    double rate = relay.rate() / mosquitto.rate();
    double p50 = relay.p50Us() / mosquitto.p50Us();
    double p99 = relay.p99Us() / mosquitto.p99Us();
    out.add(new TargetCheck(ahead, rate >= 1 && p50 <= 1 && p99 <= 1, String.format(Locale.ROOT,
        "frames/s %,.0f vs %,.0f = %.2fx; p50 %,.0f us vs %,.0f us = %.2fx; p99 %,.0f us vs %,.0f us = %.2fx",
        relay.rate(), mosquitto.rate(), rate, relay.p50Us(), mosquitto.p50Us(), p50, relay.p99Us(),
        mosquitto.p99Us(), p99)));
    String why = String.format(Locale.ROOT, "Mosquitto %.0f%% CPU, generator %.0f%% in its run; %d cores%s",
        mosquitto.cpuTargetPercent(), mosquitto.cpuGeneratorPercent(), cores, raw == null ? ""
            : String.format(Locale.ROOT, "; the same generator moved %,.0f frames/s through the raw-TCP forwarder = %.2fx Mosquitto's",
                raw.rate(), raw.rate() / mosquitto.rate()));
    if (!serverBound(mosquitto, raw, cores)) {
      out.add(new TargetCheck(bound, null, "does not apply to this cell: the server is not shown to be the limit ("
          + why + ")"));
    } else {
      boolean met = rate >= RELAY_VS_MOSQUITTO_WHERE_SERVER_BOUND;
      out.add(new TargetCheck(bound, met, String.format(Locale.ROOT, "frames/s %,.0f vs %,.0f = %.2fx vs 1.5x (%s)%s",
          relay.rate(), mosquitto.rate(), rate, why, missedBy(met, 1 - rate / RELAY_VS_MOSQUITTO_WHERE_SERVER_BOUND))));
    }
    return out;
  }

  /**
   * Whether Mosquitto, in its run of a cell, was the limit rather than the generator: the same
   * generator moved at least 1.5× Mosquitto's frames/s through the raw-TCP forwarder in that cell
   * (so it had room for what the target asks, and Mosquitto is what held it back — in a closed loop
   * by its time per frame), or Mosquitto's one thread was busy at least 90 % of a core, or the two
   * processes together used at least 90 % of all cores with Mosquitto taking at least the
   * generator's share. Only where Mosquitto is the limit can the relay show that it moves more
   * frames with the same cores.
   */
  public static boolean serverBound(Side server, Side raw, int cores) {
    if (raw != null && raw.rate() >= RELAY_VS_MOSQUITTO_WHERE_SERVER_BOUND * server.rate()) {
      return true;
    }
    double tgt = server.cpuTargetPercent();
    double gen = server.cpuGeneratorPercent();
    if (Double.isNaN(tgt)) {
      return false;
    }
    if (tgt >= SATURATED_THREAD_PERCENT) {
      return true;
    }
    return !Double.isNaN(gen) && tgt + gen >= SATURATED_MACHINE_SHARE * 100 * cores && tgt >= gen;
  }

  /** The direct-link target of one cell ({@code pairs} at 1 or 16; other counts get none). */
  public static List<TargetCheck> direct(int pairs, String where, Side direct, Side floor) {
    if (!DIRECT_PAIRS.contains(pairs)) {
      return List.of();
    }
    String target = "direct " + where + ": p50 <= 1.3x the raw-TCP floor";
    if (floor == null) {
      return List.of(new TargetCheck(target, null, "the raw-TCP floor was not measured"));
    }
    double p50 = direct.p50Us() / floor.p50Us();
    boolean met = p50 <= DIRECT_MAX_VS_FLOOR;
    return List.of(new TargetCheck(target, met, String.format(Locale.ROOT, "p50 %,.0f us vs floor %,.0f us = %.2fx vs 1.3x%s",
        direct.p50Us(), floor.p50Us(), p50, missedBy(met, p50 / DIRECT_MAX_VS_FLOOR - 1))));
  }

  private static String missedBy(boolean met, double fraction) {
    return met ? "" : String.format(Locale.ROOT, "; missed by %.0f%%", 100 * fraction);
  }
}
