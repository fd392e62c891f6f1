package io.webassist.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.ChannelHandlerContext;
import io.webassist.bench.load.LineChannel;
import io.webassist.bench.load.LoadGroup;
import io.webassist.bench.load.Lines;
import io.webassist.bench.pairs.WebAssistSessions;
import io.webassist.bench.proc.ProcessStats;
import io.webassist.bench.proc.ServerProcess;
import io.webassist.bench.report.JfrSummary;
import io.webassist.bench.report.Report;
import io.webassist.bench.report.Verdicts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code route}: agents with capacities 1–5 across four groups and customer-id rules (prefix,
 * exact list, pattern, default); users arrive at a set rate, each request from a pool of user
 * connections that hold one request at a time. Agents accept every offer and end the session at
 * once, freeing the slot. Latency is {@code support.request} → {@code support.assigned}, measured
 * from the time the request was <em>due</em> by the schedule, not when it was sent: when the
 * server falls behind, requests wait in the generator and that wait counts (coordinated
 * omission corrected). The sustained rate is assignments per second over the measured interval.
 */
public final class RouteScenario implements Scenario {

  private static final String[] GROUPS = {"general", "premium", "billing", "tech"};
  /** The scheduler's period: requests due within it go out together (at most this much later than due, and counted so). */
  private static final long TICK_NANOS = 200_000;

  @Override
  public String name() {
    return "route";
  }

  @Override
  public Report run(BenchContext ctx) throws Exception {
    Profile p = ctx.profile();
    Report report = new Report(name(), "offered/s", "assigned/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms",
        "measured", "late", "errors", "queued/req", "srv cpu %", "srv us/asg", "app us/asg", "gen cpu %", "gen us/asg");
    report.setting("agents", p.routeAgents());
    report.setting("userConnections", p.routeUsers());
    report.setting("warmupMs", p.warmupMs() * 2);
    report.setting("measureMs", p.measureMs());
    Path jfr = ctx.jfr() ? ctx.env().workDir().resolve("route-server.jfr") : null;
    List<Channel> channels = new ArrayList<>();
    double best = 0;
    double bestP99 = Double.NaN;
    try (ServerProcess server = ServerProcess.start(ctx.env(), "route", config(p.routeAgents()), 65_536, null)) {
      ctx.progress("route: logging in " + p.routeAgents() + " agents");
      loginAgents(ctx.load(), server.tcpPort(), p.routeAgents(), channels);
      ctx.progress("route: connecting " + p.routeUsers() + " users");
      Queue<User> idle = new ConcurrentLinkedQueue<>();
      Queue<Long> backlog = new ConcurrentLinkedQueue<>();
      Step step = new Step();
      List<User> users = connectUsers(ctx.load(), server.tcpPort(), p.routeUsers(), idle, backlog, step, channels);
      long[] cpu0 = ProcessStats.cpuMillis(server.pid());
      if (jfr != null) {
        server.startRecording();
      }
      // JIT warm-up of the server's dispatch path at a rate it surely keeps up with; not tabulated
      ctx.progress("route: warming up at " + Math.min(200, p.routeRates().get(0)) + "/s");
      runStep(step, Math.min(200, p.routeRates().get(0)), p, idle, backlog, users.size());
      long warmupAssignments = step.assignedInStep.sum();
      long stepAssignments = 0;
      for (int rate : p.routeRates()) {
        StepCpu cpu = new StepCpu(server.pid());
        Histogram h = runStep(step, rate, p, idle, backlog, users.size());
        cpu.stop(step.assignedInStep.sum());
        stepAssignments += step.assignedInStep.sum();
        double seconds = p.measureMs() / 1000.0;
        double assigned = step.assignedInWindow.sum() / seconds;
        double p99 = h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1e6;
        report.row((double) rate, assigned, pct(h, 50), p99, pct(h, 99.9),
            h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1e6, h.getTotalCount(), step.late,
            step.errors.sum(), (double) step.queuedFrames.sum() / Math.max(1, step.sent.sum()), cpu.serverPercent,
            cpu.serverMicrosPerAssignment, cpu.appMicrosPerAssignment, cpu.generatorPercent,
            cpu.generatorMicrosPerAssignment);
        ctx.progress(String.format(Locale.ROOT,
            "route %d/s: %.0f assigned/s p50 %.2f ms p99 %.2f ms, server %.0f us/assignment (%.0f us without JIT and GC)",
            rate, assigned, pct(h, 50), p99, cpu.serverMicrosPerAssignment, cpu.appMicrosPerAssignment));
        if (assigned >= rate * 0.95 && p99 < 5 && assigned > best) {
          best = assigned;
          bestP99 = p99;
        }
        if (!server.isAlive()) {
          throw new IllegalStateException("the server died; see its log in " + ctx.env().workDir());
        }
      }
      report.note("server CPU over the rate steps: " + ProcessStats.cpuDelta(cpu0, ProcessStats.cpuMillis(server.pid())));
      // for counts taken from outside over the whole run (e.g. perf stat of the server's syscalls)
      report.note("assignments: " + stepAssignments + " over the rate steps, " + warmupAssignments + " in the warm-up");
      if (jfr != null) {
        server.stopRecording(jfr);
      }
    } finally {
      channels.forEach(Channel::close);
    }
    Report.TargetCheck routeTarget = Verdicts.route(best, bestP99, p.routeAgents());
    report.target(routeTarget.target(), routeTarget.met(), routeTarget.detail());
    report.note("latency measured from each request's scheduled time (coordinated omission corrected); "
        + "'late' = requests due in the measured interval that had not been sent or answered 10 s after it");
    report.note("queued/req = support.queued frames a user received per request sent (1 when nobody waits; a "
        + "waiting user hears a changed position at most once per queue.positionUpdateMs)");
    report.note("generator and server share the 2 cores: at high rates the generator's own CPU use limits the offered load");
    report.note("srv cpu % / gen cpu % = the server's / this generator's user+system CPU over the whole step (warm-up, "
        + "measured interval and drain) / its wall time (100 = one core); srv us/asg = the server's CPU time over the "
        + "step / the assignments made in it: the cost of one assignment, least disturbed by other load on the machine; "
        + "app us/asg = the same for the server's own threads only (event loops, timer), without the JVM's JIT "
        + "compilers and GC, which take seconds of a core to warm a fresh server up); gen us/asg = this generator's "
        + "CPU time per assignment (it shares the two cores with the server)");
    if (jfr != null) {
      report.note("server profile (JFR, route):");
      JfrSummary.hottest(jfr, 12).forEach(report::note);
    }
    return report;
  }

  /** Server and generator CPU over one step, and the server's CPU time per assignment made in it. */
  static final class StepCpu {
    private final long pid;
    private final long[] server0;
    private final long[] generator0;
    private final long app0;
    private final long t0 = System.nanoTime();
    double serverPercent = Double.NaN;
    double generatorPercent = Double.NaN;
    double serverMicrosPerAssignment = Double.NaN;
    double appMicrosPerAssignment = Double.NaN;
    double generatorMicrosPerAssignment = Double.NaN;

    StepCpu(long serverPid) {
      this.pid = serverPid;
      this.server0 = ProcessStats.cpuMillis(serverPid);
      this.app0 = ServerThreads.appCpuMillis(serverPid);
      this.generator0 = ProcessStats.cpuMillis(ProcessHandle.current().pid());
    }

    void stop(long assignments) {
      double wallMs = (System.nanoTime() - t0) / 1e6;
      long[] server1 = ProcessStats.cpuMillis(pid);
      serverPercent = ProcessStats.cpuPercent(server0, server1, wallMs);
      long[] generator1 = ProcessStats.cpuMillis(ProcessHandle.current().pid());
      generatorPercent = ProcessStats.cpuPercent(generator0, generator1, wallMs);
      if (generator0[0] >= 0 && assignments > 0) {
        generatorMicrosPerAssignment =
            1000.0 * ((generator1[0] + generator1[1]) - (generator0[0] + generator0[1])) / assignments;
      }
      if (server0[0] >= 0 && assignments > 0) {
        serverMicrosPerAssignment = 1000.0 * ((server1[0] + server1[1]) - (server0[0] + server0[1])) / assignments;
      }
      long app1 = ServerThreads.appCpuMillis(pid);
      if (app0 >= 0 && app1 >= app0 && assignments > 0) { // less: a thread ended and took its time along
        appMicrosPerAssignment = 1000.0 * (app1 - app0) / assignments;
      }
    }
  }

  static double pct(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
  }

  static ObjectNode config(int agents) {
    ObjectNode config = ServerProcess.baseConfig();
    for (int k = 0; k < agents; k++) {
      String group = GROUPS[k % GROUPS.length];
      List<String> groups = k % 10 == 0 && !group.equals("general") ? List.of(group, "general") : List.of(group);
      ServerProcess.addAgent(config, "route-agent-" + k, groups, 1 + k % 5, Agents.passwordHash());
    }
    ObjectNode routing = config.putObject("routing");
    routing.put("defaultGroup", "general");
    ArrayNode rules = routing.putArray("rules");
    rules.addObject().put("match", "prefix").put("value", "vip-").put("group", "premium");
    ArrayNode exact = rules.addObject().put("match", "exact").put("group", "billing").putArray("values");
    for (int i = 0; i < 100; i++) {
      exact.add("bill-" + i);
    }
    rules.addObject().put("match", "pattern").put("value", "t-[0-9]+").put("group", "tech");
    return config;
  }

  /** The customer id of request {@code i}: a quarter to each group, via each kind of rule. */
  static String customerId(long i) {
    return switch ((int) (i % 4)) {
      case 0 -> "vip-" + i;
      case 1 -> "bill-" + (i % 100);
      case 2 -> "t-" + i;
      default -> "c-" + i;
    };
  }

  static void loginAgents(LoadGroup load, int port, int n, List<Channel> channels) throws Exception {
    for (int from = 0; from < n; from += 200) {
      List<CompletableFuture<Void>> ready = new ArrayList<>();
      for (int k = from; k < Math.min(n, from + 200); k++) {
        RouteAgent agent = new RouteAgent("route-agent-" + k);
        ready.add(agent.ready);
        Bootstrap b = load.bootstrap(LineChannel.initializer(() -> agent, 1 << 20, false));
        Channel ch = load.connectSync(b, "127.0.0.1", port);
        channels.add(ch);
        Lines.send(ch, "{\"type\":\"hello\",\"role\":\"agent\",\"protocol\":1,\"client\":\"bench\"}");
      }
      for (CompletableFuture<Void> f : ready) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * One agent: logs in, goes available, accepts every offer and ends every session at once. Frames
   * are recognised by their type's bytes and the answers built from pre-encoded parts and the id's
   * bytes (no line turned into a String, no JSON parse); what it writes in a read batch is
   * flushed once at the batch's end.
   */
  static final class RouteAgent implements LineChannel.Listener {
    private static final ByteBuf WELCOME = Lines.needle("welcome");
    private static final ByteBuf AGENT_READY = Lines.needle("agent.ready");
    private static final ByteBuf OFFER = Lines.needle("support.offer");
    private static final ByteBuf SESSION_START = Lines.needle("session.start");
    private static final ByteBuf ERROR = Lines.needle("error");
    private static final ByteBuf REQUEST_ID = Lines.needle("\"requestId\":\"");
    private static final ByteBuf SESSION_ID = Lines.needle("\"sessionId\":\"");
    private static final ByteBuf ACCEPT_HEAD = Lines.needle("{\"type\":\"offer.accept\",\"requestId\":\"");
    private static final ByteBuf ACCEPT_TAIL = Lines.needle("\"}\n");
    private static final ByteBuf END_HEAD = Lines.needle("{\"type\":\"session.end\",\"sessionId\":\"");
    private static final ByteBuf END_TAIL = Lines.needle("\",\"reason\":\"resolved\"}\n");

    private final String id;
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    private boolean unflushed;

    RouteAgent(String id) {
      this.id = id;
    }

    @Override
    public void onLine(ChannelHandlerContext ctx, ByteBuf line) {
      int type = Lines.typeAt(line);
      if (Lines.isType(line, type, OFFER)) {
        answer(ctx, line, REQUEST_ID, ACCEPT_HEAD, ACCEPT_TAIL);
      } else if (Lines.isType(line, type, SESSION_START)) {
        answer(ctx, line, SESSION_ID, END_HEAD, END_TAIL);
      } else if (Lines.isType(line, type, WELCOME)) {
        Lines.send(ctx.channel(),
            "{\"type\":\"agent.login\",\"agentId\":\"" + id + "\",\"secret\":\"" + WebAssistSessions.PASSWORD + "\"}");
      } else if (Lines.isType(line, type, AGENT_READY)) {
        Lines.send(ctx.channel(), "{\"type\":\"agent.status\",\"status\":\"available\"}");
        ready.complete(null);
      } else if (Lines.isType(line, type, ERROR)) {
        ready.completeExceptionally(new IllegalStateException(id + ": " + line.toString(StandardCharsets.UTF_8)));
      }
    }

    /** head + the value of {@code key} in {@code line} + tail, written without a flush. */
    private void answer(ChannelHandlerContext ctx, ByteBuf line, ByteBuf key, ByteBuf head, ByteBuf tail) {
      ByteBuf out = ctx.alloc().buffer(head.readableBytes() + 64 + tail.readableBytes());
      out.writeBytes(head, head.readerIndex(), head.readableBytes());
      if (!Lines.copyField(line, key, out)) {
        out.release();
        return;
      }
      out.writeBytes(tail, tail.readerIndex(), tail.readableBytes());
      ctx.write(out, ctx.voidPromise());
      unflushed = true;
    }

    @Override
    public void onReadComplete(ChannelHandlerContext ctx) {
      if (unflushed) {
        unflushed = false;
        ctx.flush();
      }
    }
  }

  /** State of the current rate step, shared by the scheduler and every user. */
  static final class Step {
    final Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(120), 3);
    final LongAdder assignedInWindow = new LongAdder();
    final LongAdder assignedInStep = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder queuedFrames = new LongAdder();
    final LongAdder sent = new LongAdder();
    final AtomicInteger busy = new AtomicInteger();
    final AtomicInteger seq = new AtomicInteger();
    volatile long windowStart = Long.MAX_VALUE;
    volatile long windowEnd = Long.MAX_VALUE;
    volatile boolean issuing;
    long late;
  }

  /**
   * One user connection: holds at most one request; free again when its session ends. Requests
   * are written from pre-encoded parts and the customer id's bytes; frames are recognised by
   * their type's bytes. An assignment is counted when this user gets its {@code support.assigned}.
   */
  static final class User implements LineChannel.Listener {
    private static final ByteBuf WELCOME = Lines.needle("welcome");
    private static final ByteBuf QUEUED = Lines.needle("support.queued");
    private static final ByteBuf ASSIGNED = Lines.needle("support.assigned");
    private static final ByteBuf SESSION_END = Lines.needle("session.end");
    private static final ByteBuf ERROR = Lines.needle("error");
    private static final ByteBuf UNAVAILABLE = Lines.needle("support.unavailable");
    private static final ByteBuf REQUEST_HEAD = Lines.needle("{\"type\":\"support.request\",\"name\":\"Route user\","
        + "\"phone\":\"+1 555 0100\",\"customerId\":\"");
    private static final ByteBuf REQUEST_TAIL = Lines.needle("\",\"pageUrl\":\"http://127.0.0.1/route\"}\n");
    /** The customer id's prefix by request number: a quarter to each group ({@link #customerId}). */
    private static final ByteBuf[] CUSTOMER_PREFIX = {
        Lines.needle("vip-"), Lines.needle("bill-"), Lines.needle("t-"), Lines.needle("c-")};

    private final Queue<User> idle;
    private final Queue<Long> backlog;
    private final Step step;
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private Channel channel;
    private long due;

    User(Queue<User> idle, Queue<Long> backlog, Step step) {
      this.idle = idle;
      this.backlog = backlog;
      this.step = step;
    }

    EventLoop loop() {
      return channel.eventLoop();
    }

    /** Sends a request that was due at {@code dueNanos}; on this user's event loop. */
    void request(long dueNanos) {
      due = dueNanos;
      step.sent.increment();
      ByteBuf out = channel.alloc().buffer(REQUEST_HEAD.readableBytes() + 24 + REQUEST_TAIL.readableBytes());
      writeRequest(out, step.seq.getAndIncrement());
      channel.writeAndFlush(out, channel.voidPromise());
    }

    /** The {@code support.request} line of request {@code i}, with {@link #customerId}{@code (i)}. */
    static void writeRequest(ByteBuf out, long i) {
      out.writeBytes(REQUEST_HEAD, REQUEST_HEAD.readerIndex(), REQUEST_HEAD.readableBytes());
      ByteBuf prefix = CUSTOMER_PREFIX[(int) (i % 4)];
      out.writeBytes(prefix, prefix.readerIndex(), prefix.readableBytes());
      Lines.writeDecimal(out, i % 4 == 1 ? i % 100 : i);
      out.writeBytes(REQUEST_TAIL, REQUEST_TAIL.readerIndex(), REQUEST_TAIL.readableBytes());
    }

    @Override
    public void onLine(ChannelHandlerContext ctx, ByteBuf line) {
      int type = Lines.typeAt(line);
      if (Lines.isType(line, type, QUEUED)) {
        step.queuedFrames.increment();
      } else if (Lines.isType(line, type, ASSIGNED)) {
        step.assignedInStep.increment();
        long now = System.nanoTime();
        if (due >= step.windowStart && due < step.windowEnd) {
          step.recorder.recordValue(Math.min(now - due, TimeUnit.SECONDS.toNanos(120)));
        }
        if (now >= step.windowStart && now < step.windowEnd) {
          step.assignedInWindow.increment();
        }
      } else if (Lines.isType(line, type, SESSION_END)) {
        free();
      } else if (Lines.isType(line, type, ERROR) || Lines.isType(line, type, UNAVAILABLE)) {
        step.errors.increment();
        free();
      } else if (Lines.isType(line, type, WELCOME)) {
        welcomed.complete(null);
      }
    }

    /** On this user's loop: the next waiting request goes out at once, or the user waits in the idle queue. */
    private void free() {
      step.busy.decrementAndGet();
      Long next = step.issuing ? backlog.poll() : null;
      if (next != null) {
        step.busy.incrementAndGet();
        request(next);
      } else {
        idle.add(this);
      }
    }
  }

  static List<User> connectUsers(LoadGroup load, int port, int n, Queue<User> idle, Queue<Long> backlog,
      Step step, List<Channel> channels) throws Exception {
    List<User> users = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      User user = new User(idle, backlog, step);
      Bootstrap b = load.bootstrap(LineChannel.initializer(() -> user, 1 << 20, false));
      user.channel = load.connectSync(b, "127.0.0.1", port);
      channels.add(user.channel);
      Lines.send(user.channel, "{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1,\"client\":\"bench\"}");
      users.add(user);
    }
    for (User u : users) {
      u.welcomed.get(60, TimeUnit.SECONDS);
      idle.add(u);
    }
    return users;
  }

  /** One rate step: warm-up, measured interval, then a bounded drain. */
  static Histogram runStep(Step step, int rate, Profile p, Queue<User> idle, Queue<Long> backlog, int users)
      throws InterruptedException {
    step.recorder.reset();
    step.assignedInWindow.reset();
    step.assignedInStep.reset();
    step.errors.reset();
    step.queuedFrames.reset();
    step.sent.reset();
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
    step.windowStart = start + TimeUnit.MILLISECONDS.toNanos(p.warmupMs() * 2);
    step.windowEnd = step.windowStart + TimeUnit.MILLISECONDS.toNanos(p.measureMs());
    step.issuing = true;
    long next = start;
    Map<EventLoop, List<Runnable>> batches = new HashMap<>();
    while (next < step.windowEnd) {
      long now = System.nanoTime();
      while (next <= now && next < step.windowEnd) {
        backlog.add(next);
        next += interval;
      }
      while (!backlog.isEmpty()) {
        User u = idle.poll();
        if (u == null) {
          break;
        }
        Long due = backlog.poll();
        if (due == null) {
          idle.add(u);
          break;
        }
        step.busy.incrementAndGet();
        batches.computeIfAbsent(u.loop(), l -> new ArrayList<>()).add(() -> u.request(due));
      }
      // the requests due in this tick: one task per generator event loop, not one per request
      for (Map.Entry<EventLoop, List<Runnable>> batch : batches.entrySet()) {
        if (!batch.getValue().isEmpty()) {
          List<Runnable> requests = List.copyOf(batch.getValue());
          batch.getValue().clear();
          batch.getKey().execute(() -> requests.forEach(Runnable::run));
        }
      }
      LockSupport.parkNanos(TICK_NANOS);
    }
    step.issuing = false;
    long unsent = backlog.size();
    backlog.clear();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (step.busy.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    step.late = unsent + Math.max(0, step.busy.get());
    Thread.sleep(Math.min(500, p.warmupMs())); // let the last session.end frames settle
    return step.recorder.getIntervalHistogram();
  }
}
