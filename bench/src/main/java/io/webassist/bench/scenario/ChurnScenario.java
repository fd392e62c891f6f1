package io.webassist.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.webassist.bench.load.LineChannel;
import io.webassist.bench.load.Lines;
import io.webassist.bench.pairs.WebAssistSessions;
import io.webassist.bench.proc.ServerProcess;
import io.webassist.bench.report.Report;
import io.webassist.bench.report.Stats;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * {@code churn}: K loops, each as fast as it can: connect, {@code hello}, then a user's
 * {@code support.request} (until its first answer) or an agent's {@code agent.login} (until
 * {@code agent.ready}), then close and start over. Connections per second, and the time of one
 * whole cycle (closed loop: no target rate, no coordinated-omission correction).
 */
public final class ChurnScenario implements Scenario {

  @Override
  public String name() {
    return "churn";
  }

  @Override
  public Report run(BenchContext ctx) throws Exception {
    Profile p = ctx.profile();
    Report report = new Report(name(), "kind", "loops", "connections/s", "cycle p50 ms", "cycle p99 ms", "errors");
    int agents = p.churnConcurrency();
    ObjectNode config = ServerProcess.baseConfig();
    for (int k = 0; k < agents; k++) {
      ServerProcess.addAgent(config, "churn-agent-" + k, List.of("general"), 3, Agents.passwordHash());
    }
    ObjectNode limits = (ObjectNode) config.get("limits");
    limits.put("maxPendingLogins", 10_000);
    try (ServerProcess server = ServerProcess.start(ctx.env(), "churn", config, 65_536, null)) {
      for (String kind : List.of("user", "agent")) {
        Stats s = churn(ctx, server.tcpPort(), kind, p.churnConcurrency(), p.warmupMs(), p.measureMs(), report);
        ctx.progress(String.format(Locale.ROOT, "churn %s: %.0f connections/s", kind, s.rate()));
      }
    }
    report.note("user cycle: connect, hello, support.request, first answer (support.queued), close; "
        + "agent cycle: connect, hello, agent.login (PBKDF2, 1,000 iterations, on the server's login threads), agent.ready, close");
    report.note("closed sockets go to TIME_WAIT on the generator side; source addresses rotate over 127.0.0.2-254");
    return report;
  }

  private static Stats churn(BenchContext ctx, int port, String kind, int loops, long warmupMs, long measureMs,
      Report report) throws InterruptedException {
    Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    LongAdder done = new LongAdder();
    LongAdder errors = new LongAdder();
    java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
    // read on the event loops, written here: atomics, not plain fields
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger live = new AtomicInteger(loops);
    for (int i = 0; i < loops; i++) {
      int loop = i;
      Runnable[] cycle = new Runnable[1];
      cycle[0] = () -> {
        if (!running.get()) {
          live.decrementAndGet();
          return;
        }
        long start = System.nanoTime();
        String agentId = "churn-agent-" + loop;
        boolean[] finished = {false};
        LineChannel.TextListener listener = (c, line) -> {
          String type = Lines.type(line);
          if (finished[0]) {
            return; // one answer ends the cycle; anything after it is not a new cycle
          }
          if (type.equals("welcome")) {
            Lines.send(c.channel(), kind.equals("user")
                ? "{\"type\":\"support.request\",\"name\":\"Churn\",\"phone\":\"1\",\"customerId\":\"c-" + loop
                  + "\",\"pageUrl\":\"http://127.0.0.1/churn\"}"
                : "{\"type\":\"agent.login\",\"agentId\":\"" + agentId + "\",\"secret\":\"" + WebAssistSessions.PASSWORD + "\"}");
            return;
          }
          boolean ok = type.equals("support.queued") || type.equals("support.unavailable") || type.equals("agent.ready")
              || type.equals("support.assigned");
          if (!ok) {
            errors.increment();
            firstError.compareAndSet(null, line);
          }
          finished[0] = true;
          if (measuring.get() && ok) {
            recorder.recordValue(Math.min(System.nanoTime() - start, TimeUnit.SECONDS.toNanos(60)));
            done.increment();
          }
          c.channel().close().addListener(closed -> cycle[0].run());
        };
        Bootstrap b = ctx.load().bootstrap(LineChannel.initializer(() -> listener, 1 << 16, false));
        ctx.load().connect(b, "127.0.0.1", port).addListener((io.netty.channel.ChannelFutureListener) f -> {
          if (!f.isSuccess()) {
            errors.increment();
            f.channel().eventLoop().schedule(cycle[0], 10, TimeUnit.MILLISECONDS);
            return;
          }
          Lines.send(f.channel(), "{\"type\":\"hello\",\"role\":\"" + kind + "\",\"protocol\":1,\"client\":\"bench\"}");
        });
      };
      cycle[0].run();
    }
    Thread.sleep(warmupMs);
    recorder.reset();
    measuring.set(true);
    long t0 = System.nanoTime();
    Thread.sleep(measureMs);
    // a cold server's first cycles can take longer than a short (smoke) window: measure on until
    // at least one cycle completed, for at most ten more seconds
    long stretch = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (done.sum() == 0 && System.nanoTime() < stretch) {
      Thread.sleep(20);
    }
    measuring.set(false);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long n = done.sum();
    running.set(false);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (live.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Stats s = Stats.of(recorder.getIntervalHistogram(), n, seconds, n / seconds, null);
    report.row(kind, loops, s.rate(), s.p50Us() / 1000, s.p99Us() / 1000, errors.sum());
    if (firstError.get() != null) {
      report.note(kind + " churn: first unexpected answer: " + firstError.get());
    }
    return s;
  }
}
