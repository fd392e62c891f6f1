package io.webassist.bench.micro;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The CPU time of {@link HotFrameCodecBenchmark}'s operations, timed by this thread's own CPU clock
 * (so the other builds on a shared machine barely move the number, unlike JMH's wall-clock scores):
 * best of five batches after a warm-up, per frame, in ns of CPU per operation.
 *
 * <pre>java -cp bench/target/bench.jar io.webassist.bench.micro.CodecCost [frame…]</pre>
 */
public final class CodecCost {

  private CodecCost() {}

  /** One operation of the benchmark, as a value so that the JIT cannot drop it. */
  private interface Op {
    long run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    String[] frames = args.length > 0 ? args
        : new String[] {"cobrowse.input", "cobrowse.input-1k", "cobrowse.pointer", "chat.message", "support.offer", "session.start"};
    System.out.printf(Locale.ROOT, "%-18s %10s %10s %14s  (ns of CPU per operation, best of 5 x 100,000)%n",
        "frame", "decode", "encode", "encodeToWire");
    for (String frame : frames) {
      HotFrameCodecBenchmark b = new HotFrameCodecBenchmark();
      b.frameType = frame;
      b.setUp();
      try {
        double decode = cost(threads, () -> keep(b.decode()));
        double encode = cost(threads, b::encode);
        double wire = cost(threads, b::encodeToWire);
        System.out.printf(Locale.ROOT, "%-18s %10.0f %10.0f %14.0f%n", frame, decode, encode, wire);
      } finally {
        b.tearDown();
      }
    }
  }

  /** The last frame decoded: kept where the JIT must assume it is read (hashing it would time the hashing). */
  static volatile Object last;

  private static long keep(Object frame) {
    last = frame;
    return 1;
  }

  private static double cost(ThreadMXBean threads, Op op) throws Exception {
    long sink = 0;
    for (int i = 0; i < 300_000; i++) {
      sink += op.run();
    }
    long best = Long.MAX_VALUE;
    int n = 100_000;
    for (int round = 0; round < 5; round++) {
      long before = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink += op.run();
      }
      best = Math.min(best, threads.getCurrentThreadCpuTime() - before);
    }
    if (sink == 42) {
      System.out.print(""); // keeps sink alive
    }
    return (double) best / n;
  }
}
