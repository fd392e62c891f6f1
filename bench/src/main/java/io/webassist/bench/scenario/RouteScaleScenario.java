package io.webassist.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.webassist.bench.load.LineChannel;
import io.webassist.bench.load.Lines;
import io.webassist.bench.proc.ServerProcess;
import io.webassist.bench.report.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * {@code route-scale}: how the cost of one assignment grows with the server's size — the route
 * scenario's traffic at one fixed rate, against 100, 1,000 and 10,000 logged-in agents, and once
 * more at 1,000 agents with 1,000 requests waiting in a queue (a group whose only agent never logs
 * in). Each case runs on a fresh server. Issue 12 asks that each assignment cost about the same
 * whatever the size: compare the p50/p99 columns down the table.
 */
public final class RouteScaleScenario implements Scenario {

  /** Requests kept waiting in the last case. */
  static final int QUEUED = 1_000;

  @Override
  public String name() {
    return "route-scale";
  }

  @Override
  public Report run(BenchContext ctx) throws Exception {
    Profile p = ctx.profile();
    int rate = p.routeScaleRate();
    Report report = new Report(name(), "agents", "waiting", "offered/s", "assigned/s", "p50 ms", "p99 ms", "p99.9 ms",
        "measured", "late", "server cpu %", "srv us/asg", "app us/asg", "gen cpu %", "gen us/asg");
    report.setting("rate", rate);
    report.setting("userConnections", p.routeUsers());
    report.setting("measureMs", p.measureMs());
    for (int agents : p.routeScaleAgents()) {
      measure(ctx, report, agents, 0, rate);
    }
    measure(ctx, report, Math.min(1_000, p.routeScaleAgents().get(p.routeScaleAgents().size() - 1)), QUEUED, rate);
    report.note("one fixed rate for every case, latency from each request's scheduled time (coordinated omission "
        + "corrected); the 'waiting' requests sit in a group of their own whose agent never logs in");
    report.note("server cpu % = the server's user+system CPU over the measured step / its wall time (200% = both cores); "
        + "srv us/asg = the server's CPU time over the step / the assignments made in it; app us/asg = the same for "
        + "the server's own threads (without JIT compilers and GC); gen cpu % = this generator's");
    return report;
  }

  private static void measure(BenchContext ctx, Report report, int agents, int waiting, int rate) throws Exception {
    Profile p = ctx.profile();
    List<Channel> channels = new ArrayList<>();
    ObjectNode config = RouteScenario.config(agents);
    if (waiting > 0) {
      ServerProcess.addAgent(config, "backlog-agent", List.of("backlog"), 1, Agents.passwordHash());
      ArrayNode rules = (ArrayNode) config.get("routing").get("rules");
      rules.insertObject(0).put("match", "prefix").put("value", "backlog-").put("group", "backlog");
    }
    String name = "route-scale-" + agents + (waiting > 0 ? "-q" + waiting : "");
    try (ServerProcess server = ServerProcess.start(ctx.env(), name, config, 65_536, null)) {
      ctx.progress(name + ": logging in " + agents + " agents");
      RouteScenario.loginAgents(ctx.load(), server.tcpPort(), agents, channels);
      if (waiting > 0) {
        ctx.progress(name + ": queueing " + waiting + " requests");
        queue(ctx, server.tcpPort(), waiting, channels);
      }
      Queue<RouteScenario.User> idle = new ConcurrentLinkedQueue<>();
      Queue<Long> backlog = new ConcurrentLinkedQueue<>();
      RouteScenario.Step step = new RouteScenario.Step();
      List<RouteScenario.User> users = RouteScenario.connectUsers(ctx.load(), server.tcpPort(), p.routeUsers(), idle,
          backlog, step, channels);
      // JIT warm-up of this fresh server: a slow step, then one at the measured rate, neither tabulated
      RouteScenario.runStep(step, Math.min(200, rate), p, idle, backlog, users.size());
      RouteScenario.runStep(step, rate, p, idle, backlog, users.size());
      RouteScenario.StepCpu cpu = new RouteScenario.StepCpu(server.pid());
      Histogram h = RouteScenario.runStep(step, rate, p, idle, backlog, users.size());
      cpu.stop(step.assignedInStep.sum());
      double assigned = step.assignedInWindow.sum() / (p.measureMs() / 1000.0);
      report.row(agents, waiting, (double) rate, assigned, RouteScenario.pct(h, 50), RouteScenario.pct(h, 99),
          RouteScenario.pct(h, 99.9), h.getTotalCount(), step.late, cpu.serverPercent, cpu.serverMicrosPerAssignment,
          cpu.appMicrosPerAssignment, cpu.generatorPercent, cpu.generatorMicrosPerAssignment);
      ctx.progress(String.format(Locale.ROOT, "%s: %.0f assigned/s p50 %.2f ms p99 %.2f ms, server %.0f us/assignment",
          name, assigned, RouteScenario.pct(h, 50), RouteScenario.pct(h, 99), cpu.serverMicrosPerAssignment));
    } finally {
      channels.forEach(Channel::close);
    }
  }

  /** {@code n} user connections, each with one request routed to the group nobody serves: they wait. */
  private static void queue(BenchContext ctx, int port, int n, List<Channel> channels) throws Exception {
    AtomicInteger queued = new AtomicInteger();
    for (int i = 0; i < n; i++) {
      String customer = "backlog-" + i;
      java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean();
      LineChannel.TextListener user = (c, line) -> {
        switch (Lines.type(line)) {
          case "welcome" -> Lines.send(c.channel(), "{\"type\":\"support.request\",\"name\":\"Waiting\",\"customerId\":\""
              + customer + "\",\"pageUrl\":\"https://shop.example/\"}");
          case "support.queued" -> {
            if (counted.compareAndSet(false, true)) {
              queued.incrementAndGet();
            }
          }
          default -> { }
        }
      };
      Bootstrap b = ctx.load().bootstrap(LineChannel.initializer(() -> user, 1 << 16, false));
      Channel ch = ctx.load().connectSync(b, "127.0.0.1", port);
      channels.add(ch);
      Lines.send(ch, "{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1,\"client\":\"bench\"}");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (queued.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
