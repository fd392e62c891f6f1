package io.webassist.bench.micro;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.agents.AgentRegistry;
import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.config.AgentConfig;
import io.webassist.dispatch.config.RoutingConfig;
import io.webassist.dispatch.config.RoutingRule;
import io.webassist.dispatch.routing.RoutingRules;
import io.webassist.protocol.frame.Availability;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The routing decision: {@code RoutingRules.groupFor} over the route scenario's rules (prefix,
 * 100 exact ids, pattern, default), and the choice of agent within a group as the dispatcher makes
 * it (available with a free slot, fewest taken slots, then longest idle — the same stream over
 * {@code AgentRegistry.LONGEST_IDLE_FIRST}; the dispatcher itself is package-private).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RoutingBenchmark {

  /** Agents in the group the choice is made in. */
  @Param({"25", "250", "1000"})
  public int groupSize;

  private RoutingRules rules;
  private List<Agent> group;
  private String[] customerIds;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    List<String> billing = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      billing.add("bill-" + i);
    }
    rules = new RoutingRules(new RoutingConfig(List.of(
        RoutingRule.prefix("premium", "vip-"),
        new RoutingRule(RoutingRule.Match.EXACT, billing, "billing"),
        RoutingRule.pattern("tech", "t-[0-9]+")), "general"));
    customerIds = new String[1024];
    for (int i = 0; i < customerIds.length; i++) {
      customerIds[i] = switch (i % 4) {
        case 0 -> "vip-" + i;
        case 1 -> "bill-" + (i % 100);
        case 2 -> "t-" + i;
        default -> "c-" + i;
      };
    }
    List<AgentConfig> configs = new ArrayList<>();
    for (int k = 0; k < groupSize; k++) {
      configs.add(new AgentConfig("a-" + k, "Agent " + k, List.of("general"), 1 + k % 5, "unused"));
    }
    AgentRegistry registry = new AgentRegistry(configs);
    ClientLink link = (ClientLink) Proxy.newProxyInstance(ClientLink.class.getClassLoader(),
        new Class<?>[] {ClientLink.class}, (proxy, method, args) -> method.getReturnType() == String.class ? "bench" : null);
    long now = 1_000;
    for (Agent a : registry.inGroup("general")) {
      a.attach(link, Availability.AVAILABLE, now++);
      if (a.order() % 3 == 0) {
        a.tryReserve(); // a third of them busy with one session
      }
    }
    group = registry.inGroup("general");
  }

  @Benchmark
  public String groupFor() {
    return rules.groupFor(customerIds[next++ & 1023]);
  }

  @Benchmark
  public Optional<Agent> chooseAgent() {
    return group.stream()
        .filter(Agent::canTakeOffer)
        .sorted(AgentRegistry.LONGEST_IDLE_FIRST)
        .findFirst();
  }
}
