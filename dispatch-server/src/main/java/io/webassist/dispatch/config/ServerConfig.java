package io.webassist.dispatch.config;

import java.util.List;
import java.util.Objects;

/**
 * Everything the dispatch server is configured with. Made by {@link ConfigLoader#load} from the
 * JSON file, or in code from {@link #defaults()} and the {@code with…} methods:
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.defaults()
 *     .withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
 *     .withAgents(List.of(AgentConfig.of("alice", "Alice", List.of("general"), PasswordHasher.hash(pw))))
 *     .withRouting(new RoutingConfig(List.of(RoutingRule.prefix("premium", "VIP-")), "general"));
 * }</pre>
 *
 * @param bind address both listeners bind to
 * @param tcpPort port for users, agents and the relay (NDJSON); 0 picks a free port
 * @param httpPort port for health, metrics and the demo site; 0 picks a free port
 * @param publicHost host name clients should use to reach the relay; null means the address each
 *     client reached this server on
 * @param agents the agents who may log in
 * @param routing customer id → group rules
 * @param offerTimeoutMs how long an agent has to accept an offer before it goes to the next agent
 * @param declineCooldownMs after declining or letting an offer expire, how long an agent is not
 *     offered that same request again (others get it first)
 * @param agentLogin what a second login of a logged-in agent does
 * @param availableOnLogin whether an agent is {@code available} right after login (else {@code away})
 * @param queue queue limits
 * @param limits per-connection limits and timeouts
 * @param cobrowse co-browse navigation policy
 * @param logging what may be logged
 * @param tls how the TCP listener is protected; TLS with a self-signed identity by default
 * @param http the HTTP listener's settings (where the signed client jar is)
 * @param sessionReclaimMs how long a running session waits for a user whose dispatch connection
 *     dropped to reclaim it ({@code support.reclaim}) before it ends as {@code user_left}; 0 ends it at once
 * @param transport the Netty I/O transport: {@code auto} (epoll where available, else NIO),
 *     {@code nio}, {@code epoll} or {@code io_uring}
 */
public record ServerConfig(
    String bind, int tcpPort, int httpPort, String publicHost,
    List<AgentConfig> agents, RoutingConfig routing,
    long offerTimeoutMs, long declineCooldownMs, LoginPolicy agentLogin, boolean availableOnLogin,
    QueueConfig queue, LimitsConfig limits, CobrowseConfig cobrowse, LoggingConfig logging, TlsConfig tls,
    HttpConfig http, long sessionReclaimMs, String transport) {

  /** Epoll where it is available, else NIO. */
  public static final String DEFAULT_TRANSPORT = "auto";

  public static final String DEFAULT_BIND = "0.0.0.0";
  public static final int DEFAULT_TCP_PORT = 7400;
  public static final int DEFAULT_HTTP_PORT = 7480;
  public static final long DEFAULT_OFFER_TIMEOUT_MS = 30_000;
  public static final long DEFAULT_DECLINE_COOLDOWN_MS = 15_000;
  public static final long DEFAULT_SESSION_RECLAIM_MS = 30_000;

  public ServerConfig {
    Objects.requireNonNull(bind, "bind");
    port(tcpPort, "tcpPort");
    port(httpPort, "httpPort");
    agents = agents == null ? List.of() : List.copyOf(agents);
    routing = routing == null ? RoutingConfig.defaults() : routing;
    if (offerTimeoutMs < 1) {
      throw new IllegalArgumentException("offerTimeoutMs must be positive: " + offerTimeoutMs);
    }
    if (declineCooldownMs < 0) {
      throw new IllegalArgumentException("declineCooldownMs must not be negative: " + declineCooldownMs);
    }
    agentLogin = agentLogin == null ? LoginPolicy.TAKEOVER : agentLogin;
    queue = queue == null ? QueueConfig.defaults() : queue;
    limits = limits == null ? LimitsConfig.defaults() : limits;
    cobrowse = cobrowse == null ? CobrowseConfig.defaults() : cobrowse;
    logging = logging == null ? LoggingConfig.defaults() : logging;
    tls = tls == null ? TlsConfig.defaults() : tls;
    http = http == null ? HttpConfig.defaults() : http;
    if (sessionReclaimMs < 0) {
      throw new IllegalArgumentException("sessionReclaimMs must not be negative: " + sessionReclaimMs);
    }
    transport = transport == null || transport.isBlank() ? DEFAULT_TRANSPORT : transport;
  }

  /** As the canonical constructor, with the default {@code sessionReclaimMs} and {@link #DEFAULT_TRANSPORT}. */
  public ServerConfig(
      String bind, int tcpPort, int httpPort, String publicHost,
      List<AgentConfig> agents, RoutingConfig routing,
      long offerTimeoutMs, long declineCooldownMs, LoginPolicy agentLogin, boolean availableOnLogin,
      QueueConfig queue, LimitsConfig limits, CobrowseConfig cobrowse, LoggingConfig logging, TlsConfig tls,
      HttpConfig http) {
    this(bind, tcpPort, httpPort, publicHost, agents, routing, offerTimeoutMs, declineCooldownMs, agentLogin,
        availableOnLogin, queue, limits, cobrowse, logging, tls, http, DEFAULT_SESSION_RECLAIM_MS, DEFAULT_TRANSPORT);
  }

  /** As the canonical constructor, with the default {@link HttpConfig}. */
  public ServerConfig(
      String bind, int tcpPort, int httpPort, String publicHost,
      List<AgentConfig> agents, RoutingConfig routing,
      long offerTimeoutMs, long declineCooldownMs, LoginPolicy agentLogin, boolean availableOnLogin,
      QueueConfig queue, LimitsConfig limits, CobrowseConfig cobrowse, LoggingConfig logging, TlsConfig tls) {
    this(bind, tcpPort, httpPort, publicHost, agents, routing, offerTimeoutMs, declineCooldownMs, agentLogin,
        availableOnLogin, queue, limits, cobrowse, logging, tls, HttpConfig.defaults());
  }

  /**
   * The configuration used for every field the file leaves out: no agents, everyone in "general",
   * TLS on with the self-signed identity in {@link TlsConfig#DEFAULT_DATA_DIR} (tests that speak
   * plain TCP say {@code withTls(TlsConfig.disabled())}).
   */
  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_BIND, DEFAULT_TCP_PORT, DEFAULT_HTTP_PORT, null, List.of(),
        RoutingConfig.defaults(), DEFAULT_OFFER_TIMEOUT_MS, DEFAULT_DECLINE_COOLDOWN_MS, LoginPolicy.TAKEOVER,
        false, QueueConfig.defaults(), LimitsConfig.defaults(), CobrowseConfig.defaults(), LoggingConfig.defaults(),
        TlsConfig.defaults());
  }

  public ServerConfig withBind(String value) {
    return new ServerConfig(value, tcpPort, httpPort, publicHost, agents, routing, offerTimeoutMs,
        declineCooldownMs, agentLogin, availableOnLogin, queue, limits, cobrowse, logging, tls, http, sessionReclaimMs, transport);
  }

  public ServerConfig withTcpPort(int value) {
    return new ServerConfig(bind, value, httpPort, publicHost, agents, routing, offerTimeoutMs,
        declineCooldownMs, agentLogin, availableOnLogin, queue, limits, cobrowse, logging, tls, http, sessionReclaimMs, transport);
  }

  public ServerConfig withHttpPort(int value) {
    return new ServerConfig(bind, tcpPort, value, publicHost, agents, routing, offerTimeoutMs,
        declineCooldownMs, agentLogin, availableOnLogin, queue, limits, cobrowse, logging, tls, http, sessionReclaimMs, transport);
  }

  public ServerConfig withPublicHost(String value) {
    return new ServerConfig(bind, tcpPort, httpPort, value, agents, routing, offerTimeoutMs,
        declineCooldownMs, agentLogin, availableOnLogin, queue, limits, cobrowse, logging, tls, http, sessionReclaimMs, transport);
  }

  public ServerConfig withAgents(List<AgentConfig> value) {
    return new ServerConfig(bind, tcpPort, httpPort, publicHost, value, routing, offerTimeoutMs,
        declineCooldownMs, agentLogin, availableOnLogin, queue, limits, cobrowse, logging, tls, http, sessionReclaimMs, transport);
  }

  public ServerConfig withRouting(RoutingConfig value) {
    return new ServerConfig(bind, tcpPort, httpPort, publicHost, agents, value, offerTimeoutMs,
        declineCooldownMs, agentLogin, availableOnLogin, queue, limits, cobrowse, logging, tls, http, sessionReclaimMs, transport);
  }

  public ServerConfig withOfferTimeoutMs(long value) {
    return new ServerConfig(bind, tcpPort, httpPort, publicHost, agents, routing, value,
        declineCooldownMs, agentLogin, availableOnLogin, queue, limits, cobrowse, logging, tls, http, sessionReclaimMs, transport);
  }

  public ServerConfig withDeclineCooldownMs(long value) {
    return new ServerConfig(bind, tcpPort, httpPort, publicHost, agents, routing, offerTimeoutMs,
        value, agentLogin, availableOnLogin, queue, limits, cobrowse, logging, tls, http, sessionReclaimMs, transport);
  }

  public ServerConfig withAgentLogin(LoginPolicy value) {
    return new ServerConfig(bind, tcpPort, httpPort, publicHost, agents, routing, offerTimeoutMs,
        declineCooldownMs, value, availableOnLogin, queue, limits, cobrowse, logging, tls, http, sessionReclaimMs, transport);
  }

  public ServerConfig withAvailableOnLogin(boolean value) {
    return new ServerConfig(bind, tcpPort, httpPort, publicHost, agents, routing, offerTimeoutMs,
        declineCooldownMs, agentLogin, value, queue, limits, cobrowse, logging, tls, http, sessionReclaimMs, transport);
  }

  public ServerConfig withQueue(QueueConfig value) {
    return new ServerConfig(bind, tcpPort, httpPort, publicHost, agents, routing, offerTimeoutMs,
        declineCooldownMs, agentLogin, availableOnLogin, value, limits, cobrowse, logging, tls, http, sessionReclaimMs, transport);
  }

  public ServerConfig withLimits(LimitsConfig value) {
    return new ServerConfig(bind, tcpPort, httpPort, publicHost, agents, routing, offerTimeoutMs,
        declineCooldownMs, agentLogin, availableOnLogin, queue, value, cobrowse, logging, tls, http, sessionReclaimMs, transport);
  }

  public ServerConfig withCobrowse(CobrowseConfig value) {
    return new ServerConfig(bind, tcpPort, httpPort, publicHost, agents, routing, offerTimeoutMs,
        declineCooldownMs, agentLogin, availableOnLogin, queue, limits, value, logging, tls, http, sessionReclaimMs, transport);
  }

  public ServerConfig withLogging(LoggingConfig value) {
    return new ServerConfig(bind, tcpPort, httpPort, publicHost, agents, routing, offerTimeoutMs,
        declineCooldownMs, agentLogin, availableOnLogin, queue, limits, cobrowse, value, tls, http, sessionReclaimMs, transport);
  }

  public ServerConfig withTls(TlsConfig value) {
    return new ServerConfig(bind, tcpPort, httpPort, publicHost, agents, routing, offerTimeoutMs,
        declineCooldownMs, agentLogin, availableOnLogin, queue, limits, cobrowse, logging, value, http, sessionReclaimMs, transport);
  }

  public ServerConfig withHttp(HttpConfig value) {
    return new ServerConfig(bind, tcpPort, httpPort, publicHost, agents, routing, offerTimeoutMs,
        declineCooldownMs, agentLogin, availableOnLogin, queue, limits, cobrowse, logging, tls, value, sessionReclaimMs,
        transport);
  }

  public ServerConfig withTransport(String value) {
    return new ServerConfig(bind, tcpPort, httpPort, publicHost, agents, routing, offerTimeoutMs,
        declineCooldownMs, agentLogin, availableOnLogin, queue, limits, cobrowse, logging, tls, http, sessionReclaimMs,
        value);
  }

  public ServerConfig withSessionReclaimMs(long value) {
    return new ServerConfig(bind, tcpPort, httpPort, publicHost, agents, routing, offerTimeoutMs,
        declineCooldownMs, agentLogin, availableOnLogin, queue, limits, cobrowse, logging, tls, http, value, transport);
  }

  private static void port(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be 0-65535: " + port);
    }
  }
}
