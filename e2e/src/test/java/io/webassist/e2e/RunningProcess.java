package io.webassist.e2e;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A WebAssist program running in its own JVM, as a person or an operator would start it: the test
 * types lines on its standard input and waits for lines on its output.
 */
final class RunningProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Writer stdin;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private RunningProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readOutput, name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code java -jar jar args…} with the JVM that runs the tests. */
  static RunningProcess startJar(String name, Path jar, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    try {
      return new RunningProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Types one line on the program's standard input. */
  void type(String line) {
    try {
      stdin.write(line + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(name + " no longer reads its input", e);
    }
  }

  /** Waits for an output line that satisfies {@code matching}, and returns it. */
  String awaitLine(String description, Predicate<String> matching) {
    try {
      return await(name + " prints " + description).atMost(Duration.ofSeconds(30))
          .until(() -> lines.stream().filter(matching).findFirst().orElse(null), line -> line != null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(name + " did not print " + description + " within 30 s; " + this, e);
    }
  }

  /** Waits for a line containing {@code text} among those printed after the first {@code skip} lines. */
  String awaitLineAfter(int skip, String text) {
    try {
      return await(name + " prints '" + text + "' after line " + skip).atMost(Duration.ofSeconds(30)).until(() -> {
        List<String> all = List.copyOf(lines);
        return all.subList(Math.min(skip, all.size()), all.size()).stream()
            .filter(line -> line.contains(text)).findFirst().orElse(null);
      }, line -> line != null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(name + " did not print '" + text + "' after line " + skip + " within 30 s; " + this, e);
    }
  }

  String awaitLineContaining(String text) {
    return awaitLine("'" + text + "'", line -> line.contains(text));
  }

  List<String> output() {
    return List.copyOf(lines);
  }

  private void readOutput() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("[output closed: " + e.getMessage() + "]");
    }
  }

  /** Kills the program at once, as a crash would: no shutdown hooks, no goodbye on the wire. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until {@code times} output lines contain {@code text}. */
  void awaitLinesContaining(String text, int times) {
    awaitLine(times + " lines with '" + text + "'", line -> countLinesContaining(text) >= times);
  }

  /** How many output lines contain {@code text}. */
  long countLinesContaining(String text) {
    return lines.stream().filter(line -> line.contains(text)).count();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return name + " output:\n  " + String.join("\n  ", lines);
  }
}
