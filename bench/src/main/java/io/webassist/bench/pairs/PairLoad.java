package io.webassist.bench.pairs;

import io.webassist.bench.report.Stats;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One timed run over a set of pairs: start them all, warm up, measure round trips into an
 * HdrHistogram for the measured interval only, stop, and wait for the frames in flight. Closed
 * loop (each pair sends its next frame when a reply comes), so there is no target rate and no
 * coordinated omission to correct: a slow reply delays the next send, and the rate shows it.
 */
public final class PairLoad {

  private final int window;
  private final FrameFactory lines;
  private final FrameFactory payloads;
  private final Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
  private final LongAdder replies = new LongAdder();
  private volatile boolean running = true;
  private volatile boolean measuring;

  public PairLoad(int frameBytes, int window) {
    this.window = window;
    this.lines = new FrameFactory(frameBytes, true);
    this.payloads = new FrameFactory(frameBytes, false);
  }

  int window() {
    return window;
  }

  FrameFactory frames(boolean newline) {
    return newline ? lines : payloads;
  }

  boolean running() {
    return running;
  }

  void record(long rttNanos) {
    if (measuring) {
      recorder.recordValue(Math.min(rttNanos, TimeUnit.SECONDS.toNanos(60)));
      replies.increment();
    }
  }

  /** Runs {@code origins} for warm-up + measure; the result counts two frames per round trip. */
  public Stats run(List<OriginEnd> origins, long warmupMs, long measureMs) throws InterruptedException {
    origins.forEach(o -> o.start(this));
    Thread.sleep(warmupMs);
    recorder.reset();
    replies.reset();
    measuring = true;
    long t0 = System.nanoTime();
    Thread.sleep(measureMs);
    measuring = false;
    long elapsed = System.nanoTime() - t0;
    Histogram h = recorder.getIntervalHistogram();
    long n = replies.sum();
    running = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    boolean drained = false;
    while (System.nanoTime() < deadline) {
      if (origins.stream().allMatch(o -> o.inFlight() == 0)) {
        drained = true;
        break;
      }
      Thread.sleep(10);
    }
    double seconds = elapsed / 1e9;
    return Stats.of(h, n, seconds, 2.0 * n / seconds, drained ? null : "frames still in flight 5 s after the stop");
  }

  public int lineBytes() {
    return lines.lineBytes();
  }
}
