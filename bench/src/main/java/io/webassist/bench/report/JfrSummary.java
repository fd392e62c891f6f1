package io.webassist.bench.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The hottest methods of a flight recording: {@code jfr print --events jdk.ExecutionSample},
 * counting the top frame of every sample (self time), and separately the first frame from
 * {@code io.webassist} or Jackson in each stack (where the server's own code spends it).
 */
public final class JfrSummary {

  private JfrSummary() {}

  /** Lines like {@code 23.1%  io.netty...method} for the {@code n} hottest top frames; empty if jfr is not there. */
  public static List<String> hottest(Path recording, int n) {
    if (recording == null || !Files.isRegularFile(recording)) {
      return List.of("no flight recording at " + recording);
    }
    Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> own = new HashMap<>();
    int samples = 0;
    try {
      Process p = new ProcessBuilder(jfr.toString(), "print", "--events", "jdk.ExecutionSample", recording.toString())
          .redirectErrorStream(true).start();
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        boolean top = false;
        boolean inStack = false;
        boolean ownSeen = false;
        while ((line = in.readLine()) != null) {
          String t = line.trim();
          if (t.startsWith("stackTrace = [")) {
            top = true;
            inStack = true;
            ownSeen = false;
            samples++;
            continue;
          }
          if (!inStack) {
            continue;
          }
          if (t.equals("]") || t.equals("...")) {
            inStack = !t.equals("]");
            continue;
          }
          String method = t.replaceAll("\\s+line:.*$", "");
          if (top) {
            self.merge(method, 1, Integer::sum);
            top = false;
          }
          if (!ownSeen && (method.startsWith("io.webassist") || method.startsWith("com.fasterxml"))) {
            own.merge(method, 1, Integer::sum);
            ownSeen = true;
          }
        }
      }
      p.waitFor(120, TimeUnit.SECONDS);
    } catch (IOException e) {
      return List.of("jfr print failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of("interrupted");
    }
    int total = Math.max(1, samples);
    List<String> out = new java.util.ArrayList<>();
    out.add(samples + " execution samples; hottest top frames (self):");
    out.addAll(top(self, n, total));
    out.add("first io.webassist / Jackson frame in each stack:");
    out.addAll(top(own, Math.max(3, n / 2), total));
    return out;
  }

  private static List<String> top(Map<String, Integer> counts, int n, int total) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n)
        .map(e -> String.format(Locale.ROOT, "  %5.1f%%  %s", 100.0 * e.getValue() / total, e.getKey()))
        .collect(Collectors.toList());
  }
}
