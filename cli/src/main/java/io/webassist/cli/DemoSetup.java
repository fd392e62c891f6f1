package io.webassist.cli;

import io.webassist.dispatch.config.AgentConfig;
import io.webassist.dispatch.config.PasswordHasher;
import io.webassist.dispatch.config.RoutingConfig;
import io.webassist.dispatch.config.RoutingRule;
import io.webassist.dispatch.config.ServerConfig;
import java.util.List;

/**
 * The demo's world: two agents and two groups, customer ids starting with {@code vip-} go to the
 * premium team, everyone else to the general one. The example scenarios in docs/scenarios and the
 * end-to-end tests use the same set-up.
 */
public final class DemoSetup {

  public record DemoAgent(String id, String displayName, String password, List<String> groups) {}

  public static final List<DemoAgent> AGENTS = List.of(
      new DemoAgent("alice", "Alice (demo)", "alice-demo", List.of("premium", "general")),
      new DemoAgent("bob", "Bob (demo)", "bob-demo", List.of("general")));

  /** Hashing is deliberately slow; the demo's throw-away passwords need not be. */
  private static final int DEMO_HASH_ITERATIONS = 10_000;

  private DemoSetup() {}

  public static ServerConfig config(String bind, int tcpPort, int httpPort) {
    List<AgentConfig> agents = AGENTS.stream()
        .map(a -> AgentConfig.of(a.id(), a.displayName(), a.groups(),
            PasswordHasher.hash(a.password().toCharArray(), DEMO_HASH_ITERATIONS)))
        .toList();
    return ServerConfig.defaults()
        .withBind(bind)
        .withTcpPort(tcpPort)
        .withHttpPort(httpPort)
        .withAgents(agents)
        .withRouting(new RoutingConfig(List.of(RoutingRule.prefix("premium", "vip-")), "general"));
  }
}
