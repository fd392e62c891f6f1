package io.webassist.bench.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of another process: Java heap in use after a full GC ({@code jcmd <pid> GC.run}, then
 * {@code GC.heap_info}) and resident set size from {@code /proc/<pid>/status}.
 */
public final class ProcessStats {

  private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");
  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  private ProcessStats() {}

  /** Bytes of heap in use after a full GC, or -1 if jcmd is not there or failed. */
  public static long heapUsedAfterGc(long pid) {
    try {
      jcmd(pid, "GC.run");
      String info = jcmd(pid, "GC.heap_info");
      Matcher m = HEAP_USED.matcher(info);
      return m.find() ? Long.parseLong(m.group(2)) * 1024 : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);

  /**
   * Live objects by class ({@code jcmd <pid> GC.class_histogram}, which runs a full GC first):
   * class name → {instances, bytes}; empty if jcmd failed.
   */
  public static java.util.Map<String, long[]> classHistogram(long pid) {
    java.util.Map<String, long[]> out = new java.util.HashMap<>();
    try {
      Matcher m = HISTOGRAM_ROW.matcher(jcmd(pid, "GC.class_histogram"));
      while (m.find()) {
        out.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
      }
    } catch (IOException e) {
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  /**
   * The {@code top} classes whose live bytes grew most between two {@link #classHistogram}s, per
   * {@code per} (connections): "1,234 B/conn  2.0 objects/conn  io.netty...".
   */
  public static List<String> histogramGrowth(java.util.Map<String, long[]> before, java.util.Map<String, long[]> after,
      long per, int top) {
    List<String> rows = new ArrayList<>();
    after.entrySet().stream()
        .map(e -> {
          long[] b = before.getOrDefault(e.getKey(), new long[2]);
          return java.util.Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]});
        })
        .filter(e -> e.getValue()[1] > 0)
        .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
        .limit(top)
        .forEach(e -> rows.add(String.format(java.util.Locale.ROOT, "%6.0f B/conn %5.1f objects/conn  %s",
            (double) e.getValue()[1] / per, (double) e.getValue()[0] / per, e.getKey())));
    return rows;
  }

  /** Resident set size in bytes, or -1. */
  public static long rss(long pid) {
    try {
      Matcher m = RSS.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
      return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** CPU time of the process in milliseconds from /proc/pid/stat: {user, system}, or {-1, -1}. */
  public static long[] cpuMillis(long pid) {
    if (pid < 0) {
      return new long[] {-1, -1};
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[11]) * 10, Long.parseLong(f[12]) * 10}; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }

  /** CPU use between two {@link #cpuMillis} readings as a percentage of {@code wallMs} (one core = 100), or NaN. */
  public static double cpuPercent(long[] before, long[] after, double wallMs) {
    if (before[0] < 0 || after[0] < 0 || wallMs <= 0) {
      return Double.NaN;
    }
    return 100.0 * ((after[0] + after[1]) - (before[0] + before[1])) / wallMs;
  }

  /** "user 3.1 s, system 5.2 s (63% in the kernel)" between two {@link #cpuMillis} readings. */
  public static String cpuDelta(long[] before, long[] after) {
    if (before[0] < 0 || after[0] < 0) {
      return "not available";
    }
    double user = (after[0] - before[0]) / 1000.0;
    double sys = (after[1] - before[1]) / 1000.0;
    return String.format(java.util.Locale.ROOT, "user %.1f s, system %.1f s (%.0f%% in the kernel)", user, sys,
        100 * sys / Math.max(0.001, user + sys));
  }

  static String jcmd(long pid, String command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid), command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("jcmd timed out");
    }
    if (p.exitValue() != 0) {
      throw new IOException("jcmd " + command + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
