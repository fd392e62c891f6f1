package io.webassist.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.webassist.bench.load.LineChannel;
import io.webassist.bench.load.Lines;
import io.webassist.bench.pairs.WebAssistSessions;
import io.webassist.bench.proc.ChildProcess;
import io.webassist.bench.proc.ProcessStats;
import io.webassist.bench.proc.ServerProcess;
import io.webassist.bench.report.Report;
import io.webassist.bench.report.Verdicts;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code idle}: ramps N connections — 2% agents logged in and available, the rest users past
 * {@code hello}/{@code welcome} — as fast as the server accepts them (at most 1,000 handshakes in
 * flight), then holds them: accept rate, and the server's heap (after a full GC, via jcmd) and RSS
 * per connection, against a baseline taken before the ramp.
 */
public final class IdleScenario implements Scenario {

  private static final int IN_FLIGHT = 1_000;

  @Override
  public String name() {
    return "idle";
  }

  @Override
  public Report run(BenchContext ctx) throws Exception {
    int wanted = ctx.profile().idleConnections();
    // the server holds every connection in one process: it needs that many file descriptors, and so
    // does this generator; where the hard limit cannot be raised, open what fits and say so
    long own = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u
        ? u.getMaxFileDescriptorCount() : Long.MAX_VALUE;
    int serverFiles = ChildProcess.achievableFileLimit(wanted + 10_000);
    int n = (int) Math.min(wanted, Math.min(own, serverFiles < 0 ? Long.MAX_VALUE : serverFiles) - 2_000);
    // the most this machine lets one server and this generator hold (what the idle target is judged at)
    int anyFiles = ChildProcess.achievableFileLimit(1_000_000);
    long largest = anyFiles < 0 && own == Long.MAX_VALUE ? -1 : Math.min(own, anyFiles < 0 ? Long.MAX_VALUE : anyFiles) - 2_000;
    int agents = Math.min(1_000, Math.max(1, n / 50));
    Report report = new Report(name(), "connections", "agents", "held", "accept/s", "heap base MB", "heap MB",
        "heap B/conn", "rss base MB", "rss MB", "rss B/conn");
    if (n < wanted) {
      report.note("asked for " + wanted + " connections, opened " + n + ": the open-file limit here is "
          + Math.min(own, serverFiles) + " per process and cannot be raised (ulimit -Hn; needs CAP_SYS_RESOURCE)");
    }
    ObjectNode config = ServerProcess.baseConfig();
    ((ObjectNode) config.get("limits")).put("maxPendingLogins", 10_000); // all agents log in at once during the ramp
    for (int k = 0; k < agents; k++) {
      ServerProcess.addAgent(config, "idle-agent-" + k, List.of("general"), 3, Agents.passwordHash());
    }
    Queue<Channel> channels = new ConcurrentLinkedQueue<>();
    try (ServerProcess server = ServerProcess.start(ctx.env(), "idle", config, n + 10_000, null)) {
      java.util.Map<String, long[]> classes0 = ProcessStats.classHistogram(server.pid());
      long heap0 = ProcessStats.heapUsedAfterGc(server.pid());
      long rss0 = ProcessStats.rss(server.pid());
      ctx.progress("idle: ramping " + n + " connections (" + agents + " agents)");
      AtomicInteger ready = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
      Semaphore inFlight = new Semaphore(IN_FLIGHT);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("handshakes stalled after " + ready.get() + " connections");
        }
        boolean agent = i < agents;
        String id = "idle-agent-" + i;
        LineChannel.TextListener listener = (c, line) -> {
          String type = Lines.type(line);
          if (type.equals("welcome") && agent) {
            Lines.send(c.channel(), "{\"type\":\"agent.login\",\"agentId\":\"" + id + "\",\"secret\":\""
                + WebAssistSessions.PASSWORD + "\"}");
          } else if (type.equals("welcome") || type.equals("agent.ready")) {
            ready.incrementAndGet();
            inFlight.release();
          } else if (type.equals("error")) {
            firstFailure.compareAndSet(null, line);
            failed.incrementAndGet();
            inFlight.release();
          }
        };
        Bootstrap b = ctx.load().bootstrap(LineChannel.initializer(() -> listener, 1 << 16, false));
        ChannelFuture f = ctx.load().connect(b, "127.0.0.1", server.tcpPort());
        f.addListener(done -> {
          if (!done.isSuccess()) {
            firstFailure.compareAndSet(null, String.valueOf(done.cause()));
            failed.incrementAndGet();
            inFlight.release();
            return;
          }
          channels.add(f.channel());
          Lines.send(f.channel(), "{\"type\":\"hello\",\"role\":\"" + (agent ? "agent" : "user")
              + "\",\"protocol\":1,\"client\":\"bench\"}");
        });
      }
      if (!inFlight.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS)) {
        report.note("some handshakes had not finished 60 s after the last connect");
      }
      double rampSeconds = (System.nanoTime() - t0) / 1e9;
      ctx.progress(String.format(Locale.ROOT, "idle: %d ready, %d failed in %.1f s; holding", ready.get(), failed.get(), rampSeconds));
      Thread.sleep(Math.max(1_000, ctx.profile().measureMs()));
      long heap1 = ProcessStats.heapUsedAfterGc(server.pid());
      long rss1 = ProcessStats.rss(server.pid());
      long held = channels.stream().filter(Channel::isActive).count();
      List<String> growth = ProcessStats.histogramGrowth(classes0, ProcessStats.classHistogram(server.pid()),
          Math.max(1, held), 60);
      double mb = 1024.0 * 1024.0;
      double heapPer = heap0 < 0 || heap1 < 0 ? Double.NaN : (double) (heap1 - heap0) / held;
      double rssPer = (double) (rss1 - rss0) / held;
      report.row(n, agents, held, ready.get() / rampSeconds, heap0 / mb, heap1 / mb, heapPer, rss0 / mb, rss1 / mb, rssPer);
      if (failed.get() > 0) {
        report.note(failed.get() + " connections failed (connect error or error frame); first: " + firstFailure.get());
      }
      boolean fiftyK = held >= 50_000;
      report.target("idle: 50,000 logged-in connections held", n >= 50_000 ? fiftyK : null,
          n >= 50_000 ? held + " held" : n < wanted
              ? "open-file limit " + Math.min(own, serverFiles) + " per process on this machine: " + held + " held"
              : "this profile opened " + n + "; run the full profile (or --idle-connections 50000)");
      Report.TargetCheck idleTarget = Verdicts.idle(heapPer, held, largest);
      report.target(idleTarget.target(), idleTarget.met(), idleTarget.detail());
      if (!growth.isEmpty()) {
        report.note("what the held connections keep on the server's heap (jcmd GC.class_histogram, held minus baseline):");
        growth.forEach(row -> report.note("  " + row));
      }
      report.note("heap = G1 'used' after jcmd GC.run, minus the same before the ramp; RSS includes Netty's direct buffers and thread stacks");
      report.note("users are connections past hello/welcome with no request open; agents are logged in (PBKDF2 at 1,000 iterations) and available");
    } finally {
      channels.forEach(Channel::close);
    }
    return report;
  }
}
