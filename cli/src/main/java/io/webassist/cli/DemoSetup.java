package io.webassist.cli;

import io.webassist.dispatch.config.AgentConfig;
import io.webassist.dispatch.config.PasswordHasher;
import io.webassist.dispatch.config.RoutingConfig;
import io.webassist.dispatch.config.RoutingRule;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.protocol.frame.CannedReply;
import java.util.List;
import java.util.Map;

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

  /** Ready-made chat answers, as an operator would configure them per group (the console's Replies, or "/"). */
  static final Map<String, List<CannedReply>> CANNED_REPLIES = Map.of(
      "general", List.of(
          new CannedReply("general", "hello", "Hello, I'm here to help. I can see the page you are on."),
          new CannedReply("general", "wait", "One moment please, I'm looking into it."),
          new CannedReply("general", "guide", "May I guide you on this page? Please press Allow in the help window."),
          new CannedReply("general", "bye", "Glad I could help. Have a nice day!")),
      "premium", List.of(
          new CannedReply("premium", "hello", "Hello, welcome to premium support. How can I help?"),
          new CannedReply("premium", "callback", "I can call you back on the number you gave us, if you prefer.")));

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
        .withRouting(new RoutingConfig(List.of(RoutingRule.prefix("premium", "vip-")), "general", null, CANNED_REPLIES));
  }
}
