package io.webassist.bench.micro;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The CPU time of one whole assignment through the real broker, without sockets:
 * {@link RoutingBenchmark#assignment} run in this thread and timed by the thread's own CPU clock,
 * so other load on the machine (other builds, a generator) barely moves the number, unlike JMH's
 * wall-clock scores. Best of five batches after a warm-up, per {@code agents:waiting} case.
 *
 * <pre>java -cp bench/target/bench.jar io.webassist.bench.micro.RoutingCost 100:0 1000:0 10000:0 1000:1000</pre>
 */
public final class RoutingCost {

  private RoutingCost() {}

  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    String[] cases = args.length > 0 ? args : new String[] {"100:0", "1000:0", "10000:0", "1000:1000"};
    for (String c : cases) {
      String[] p = c.split(":");
      RoutingBenchmark b = new RoutingBenchmark();
      b.agents = Integer.parseInt(p[0]);
      b.waiting = Integer.parseInt(p[1]);
      b.setUp();
      for (int i = 0; i < 200_000; i++) {
        b.assignment();
      }
      long best = Long.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long before = threads.getCurrentThreadCpuTime();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
          b.assignment();
        }
        best = Math.min(best, (threads.getCurrentThreadCpuTime() - before) / n);
      }
      System.out.printf(Locale.ROOT, "agents=%d waiting=%d: %.2f us CPU per assignment (best of 5 x 50,000)%n",
          b.agents, b.waiting, best / 1000.0);
    }
  }
}
