package io.webassist.dispatch.testing;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.agents.AgentRegistry;
import io.webassist.dispatch.broker.BrokerSettings;
import io.webassist.dispatch.broker.SupportBroker;
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
import io.webassist.protocol.frame.SupportRequest;
import java.util.List;
import java.util.function.UnaryOperator;

/** A {@link SupportBroker} with real collaborators, a manual clock and recording links. */
public final class BrokerFixture {

  public static final long OFFER_TIMEOUT_MS = 30_000;
  public static final long COOLDOWN_MS = 15_000;
  /** Waiting users hear a changed position at most this often; tests advance the clock past it. */
  public static final long POSITION_UPDATE_MS = 250;

  public final ManualScheduler clock = new ManualScheduler();
  public final Metrics metrics = new Metrics();
  public final AgentRegistry agents;
  public final SessionRegistry sessions = new SessionRegistry(clock::now);
  public final SupportBroker broker;

  public BrokerFixture(List<AgentConfig> agentConfigs, List<RoutingRule> rules) {
    this(agentConfigs, rules, 100, LoginPolicy.TAKEOVER);
  }

  public BrokerFixture(List<AgentConfig> agentConfigs, List<RoutingRule> rules, int maxQueued, LoginPolicy policy) {
    this(agentConfigs, rules, maxQueued, policy, 1_000);
  }

  public BrokerFixture(List<AgentConfig> agentConfigs, List<RoutingRule> rules, int maxQueued, LoginPolicy policy,
      int maxPendingPerIp) {
    this(agentConfigs, rules, maxQueued, policy, maxPendingPerIp, UnaryOperator.identity());
  }

  /** With the settings changed by {@code tune}, e.g. {@code s -> s.withQueueStatusMs(500)}. */
  public BrokerFixture(List<AgentConfig> agentConfigs, List<RoutingRule> rules, UnaryOperator<BrokerSettings> tune) {
    this(agentConfigs, rules, 100, LoginPolicy.TAKEOVER, 1_000, tune);
  }

  public BrokerFixture(List<AgentConfig> agentConfigs, List<RoutingRule> rules, int maxQueued, LoginPolicy policy,
      int maxPendingPerIp, UnaryOperator<BrokerSettings> tune) {
    agents = new AgentRegistry(agentConfigs);
    BrokerSettings settings = tune.apply(new BrokerSettings(OFFER_TIMEOUT_MS, COOLDOWN_MS, maxQueued,
        POSITION_UPDATE_MS, 1, maxPendingPerIp, false, policy, List.of(), false,
        link -> new Endpoint("relay.example", 7400)));
    broker = new SupportBroker(agents, new RoutingRules(new RoutingConfig(rules, "general")), sessions, clock,
        metrics, settings);
  }

  public Agent agent(String id) {
    return agents.find(id).orElseThrow();
  }

  /** Logs the agent in on a new link and makes it available; the agent.ready is taken off the record. */
  public RecordingLink loginAvailable(String id) {
    RecordingLink link = new RecordingLink("console-" + id);
    broker.login(agent(id), link);
    link.take();
    broker.status(agent(id), link, new AgentStatus(Availability.AVAILABLE));
    return link;
  }

  /** A user with its own link, from {@code ip}. */
  public UserClient user(String name, String ip) {
    return new UserClient(new RecordingLink("user-" + name), ip);
  }

  public static RecordingLink linkOf(UserClient user) {
    return (RecordingLink) user.link();
  }

  public static SupportRequest request(String name, String customerId) {
    return new SupportRequest(name, "+1 555 0100", customerId, "https://shop.example/cart?item=7",
        new Endpoint("192.168.1.20", 50123));
  }
}
