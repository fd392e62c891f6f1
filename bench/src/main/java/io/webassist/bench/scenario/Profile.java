package io.webassist.bench.scenario;

import java.util.List;

/**
 * How big and how long each scenario runs. {@link #FULL} is what the issue asks for; {@link #QUICK}
 * fits {@code bench all --quick} in under five minutes on two cores (three
 * one-second runs per side instead of three five-second runs); {@link #SMOKE} only proves the harness works
 * (CI, seconds per scenario).
 *
 * @param name full, quick or smoke
 * @param reps runs per side, medians reported
 * @param warmupMs warm-up before each measured interval
 * @param measureMs measured interval
 * @param pairCounts relay/direct pair counts
 * @param frameSizes relay/direct frame sizes in bytes (line end included)
 * @param idleConnections idle scenario connection count
 * @param routeAgents route scenario agents
 * @param routeUsers route scenario user connections (each holds one request at a time)
 * @param routeRates route scenario request rates per second
 * @param burstPairs pairs sending bursts
 * @param churnConcurrency connection loops running at once in churn
 * @param routeScaleAgents route-scale agent counts
 * @param routeScaleRate route-scale request rate per second
 * @param pipelineWindow frames in flight per pair in relay-pipelined
 */
public record Profile(String name, int reps, long warmupMs, long measureMs, List<Integer> pairCounts,
    List<Integer> frameSizes, int idleConnections, int routeAgents, int routeUsers, List<Integer> routeRates,
    int burstPairs, int churnConcurrency, List<Integer> routeScaleAgents, int routeScaleRate, int pipelineWindow) {

  public static final Profile FULL = new Profile("full", 3, 1_000, 5_000, List.of(1, 16, 64, 256),
      List.of(64, 1024), 50_000, 1_000, 2_000, List.of(500, 1_000, 2_000, 5_000, 10_000, 20_000), 16, 64,
      List.of(100, 1_000, 10_000), 2_000, 16);

  public static final Profile QUICK = new Profile("quick", 3, 300, 1_000, List.of(1, 16, 64),
      List.of(64, 1024), 10_000, 1_000, 1_000, List.of(500, 1_000, 2_000, 10_000), 16, 32,
      List.of(100, 1_000, 10_000), 1_000, 16);

  public static final Profile SMOKE = new Profile("smoke", 1, 100, 400, List.of(1, 4),
      List.of(64), 200, 20, 20, List.of(200), 2, 4,
      List.of(10), 100, 4);

  public int maxPairs() {
    return pairCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
  }
}
