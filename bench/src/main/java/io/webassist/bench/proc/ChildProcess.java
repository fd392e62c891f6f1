package io.webassist.bench.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A process the benchmark started (server JVM, floor, peer JVM, Mosquitto). It is stopped when
 * closed, and — through one shutdown hook for all of them — when the benchmark itself exits or is
 * interrupted, so no server outlives a failed run.
 */
public class ChildProcess implements AutoCloseable {

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "bench-children"));
  }

  private final String name;
  private final Process process;
  private final CompletableFuture<String> ready = new CompletableFuture<>();

  /**
   * Starts {@code command}; stderr goes to {@code log}; each stdout line goes to {@code lines}, and
   * the first that starts with {@code readyPrefix} completes {@link #awaitReady}.
   */
  public ChildProcess(String name, List<String> command, Path log, String readyPrefix, Consumer<String> lines)
      throws IOException {
    this.name = name;
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    this.process = builder.start();
    LIVE.add(process);
    Thread reader = new Thread(() -> readStdout(readyPrefix, lines), name + "-stdout");
    reader.setDaemon(true);
    reader.start();
    process.onExit().thenRun(() -> ready.completeExceptionally(
        new IOException(name + " exited with status " + process.exitValue() + " before it was ready; see " + log)));
  }

  private void readStdout(String readyPrefix, Consumer<String> lines) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (readyPrefix != null && line.startsWith(readyPrefix)) {
          ready.complete(line);
        }
        lines.accept(line);
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
  }

  /** Waits (bounded) for the ready line and returns it. */
  public String awaitReady(long seconds) throws IOException, InterruptedException {
    try {
      return ready.get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IOException(name + " not ready after " + seconds + " s");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause().getMessage(), e.getCause());
    }
  }

  public long pid() {
    return process.pid();
  }

  public String name() {
    return name;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM (so a JVM writes its flight recording), then SIGKILL after 20 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      LIVE.remove(process);
    }
  }

  /**
   * Starts {@code mainClass} of this benchmark in a child JVM on this JVM's class path (the
   * shaded jar, or the test class path), with the open-file limit raised.
   */
  /** The I/O transport setting every process of a run uses (the generator, the floor, the link peers). */
  public static final String TRANSPORT_PROPERTY = "webassist.transport";

  public static ChildProcess javaMain(BenchEnv env, String name, String mainClass, List<String> args,
      String readyPrefix, Consumer<String> lines) throws IOException {
    List<String> cmd = new java.util.ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-XX:+UseG1GC",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dio.netty.leakDetection.level=disabled",
        "-D" + TRANSPORT_PROPERTY + "=" + System.getProperty(TRANSPORT_PROPERTY, "auto"),
        "-cp", System.getProperty("java.class.path"), mainClass));
    cmd.addAll(args);
    return new ChildProcess(name, withFileLimit(65_536, cmd), env.workDir().resolve(name + ".log"), readyPrefix, lines);
  }

  /**
   * The open-file limit a child started through {@link #withFileLimit} will really get when it asks
   * for {@code wanted}: the hard limit can only be raised with CAP_SYS_RESOURCE (not in every container).
   */
  public static int achievableFileLimit(int wanted) {
    try {
      Process p = new ProcessBuilder("/bin/bash", "-c",
          "ulimit -Hn " + wanted + " 2>/dev/null; ulimit -n " + wanted + " 2>/dev/null || ulimit -n $(ulimit -Hn); ulimit -n")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      return out.equals("unlimited") ? wanted : Math.min(wanted, Integer.parseInt(out.lines().reduce((a, b) -> b).orElse("0")));
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The java executable of this JVM, for child JVMs. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Runs {@code command} in a shell that first raises the open-file limit (root may raise the
   * hard limit; others get what the hard limit allows), then execs it so the pid stays the same.
   */
  public static List<String> withFileLimit(int files, List<String> command) {
    StringBuilder sh = new StringBuilder("ulimit -Hn " + files + " 2>/dev/null; ulimit -n " + files
        + " 2>/dev/null || ulimit -n $(ulimit -Hn); exec");
    for (String arg : command) {
      sh.append(" '").append(arg.replace("'", "'\\''")).append('\'');
    }
    return List.of("/bin/bash", "-c", sh.toString());
  }
}
