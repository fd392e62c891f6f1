package io.webassist.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webassist.bench.floor.FloorMain;
import io.webassist.bench.pairs.DirectTarget;
import io.webassist.bench.pairs.FrameFactory;
import io.webassist.bench.pairs.MqttTarget;
import io.webassist.bench.pairs.PairLoad;
import io.webassist.bench.pairs.PairTarget;
import io.webassist.bench.pairs.RelayTarget;
import io.webassist.bench.pairs.WebAssistSessions;
import io.webassist.bench.proc.ChildProcess;
import io.webassist.bench.proc.MosquittoProcess;
import io.webassist.bench.proc.ProcessStats;
import io.webassist.bench.proc.ServerProcess;
import io.webassist.bench.report.JfrSummary;
import io.webassist.bench.report.Report;
import io.webassist.bench.report.Stats;
import io.webassist.bench.report.Verdicts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code relay} and {@code direct}: 1…256 pairs exchange co-browse frames (64 B and 1 KiB), one
 * frame in flight per pair, the far end answering each; round trips into an HdrHistogram after a
 * warm-up. The same generator and payloads run against Mosquitto (QoS 0 publish/subscribe) and
 * the raw-TCP floor, interleaved cell by cell so each side is measured minutes apart at most;
 * medians over {@link Profile#reps()} runs.
 */
public final class PairScenario implements Scenario {

  private final boolean relay;
  private final boolean pipelined;
  /** Per cell and target: {target process CPU %, generator CPU %} of each run (warm-up included). */
  private final Map<String, List<double[]>> cpu = new HashMap<>();

  private PairScenario(boolean relay, boolean pipelined) {
    this.relay = relay;
    this.pipelined = pipelined;
  }

  public static PairScenario relay() {
    return new PairScenario(true, false);
  }

  /** The relay with {@link Profile#pipelineWindow()} frames in flight per pair: the forwarders, not the round trip, set the pace. */
  public static PairScenario relayPipelined() {
    return new PairScenario(true, true);
  }

  public static PairScenario direct() {
    return new PairScenario(false, false);
  }

  @Override
  public String name() {
    return relay ? pipelined ? "relay-pipelined" : "relay" : "direct";
  }

  private int window(Profile p) {
    return pipelined ? p.pipelineWindow() : 1;
  }

  @Override
  public Report run(BenchContext ctx) throws Exception {
    Profile p = ctx.profile();
    Report report = new Report(name(), "pairs", "bytes", "target", "frames/s", "p50 us", "p99 us", "p99.9 us",
        "runs", "rate/mosq", "p50/mosq", "p99/mosq", "rate/raw", "p50/raw", "cpu tgt %", "cpu gen %");
    report.setting("profile", p.name());
    report.setting("window", window(p));
    report.setting("warmupMs", p.warmupMs());
    report.setting("measureMs", p.measureMs());
    List<PairTarget> targets = new ArrayList<>();
    Path jfr = ctx.jfr() && relay ? ctx.env().workDir().resolve("relay-server.jfr") : null;
    ServerProcess[] server = new ServerProcess[1];
    try {
      ctx.progress(name() + ": starting WebAssist side for " + p.maxPairs() + " pairs");
      if (relay) {
        targets.add(openWebAssistRelay(ctx, p.maxPairs(), server));
      } else {
        targets.add(DirectTarget.webassist(ctx.env(), ctx.load(), p.maxPairs()));
      }
      openMosquitto(ctx, report, p.maxPairs()).ifPresent(targets::add);
      ctx.progress(name() + ": starting raw-TCP floor");
      targets.add(relay ? openRawRelay(ctx, p.maxPairs()) : DirectTarget.rawFloor(ctx.env(), ctx.load(), p.maxPairs()));
      Map<String, List<Stats>> runs = measure(ctx, targets, server[0], jfr, report);
      tabulate(report, p, runs, targets.stream().map(PairTarget::name).toList());
    } finally {
      targets.forEach(PairTarget::close);
    }
    if (jfr != null) {
      report.note("server profile (JFR, relay):");
      JfrSummary.hottest(jfr, 12).forEach(report::note);
    }
    if (p.reps() < 3) {
      report.note("profile " + p.name() + ": " + p.reps() + " run per side, so each 'median' is a single run; use the full profile for medians of 3");
    } else {
      report.note("each row: median of " + p.reps() + " runs of " + p.measureMs() + " ms; the three sides of a cell run back to back, cell after cell");
    }
    report.note("frames/s counts both directions (2 frames per round trip); " + window(p) + " frame(s) in flight per pair "
        + "(closed loop: no target rate, so no coordinated-omission correction applies)");
    report.note("cpu tgt % = the process under test (WebAssist server or direct peer, Mosquitto, raw-TCP floor), cpu gen % = "
        + "this generator, each user+system CPU over the run's wall time (200% = both cores), from /proc/<pid>/stat: "
        + "a process near 100% per busy thread, or the two summing near 200%, is the limit of that cell");
    return report;
  }

  private Map<String, List<Stats>> measure(BenchContext ctx, List<PairTarget> targets, ServerProcess server, Path jfr,
      Report report) throws Exception {
    Profile p = ctx.profile();
    Map<String, List<Stats>> runs = new HashMap<>();
    cpu.clear();
    for (PairTarget target : targets) {
      // JIT warm-up of every process involved, at the largest pair count, before any cell is measured
      ctx.progress(name() + ": warming up " + target.name());
      new PairLoad(p.frameSizes().get(0), 1).run(target.origins(), Math.max(1_000, p.warmupMs() * 3), p.warmupMs());
    }
    long[] cpu0 = server == null ? null : ProcessStats.cpuMillis(server.pid());
    if (jfr != null) {
      server.startRecording();
    }
    for (int rep = 0; rep < p.reps(); rep++) {
      for (int pairs : p.pairCounts()) {
        for (int size : p.frameSizes()) {
          for (PairTarget target : targets) {
            PairLoad load = new PairLoad(size, window(p));
            long[] tgt0 = ProcessStats.cpuMillis(target.pid());
            long[] gen0 = ProcessStats.cpuMillis(ProcessHandle.current().pid());
            long t0 = System.nanoTime();
            Stats s = load.run(target.origins().subList(0, pairs), p.warmupMs(), p.measureMs());
            double wallMs = (System.nanoTime() - t0) / 1e6;
            cpu.computeIfAbsent(key(pairs, size, target.name()), k -> new ArrayList<>()).add(new double[] {
                ProcessStats.cpuPercent(tgt0, ProcessStats.cpuMillis(target.pid()), wallMs),
                ProcessStats.cpuPercent(gen0, ProcessStats.cpuMillis(ProcessHandle.current().pid()), wallMs)});
            runs.computeIfAbsent(key(pairs, size, target.name()), k -> new ArrayList<>()).add(s);
            ctx.progress(String.format(Locale.ROOT, "%s rep %d pairs %d bytes %d %s: %.0f frames/s p50 %.0f us",
                name(), rep + 1, pairs, load.lineBytes(), target.name(), s.rate(), s.p50Us()));
          }
        }
      }
    }
    if (server != null) {
      report.note("relay server CPU while measured (it idles while the other sides run): "
          + ProcessStats.cpuDelta(cpu0, ProcessStats.cpuMillis(server.pid())));
    }
    if (jfr != null) {
      server.stopRecording(jfr);
    }
    return runs;
  }

  private void tabulate(Report report, Profile p, Map<String, List<Stats>> runs, List<String> names) {
    for (int pairs : p.pairCounts()) {
      for (int size : p.frameSizes()) {
        tabulateCell(report, runs, names, pairs, size);
      }
    }
  }

  private void tabulateCell(Report report, Map<String, List<Stats>> runs, List<String> names, int pairs, int size) {
    Stats wa = Stats.median(runs.getOrDefault(key(pairs, size, "webassist"), List.of()));
    Stats mq = Stats.median(runs.getOrDefault(key(pairs, size, "mosquitto"), List.of()));
    Stats raw = Stats.median(runs.getOrDefault(key(pairs, size, "raw-tcp"), List.of()));
    int bytes = new FrameFactory(size, true).lineBytes();
    for (String name : names) {
      List<Stats> all = runs.get(key(pairs, size, name));
      Stats s = Stats.median(all);
      boolean vsMosquitto = name.equals("webassist") && mq != null;
      boolean vsRaw = raw != null && !name.equals("raw-tcp");
      report.row(pairs, bytes, name, s.rate(), s.p50Us(), s.p99Us(), s.p999Us(), all.size(),
          vsMosquitto ? Report.ratio(s.rate(), mq.rate()) : Double.NaN,
          vsMosquitto ? Report.ratio(s.p50Us(), mq.p50Us()) : Double.NaN,
          vsMosquitto ? Report.ratio(s.p99Us(), mq.p99Us()) : Double.NaN,
          vsRaw ? Report.ratio(s.rate(), raw.rate()) : Double.NaN,
          vsRaw ? Report.ratio(s.p50Us(), raw.p50Us()) : Double.NaN,
          medianCpu(pairs, size, name, 0), medianCpu(pairs, size, name, 1));
      if (s.warning() != null) {
        report.note(name + " " + pairs + " pairs " + bytes + " B: " + s.warning());
      }
    }
    checkTargets(report, pairs, size, bytes, wa, mq, raw);
  }

  private void checkTargets(Report report, int pairs, int size, int bytes, Stats wa, Stats mq, Stats raw) {
    String where = pairs + " pair(s), " + bytes + " B";
    Verdicts.Side relayOrPeer = side(pairs, size, "webassist", wa);
    Verdicts.Side floor = side(pairs, size, "raw-tcp", raw);
    if (relayOrPeer == null) {
      return;
    }
    List<Report.TargetCheck> checks = relay
        ? Verdicts.relay(name(), pairs, where, relayOrPeer, floor, side(pairs, size, "mosquitto", mq),
            Runtime.getRuntime().availableProcessors(), MosquittoProcess.INSTALL_HINT)
        : Verdicts.direct(pairs, where, relayOrPeer, floor);
    checks.forEach(c -> report.target(c.target(), c.met(), c.detail()));
  }

  private Verdicts.Side side(int pairs, int size, String target, Stats s) {
    return Verdicts.Side.of(s, medianCpu(pairs, size, target, 0), medianCpu(pairs, size, target, 1));
  }

  private double medianCpu(int pairs, int size, String target, int which) {
    List<double[]> all = cpu.getOrDefault(key(pairs, size, target), List.of());
    double[] values = all.stream().mapToDouble(v -> v[which]).filter(v -> !Double.isNaN(v)).sorted().toArray();
    return values.length == 0 ? Double.NaN : values[values.length / 2];
  }

  private static String key(int pairs, int size, String target) {
    return pairs + "/" + size + "/" + target;
  }

  private static PairTarget openWebAssistRelay(BenchContext ctx, int pairs, ServerProcess[] started) throws Exception {
    ObjectNode config = ServerProcess.baseConfig();
    int agents = (pairs + 99) / 100;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      ids.add("relay-agent-" + i);
      ServerProcess.addAgent(config, "relay-agent-" + i, List.of("general"), 100, Agents.passwordHash());
    }
    ServerProcess server = ServerProcess.start(ctx.env(), "relay", config, 65_536, null);
    started[0] = server;
    WebAssistSessions sessions = null;
    try {
      sessions = WebAssistSessions.open(ctx.load(), server.tcpPort(), ids, pairs);
      WebAssistSessions s = sessions;
      return RelayTarget.webassist(ctx.load(), server.tcpPort(), s).withPid(server.pid()).withOwner(() -> {
        s.close();
        server.close();
      });
    } catch (Exception e) {
      if (sessions != null) {
        sessions.close();
      }
      server.close();
      throw e;
    }
  }

  private static java.util.Optional<PairTarget> openMosquitto(BenchContext ctx, Report report, int pairs) {
    if (ctx.env().mosquitto() == null) {
      report.note(MosquittoProcess.INSTALL_HINT + " — Mosquitto columns not measured");
      ctx.progress(MosquittoProcess.INSTALL_HINT);
      return java.util.Optional.empty();
    }
    try {
      ctx.progress("starting mosquitto");
      MosquittoProcess broker = MosquittoProcess.start(ctx.env(), 65_536);
      try {
        return java.util.Optional.of(MqttTarget.open(ctx.load(), broker.port(), pairs, broker));
      } catch (Exception e) {
        broker.close();
        throw e;
      }
    } catch (Exception e) {
      report.note("mosquitto could not be measured: " + e.getMessage());
      return java.util.Optional.empty();
    }
  }

  private static PairTarget openRawRelay(BenchContext ctx, int pairs) throws Exception {
    ChildProcess floor = ChildProcess.javaMain(ctx.env(), "floor-forward", FloorMain.class.getName(),
        List.of("forward"), "floor listening", line -> { });
    try {
      int port = Integer.parseInt(floor.awaitReady(90).substring("floor listening ".length()).trim());
      return RelayTarget.rawFloor(ctx.load(), port, pairs, floor).withPid(floor.pid());
    } catch (Exception e) {
      floor.close();
      throw e;
    }
  }
}
