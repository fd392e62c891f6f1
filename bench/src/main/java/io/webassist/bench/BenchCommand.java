package io.webassist.bench;

import io.webassist.bench.load.LoadGroup;
import io.webassist.bench.proc.BenchEnv;
import io.webassist.bench.proc.ChildProcess;
import io.webassist.bench.proc.MosquittoProcess;
import io.webassist.bench.report.Machine;
import io.webassist.bench.report.Report;
import io.webassist.bench.scenario.BenchContext;
import io.webassist.bench.scenario.BurstScenario;
import io.webassist.bench.scenario.ChurnScenario;
import io.webassist.bench.scenario.IdleScenario;
import io.webassist.bench.scenario.PairScenario;
import io.webassist.bench.scenario.Profile;
import io.webassist.bench.scenario.RouteScaleScenario;
import io.webassist.bench.scenario.RouteScenario;
import io.webassist.bench.scenario.Scenario;
import io.webassist.protocol.transport.NettyTransport;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./webassist bench [scenario…] [--quick]}: the load generator. Each scenario starts what it
 * measures (the dispatch server in its own JVM, Mosquitto, the raw-TCP floor), prints a table with
 * ratios to Mosquitto and the floor, checks the targets (reporting, never failing), writes
 * {@code <out>/<scenario>.json}, and stops everything it started — also when it fails.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks the dispatch server on loopback: idle, route, relay, direct, burst, churn (or all).",
        "Relay and direct also run against Mosquitto (if installed) and a raw-TCP floor."})
public final class BenchCommand implements Callable<Integer> {

  /** Set in a re-executed child so it does not re-execute again. */
  static final String REEXEC_ENV = "WEBASSIST_BENCH_REEXEC";

  private static final List<String> ALL = List.of("idle", "route", "route-scale", "relay", "relay-pipelined",
      "direct", "burst", "churn");

  @Spec
  private CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "SCENARIO", description = "idle, route, route-scale, relay, relay-pipelined, direct, burst, churn or all (default)")
  private List<String> scenarios = new ArrayList<>(List.of("all"));

  @Option(names = "--quick", description = "Short runs: all scenarios in under 5 minutes on 2 cores (medians of three 1 s runs per side).")
  private boolean quick;

  @Option(names = "--smoke", description = "Tiny runs that only prove the harness works (CI).")
  private boolean smoke;

  @Option(names = "--out", paramLabel = "DIR", description = "Where result JSON files, configs and logs go (default: ${DEFAULT-VALUE}).")
  private Path out = Path.of("target", "bench-results"); // target/ is git-ignored

  @Option(names = "--server-jar", paramLabel = "JAR", description = "Dispatch server jar (default: dispatch-server/target/dispatch-server.jar, found upwards from here; else this class path).")
  private Path serverJar;

  @Option(names = "--mosquitto", paramLabel = "PATH", description = "mosquitto executable (default: /usr/sbin/mosquitto if present).")
  private Path mosquitto;

  @Option(names = "--server-heap", paramLabel = "SIZE", description = "-Xmx of the server JVM (default: ${DEFAULT-VALUE}).")
  private String serverHeap = "1g";

  @Option(names = "--threads", paramLabel = "N", description = "Generator event-loop threads (default: ${DEFAULT-VALUE}).")
  private int threads = 2;

  @Option(names = "--transport", paramLabel = "NAME", description = "Netty I/O transport of every process of the run "
      + "(generator, server, floor, link peers): auto (epoll where available), nio, epoll or io_uring (default: ${DEFAULT-VALUE}).")
  private String transport = "auto";

  @Option(names = "--jfr", description = "Record the server JVM with JFR in relay and route and print its hottest methods.")
  private boolean jfr;

  @Option(names = "--idle-connections", paramLabel = "N", description = "Override the idle scenario's connection count.")
  private Integer idleConnections;

  @Option(names = "--rates", split = ",", paramLabel = "RATE", description = "Override the route scenario's request rates per second.")
  private List<Integer> routeRates;

  @Override
  public Integer call() throws Exception {
    PrintWriter printer = spec.commandLine().getOut();
    Profile profile = smoke ? Profile.SMOKE : quick ? Profile.QUICK : Profile.FULL;
    if (idleConnections != null || routeRates != null) {
      profile = new Profile(profile.name(), profile.reps(), profile.warmupMs(), profile.measureMs(), profile.pairCounts(),
          profile.frameSizes(), idleConnections != null ? idleConnections : profile.idleConnections(),
          profile.routeAgents(), profile.routeUsers(), routeRates != null ? routeRates : profile.routeRates(),
          profile.burstPairs(), profile.churnConcurrency(), profile.routeScaleAgents(), profile.routeScaleRate(),
          profile.pipelineWindow());
    }
    List<String> names = new ArrayList<>();
    for (String s : scenarios) {
      if (s.equals("all")) {
        names.addAll(ALL);
      } else if (ALL.contains(s)) {
        names.add(s);
      } else {
        spec.commandLine().getErr().println("unknown scenario " + s + "; use one of " + ALL + " or all");
        return 2;
      }
    }
    if (names.contains("idle")) {
      Integer status = reexecForFileLimit(profile.idleConnections() + 4_096, printer);
      if (status != null) {
        return status;
      }
    }
    BenchEnv env = BenchEnv.discover(out.toAbsolutePath(), serverJar, mosquitto, serverHeap);
    printer.printf(Locale.ROOT, "webassist bench: profile=%s scenarios=%s out=%s%n", profile.name(), names, env.workDir());
    printer.println("server: " + (env.serverJar() != null ? env.serverJar() : "class path of this JVM (no dispatch-server.jar found)"));
    printer.println("mosquitto: " + (env.mosquitto() != null ? env.mosquitto() : MosquittoProcess.INSTALL_HINT));
    printer.println("machine: " + Machine.describe());
    printer.flush();
    NettyTransport chosen;
    try {
      chosen = NettyTransport.choose(transport);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    System.setProperty(ChildProcess.TRANSPORT_PROPERTY, chosen.setting());
    printer.println("transport: " + chosen.setting() + " (generator, server, floor and link peers)");
    List<Report> reports = run(env, profile, names, printer, jfr, threads);
    printer.println();
    printer.println("== targets ==");
    for (Report r : reports) {
      for (Report.TargetCheck t : r.targets()) {
        printer.println(String.format(Locale.ROOT, "%-12s %s: %s", t.met() == null ? "NOT MEASURED" : t.met() ? "MET" : "MISSED",
            t.target(), t.detail() == null ? "" : t.detail()));
      }
    }
    printer.flush();
    return reports.size() == names.size() ? 0 : 1;
  }

  /** Runs {@code names} in order; a scenario that fails is reported and the next one runs. */
  public static List<Report> run(BenchEnv env, Profile profile, List<String> names, PrintWriter printer, boolean jfr,
      int threads) {
    List<Report> reports = new ArrayList<>();
    Map<String, Object> machine = Machine.describe();
    try (LoadGroup load = new LoadGroup(threads,
        NettyTransport.choose(System.getProperty(ChildProcess.TRANSPORT_PROPERTY, "auto")))) {
      BenchContext ctx = new BenchContext(env, profile, load, printer, jfr);
      for (String name : names) {
        long t0 = System.nanoTime();
        printer.println();
        printer.println("-- " + name + " (" + profile.name() + ") --");
        printer.flush();
        try {
          Report report = scenario(name).run(ctx);
          report.setting("elapsedSeconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
          report.setting("generator", load.transport() + ", " + threads + " threads");
          report.print(printer);
          printer.println("wrote " + report.writeJson(env.workDir(), machine));
          reports.add(report);
        } catch (Exception e) {
          printer.println(name + " FAILED: " + e);
          for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            printer.println("  caused by: " + c);
          }
        }
        printer.printf(Locale.ROOT, "%s took %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
        printer.flush();
      }
    }
    return reports;
  }

  static Scenario scenario(String name) {
    return switch (name) {
      case "idle" -> new IdleScenario();
      case "route" -> new RouteScenario();
      case "route-scale" -> new RouteScaleScenario();
      case "relay" -> PairScenario.relay();
      case "relay-pipelined" -> PairScenario.relayPipelined();
      case "direct" -> PairScenario.direct();
      case "burst" -> new BurstScenario();
      case "churn" -> new ChurnScenario();
      default -> throw new IllegalArgumentException(name);
    };
  }

  /**
   * Holding tens of thousands of connections needs as many file descriptors in the generator. If
   * this JVM has fewer, run the same command again in a child JVM whose shell raised the limit
   * (the "raise the open-file limit in the script" step). Returns its status, or null to go on here.
   */
  private Integer reexecForFileLimit(long needed, PrintWriter printer) throws Exception {
    long max = -1;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      max = unix.getMaxFileDescriptorCount();
    }
    if (max < 0 || max >= needed || System.getenv(REEXEC_ENV) != null) {
      return null;
    }
    int achievable = io.webassist.bench.proc.ChildProcess.achievableFileLimit((int) needed + 1_000);
    if (achievable <= max) {
      printer.println("open-file limit " + max + " < " + needed + " and the hard limit cannot be raised here "
          + "(no CAP_SYS_RESOURCE): the idle scenario opens what fits");
      return null;
    }
    List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
    int at = args.indexOf("bench");
    if (at >= 0 && !scenarios.contains("bench")) {
      args = new ArrayList<>(args.subList(at + 1, args.size()));
    }
    List<String> cmd = new ArrayList<>(List.of(io.webassist.bench.proc.ChildProcess.javaExecutable(),
        "-cp", System.getProperty("java.class.path"), BenchMain.class.getName()));
    cmd.addAll(args);
    printer.println("open-file limit " + max + " < " + needed + ": re-running in a JVM with a raised limit");
    printer.flush();
    ProcessBuilder pb = new ProcessBuilder(io.webassist.bench.proc.ChildProcess.withFileLimit((int) needed + 1_000, cmd))
        .inheritIO();
    pb.environment().put(REEXEC_ENV, "1");
    Process p = pb.start();
    try {
      return p.waitFor();
    } finally {
      p.destroy();
    }
  }
}
