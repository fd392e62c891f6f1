package io.webassist.bench.micro;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.agents.AgentRegistry;
import io.webassist.dispatch.broker.BrokerSettings;
import io.webassist.dispatch.broker.Scheduler;
import io.webassist.dispatch.broker.SupportBroker;
import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.config.AgentConfig;
import io.webassist.dispatch.config.LoginPolicy;
import io.webassist.dispatch.config.RoutingConfig;
import io.webassist.dispatch.config.RoutingRule;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.dispatch.routing.RoutingRules;
import io.webassist.dispatch.sessions.SessionRegistry;
import io.webassist.protocol.frame.AgentStatus;
import io.webassist.protocol.frame.Availability;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportRequest;
import java.util.ArrayList;
import java.util.List;
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
 * The routing decision and one whole assignment through the real broker and its group lane.
 * {@code groupFor}: {@code RoutingRules.groupFor} over the route scenario's rules (prefix, 100
 * exact ids, pattern, default). {@code assignment}: with every agent of the group busy and
 * {@code waiting} requests queued, one cycle of a request arriving at the back, a session ending,
 * its agent being offered the request at the front and accepting it — so the queue keeps its
 * length. Each assignment should cost about the same whatever {@code waiting} and {@code agents}
 * are: the queue keeps its waiting requests apart and each group keeps its free agents in offer
 * order ({@code OfferableAgents}). Frames go to in-memory links; time does not move
 * (position updates, coalesced per interval in the server, are not part of the cycle).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RoutingBenchmark {

  /** Agents in the group (each with one slot, all busy between cycles but one moment). */
  @Param({"100", "1000", "10000"})
  public int agents;

  /** Requests waiting in the group's queue throughout. */
  @Param({"0", "1000"})
  public int waiting;

  private RoutingRules rules;
  private String[] customerIds;
  private int next;
  private SupportBroker broker;
  private List<Agent> group;
  private Console[] consoles;
  private int turn;

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
    setUpBroker();
  }

  private void setUpBroker() {
    List<AgentConfig> configs = new ArrayList<>();
    for (int k = 0; k < agents; k++) {
      configs.add(new AgentConfig("a-" + k, "Agent " + k, List.of("general"), 1, "unused"));
    }
    AgentRegistry registry = new AgentRegistry(configs);
    StillClock clock = new StillClock();
    BrokerSettings settings = new BrokerSettings(30_000, 15_000, waiting + agents + 10, 250, 1, Integer.MAX_VALUE,
        false, LoginPolicy.TAKEOVER, List.of(), false, link -> new Endpoint("relay.bench", 7400));
    broker = new SupportBroker(registry, new RoutingRules(RoutingConfig.defaults()), new SessionRegistry(clock::now),
        clock, new Metrics(), settings);
    group = registry.inGroup("general");
    consoles = new Console[agents];
    for (int k = 0; k < agents; k++) {
      consoles[k] = new Console("console-" + k);
      broker.login(group.get(k), consoles[k]);
      broker.status(group.get(k), consoles[k], new AgentStatus(Availability.AVAILABLE));
    }
    for (int k = 0; k < agents; k++) { // every agent gets a session
      submit();
    }
    for (int k = 0; k < agents; k++) {
      broker.accept(group.get(k), consoles[k], consoles[k].offered);
    }
    for (int i = 0; i < waiting; i++) {
      submit();
    }
  }

  private void submit() {
    broker.submit(new UserClient(new Console("user"), "198.51.100.7"),
        new SupportRequest("User", "+1 555 0100", null, "https://shop.example/cart", null));
  }

  @Benchmark
  public String groupFor() {
    return rules.groupFor(customerIds[next++ & 1023]);
  }

  /** One request in at the back, one session over, the front request offered to that agent and accepted. */
  @Benchmark
  public String assignment() {
    submit();
    int k = turn;
    turn = (turn + 1) % agents;
    Console console = consoles[k];
    broker.endSession(console, console.session, "resolved");
    broker.accept(group.get(k), console, console.offered);
    return console.session;
  }

  /** A console or user link that keeps the last offer and session it was sent. */
  private static final class Console implements ClientLink {
    private final String id;
    String offered;
    String session;

    Console(String id) {
      this.id = id;
    }

    @Override
    public String connectionId() {
      return id;
    }

    @Override
    public void send(Frame frame) {
      if (frame instanceof SupportOffer offer) {
        offered = offer.requestId();
      } else if (frame instanceof SessionStart start) {
        session = start.sessionId();
      }
    }

    @Override
    public void close(ErrorFrame last) {}

    @Override
    public String localHost() {
      return "127.0.0.1";
    }
  }

  /** Time stands still; nothing scheduled runs (offers never expire within a cycle). */
  private static final class StillClock implements Scheduler {
    @Override
    public long now() {
      return 1_000_000;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMs) {
      return () -> { };
    }
  }
}
