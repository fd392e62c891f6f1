package io.webassist.bench.scenario;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time of a process's own threads — its event loops, timers and workers — without the JVM's
 * (JIT compilers, garbage collector, VM thread), from {@code /proc/<pid>/task/<tid>/stat}. A fresh
 * server spends seconds of a core compiling its hot paths; counting only its own threads shows the
 * cost of the work itself, close to what a warmed-up server pays.
 */
final class ServerThreads {

  /** Thread names (as the kernel keeps them: the first 15 characters) of the JVM's own threads. */
  private static final List<String> JVM_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre", "GC Thread",
      "G1 ", "VM ", "Sweeper", "JFR ", "Common-Cleaner", "Signal Dispatch", "Service Thread", "Monitor Deflati",
      "Notification Th", "Finalizer", "Reference Handl", "Attach Listener", "process reaper");

  private ServerThreads() {}

  /** User + system CPU milliseconds of {@code pid}'s non-JVM threads, or -1 when /proc cannot be read. */
  static long appCpuMillis(long pid) {
    long ticks = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String name = stat.substring(open + 1, close);
          if (JVM_THREADS.stream().anyMatch(name::startsWith)) {
            continue;
          }
          String[] f = stat.substring(close + 2).split(" ");
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return ticks * 10; // USER_HZ is 100 on Linux
  }
}
