package io.webassist.script;

import io.webassist.protocol.codec.NdjsonCodec;
import io.webassist.script.interactive.InteractiveConsole;
import io.webassist.script.report.ConsoleReporter;
import io.webassist.script.report.JUnitXmlReport;
import io.webassist.script.run.Outcome;
import io.webassist.script.run.Result;
import io.webassist.script.run.RunOptions;
import io.webassist.script.run.ScenarioRunner;
import io.webassist.script.scenario.HostPort;
import io.webassist.script.scenario.Scenario;
import io.webassist.script.scenario.ScenarioParser;
import io.webassist.script.scenario.ScenarioSyntaxException;
import io.webassist.script.transport.LineSecurity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code webassist script}: runs scenario files against a dispatch server, or opens a line console
 * with {@code --interactive}. Exit codes: 0 every scenario passed, 1 one failed, 2 unusable input
 * (a bad scenario file, an unreachable server, wrong options). docs/SCRIPTING.md is the manual.
 */
@Command(
    name = "script",
    mixinStandardHelpOptions = true,
    description = {
        "Runs scenario files against a running dispatch server (docs/SCRIPTING.md).",
        "Named actors connect, send frames and expect frames back.",
        "Exit codes: 0 all passed, 1 a scenario failed, 2 unusable input (bad file, server unreachable)."})
public final class ScriptCommand implements Callable<Integer> {

  public static final int PASSED = 0;
  public static final int FAILED = 1;
  public static final int UNUSABLE = 2;

  @Option(names = "--server", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7400",
      description = "Dispatch server that 'connect' goes to (default: ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--server-fingerprint", paramLabel = "FP",
      description = "SHA-256 fingerprint of the dispatch server's certificate (it prints it at start): every "
          + "connection is TLS, and 'connect' trusts only that certificate. Required unless --insecure.")
  String serverFingerprint;

  @Option(names = "--insecure", description = "Plain TCP for every connection (a server started with --insecure).")
  boolean insecure;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit-XML report to FILE.")
  Path junit;

  @Option(names = "--timeout-ms", paramLabel = "N", defaultValue = "5000",
      description = "Time limit of a step that gives none (default: ${DEFAULT-VALUE}).")
  long timeoutMs;

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Sets a variable before each scenario; repeatable.")
  Map<String, String> variables = new LinkedHashMap<>();

  @Option(names = "--max-line", paramLabel = "BYTES", description = "Longest line accepted (default: ${DEFAULT-VALUE}).")
  int maxLineLength = NdjsonCodec.DEFAULT_MAX_LINE_LENGTH;

  @Option(names = "--interactive", description = "Open a line console instead of running files.")
  boolean interactive;

  @Option(names = "--check", description = "Only check the files for problems; connect nothing.")
  boolean checkOnly;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Scenario files (.scn), run in order.")
  List<Path> files = new ArrayList<>();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private InputStream stdin = System.in;

  /** The command line for this command alone; tests and {@link ScriptMain} use it. */
  public static CommandLine commandLine() {
    return new CommandLine(new ScriptCommand());
  }

  /** Where {@code --interactive} reads commands from; standard input unless a test says otherwise. */
  public ScriptCommand withInput(InputStream in) {
    this.stdin = in;
    return this;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HostPort serverAddress;
    try {
      serverAddress = HostPort.parse(server);
    } catch (IllegalArgumentException e) {
      err.println("--server: " + e.getMessage());
      return UNUSABLE;
    }
    if (timeoutMs < 1) {
      err.println("--timeout-ms must be at least 1");
      return UNUSABLE;
    }
    Duration timeout = Duration.ofMillis(timeoutMs);
    LineSecurity security = security(err);
    if (security == null && (!checkOnly || serverFingerprint != null)) {
      return UNUSABLE;
    }
    if (interactive) {
      BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      return new InteractiveConsole(serverAddress, timeout, maxLineLength, security, out).run(in);
    }
    if (files.isEmpty()) {
      err.println("no scenario files given (or use --interactive)");
      return UNUSABLE;
    }
    RunOptions options = new RunOptions(serverAddress, timeout, maxLineLength, variables,
        security != null ? security : LineSecurity.insecure()); // --check connects nothing
    return runFiles(options, out, err);
  }

  /** TLS pinned to {@code --server-fingerprint}, or plain with {@code --insecure} (warned about); null, with the reason on {@code err}, if neither or both. */
  private LineSecurity security(PrintWriter err) {
    if (insecure && serverFingerprint != null) {
      err.println("give either --server-fingerprint or --insecure, not both");
      return null;
    }
    if (insecure) {
      err.println("WARNING: --insecure: plain TCP, nothing is encrypted and the dispatch server is not authenticated");
      return LineSecurity.insecure();
    }
    if (serverFingerprint == null) {
      if (!checkOnly) {
        err.println("--server-fingerprint FP is required (the SHA-256 fingerprint the dispatch server prints at start),"
            + " or --insecure for a plain-TCP server");
      }
      return null;
    }
    try {
      return LineSecurity.pinned(serverFingerprint);
    } catch (IllegalArgumentException e) {
      err.println("--server-fingerprint: " + e.getMessage());
      return null;
    }
  }

  private int runFiles(RunOptions options, PrintWriter out, PrintWriter err) throws IOException {
    // every file is checked before anything connects
    ScenarioParser parser = new ScenarioParser(variables.keySet());
    List<Scenario> scenarios = new ArrayList<>();
    List<Result> unusable = new ArrayList<>();
    for (Path file : files) {
      try {
        scenarios.add(parser.parse(file));
      } catch (ScenarioSyntaxException e) {
        err.println(e.getMessage());
        String name = file.getFileName().toString().replaceFirst("\\.scn$", "");
        unusable.add(Result.unusable(name, file, e.getMessage()));
      }
    }
    if (!unusable.isEmpty()) {
      err.println(unusable.size() + " scenario file(s) cannot be used; nothing was run");
      writeJunit(unusable, err);
      return UNUSABLE;
    }
    if (checkOnly) {
      out.println(scenarios.size() + " scenario file(s) OK");
      return PASSED;
    }
    ConsoleReporter reporter = new ConsoleReporter(out);
    ScenarioRunner runner = new ScenarioRunner(options, reporter);
    List<Result> results = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      results.add(runner.run(scenario));
    }
    reporter.totals(results);
    writeJunit(results, err);
    return exitCode(results);
  }

  private void writeJunit(List<Result> results, PrintWriter err) throws IOException {
    if (junit != null) {
      JUnitXmlReport.write(results, junit);
      err.println("JUnit report: " + junit);
    }
  }

  /** 2 if any scenario could not run, else 1 if any failed, else 0. */
  static int exitCode(List<Result> results) {
    if (results.stream().anyMatch(r -> r.outcome() == Outcome.ERROR)) {
      return UNUSABLE;
    }
    return results.stream().allMatch(Result::passed) ? PASSED : FAILED;
  }
}
