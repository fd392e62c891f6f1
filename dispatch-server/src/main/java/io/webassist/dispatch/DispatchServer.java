package io.webassist.dispatch;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.agents.AgentRegistry;
import io.webassist.dispatch.broker.BrokerSettings;
import io.webassist.dispatch.broker.ExecutorScheduler;
import io.webassist.dispatch.broker.SupportBroker;
import io.webassist.dispatch.config.LimitsConfig;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import io.webassist.dispatch.http.ClientJar;
import io.webassist.dispatch.http.HttpHandler;
import io.webassist.dispatch.http.HttpInitializer;
import io.webassist.dispatch.limits.LimitGuards;
import io.webassist.dispatch.limits.Ticker;
import io.webassist.dispatch.metrics.DispatchState;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.dispatch.net.AgentAuthenticator;
import io.webassist.dispatch.net.Connection;
import io.webassist.dispatch.net.ServerContext;
import io.webassist.dispatch.net.TcpInitializer;
import io.webassist.dispatch.pagebridge.PageBridgeHttp;
import io.webassist.dispatch.pagebridge.PageHub;
import io.webassist.dispatch.relay.RelayHub;
import io.webassist.dispatch.routing.RoutingRules;
import io.webassist.dispatch.sessions.SessionRegistry;
import io.webassist.protocol.frame.Availability;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.transport.NettyTransport;
import io.webassist.security.tls.TlsContexts;
import io.webassist.security.tls.TlsIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch server: one process, two listeners. TCP (NDJSON) for users, agents and the relay,
 * TLS by default ({@link TlsConfig}): clients pin the certificate's {@link #fingerprint()}; HTTP
 * for {@code /healthz}, {@code /metrics}, the demo site, {@code /assist.jnlp}, the signed client
 * jar and the page bridge ({@code /assist/launch}, the page's WebSocket), plain unless
 * {@code http.tls} is set (then with the TCP listener's identity). {@link #start} returns once both listen; {@link #close} tells every connected client
 * {@code error{code:"shutting_down"}} and stops.
 */
public final class DispatchServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DispatchServer.class);
  /** How long a relay pair outlives its session, so a forwarded session.end still arrives. */
  private static final long RELAY_LINGER_MS = 2_000;
  private static final AdaptiveRecvByteBufAllocator SHARED_RECEIVE_ALLOCATOR = new AdaptiveRecvByteBufAllocator();

  private final ServerConfig config;
  private final TlsIdentity identity;
  private final SslContext tlsContext;
  private final Metrics metrics = new Metrics();
  private final ExecutorScheduler scheduler = new ExecutorScheduler();
  private final NettyTransport transport;
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final ChannelGroup connections = new DefaultChannelGroup("dispatch-connections", GlobalEventExecutor.INSTANCE);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final SupportBroker broker;
  private final RelayHub relay;
  private final AgentAuthenticator authenticator;
  private final LimitGuards limits;
  private final PageHub pages;
  private volatile int tcpPort;
  private volatile int httpPort;
  private Channel tcpChannel;
  private Channel httpChannel;

  private DispatchServer(ServerConfig config, Ticker limitsClock, TlsIdentity identity, SslContext tlsContext) {
    this.config = config;
    this.identity = identity;
    this.tlsContext = tlsContext;
    this.transport = NettyTransport.choose(config.transport());
    this.bossGroup = transport.newGroup(1);
    this.workerGroup = transport.newGroup(0);
    AgentRegistry agents = new AgentRegistry(config.agents());
    SessionRegistry sessions = new SessionRegistry(scheduler::now);
    BrokerSettings settings = BrokerSettings.from(config, client -> new Endpoint(
        config.publicHost() != null ? config.publicHost() : client.localHost(), tcpPort));
    this.broker = new SupportBroker(agents, new RoutingRules(config.routing()), sessions, scheduler, metrics, settings);
    this.relay = new RelayHub(sessions, scheduler, metrics, RELAY_LINGER_MS,
        session -> broker.recordPath(session, LinkPath.RELAY));
    broker.onSessionEnded(relay::sessionEnded);
    this.authenticator = new AgentAuthenticator(agents, config.limits().loginThreads(),
        config.limits().maxPendingLogins());
    this.limits = LimitGuards.from(config, metrics, limitsClock);
    this.pages = new PageHub(metrics);
    registerGauges(agents, sessions);
  }

  /**
   * Loads or creates the TLS identity (unless TLS is off), binds both listeners (port 0 picks a free
   * port) and returns once they accept connections.
   *
   * @throws IOException if a port cannot be bound or the TLS identity cannot be read or written
   *     (the message names the file and the problem)
   */
  public static DispatchServer start(ServerConfig config) throws IOException {
    return start(config, Ticker.SYSTEM);
  }

  /**
   * As {@link #start(ServerConfig)}, with the clock the limiters (frame rate, failed logins) read;
   * tests pass one they move by hand. Timeouts (hello, idle, slow consumer, offers) use real time.
   */
  public static DispatchServer start(ServerConfig config, Ticker limitsClock) throws IOException {
    TlsIdentity identity = identity(config);
    if (config.http().tls() && identity == null) {
      throw new IOException("http.tls needs TLS on: the HTTP listener uses the TCP listener's identity");
    }
    // built once, on the starting thread and not on an event loop: every connection's SslHandler comes from it
    SslContext tlsContext = identity == null ? null : TlsContexts.server(identity);
    DispatchServer server = new DispatchServer(config, limitsClock, identity, tlsContext);
    try {
      server.bind();
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * The server's TLS identity: the operator's PEM files, or the self-signed one in the data
   * directory (made there on first start); null when TLS is off, which is said loudly every time.
   */
  private static TlsIdentity identity(ServerConfig config) throws IOException {
    TlsConfig tls = config.tls();
    if (!tls.enabled()) {
      LOG.warn("TLS is off (--insecure): names, phones and chats cross the network in clear");
      return null;
    }
    TlsIdentity identity;
    try {
      identity = tls.usesPemFiles()
          ? TlsIdentity.loadPem(tls.certFile(), tls.keyFile())
          : TlsIdentity.loadOrCreate(tls.dataDir(), tls.commonNameFor(config.publicHost()));
    } catch (IOException e) {
      throw new IOException("cannot load the TLS identity: " + e.getMessage(), e);
    }
    LOG.info("tls fingerprint={} subject=\"{}\" source={}", identity.fingerprint(),
        identity.certificate().getSubjectX500Principal().getName(),
        tls.usesPemFiles() ? tls.certFile() : tls.dataDir().resolve(TlsIdentity.CERT_FILE));
    return identity;
  }

  private void bind() throws IOException {
    ServerContext context = new ServerContext(config, broker, relay, authenticator, metrics, connections, limits,
        pages);
    LimitsConfig l = config.limits();
    tcpChannel = bindOne(new ServerBootstrap()
        .group(bossGroup, workerGroup)
        .channel(transport.serverChannel())
        .childOption(ChannelOption.TCP_NODELAY, true)
        // one allocator for all: Netty would make one per connection (32 bytes of every idle connection)
        .childOption(ChannelOption.RCVBUF_ALLOCATOR, SHARED_RECEIVE_ALLOCATOR)
        // above the high mark a connection is not writable; WritabilityGuard closes it if that lasts
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(l.writeBufferLowWaterMark(), l.writeBufferHighWaterMark()))
        .childHandler(new TcpInitializer(context, tlsContext)), config.tcpPort(), "tcp");
    tcpPort = ((InetSocketAddress) tcpChannel.localAddress()).getPort();
    // plain on purpose: health, metrics, the demo site and the launch file carry nothing secret (the
    // JNLP holds the page's own values and the fingerprint, which is public by design)
    HttpHandler http = new HttpHandler(metrics, () -> !closed.get(), new HttpHandler.Launch(
        config.publicHost(), tcpPort, fingerprint(), ClientJar.locate(config.http()).orElse(null),
        config.http().tls(), config.http().publicBaseUrl()));
    httpChannel = bindOne(new ServerBootstrap()
        .group(bossGroup, workerGroup)
        .channel(transport.serverChannel())
        .childHandler(new HttpInitializer(http, new PageBridgeHttp(pages, config.cobrowse(), config.http().tls()),
            config.http().tls() ? tlsContext : null)), config.httpPort(), "http");
    // launches and unclaimed bridges past their time are given up (a cheap walk, off the hot path)
    workerGroup.next().scheduleAtFixedRate(pages::sweep, 5, 5, TimeUnit.SECONDS);
    httpPort = ((InetSocketAddress) httpChannel.localAddress()).getPort();
    LOG.info("dispatch listening tcp={} http={} bind={} tls={} httpTls={} transport={}", tcpPort, httpPort,
        config.bind(), tlsContext != null ? "on" : "off", config.http().tls() ? "on" : "off", transport.setting());
  }

  private Channel bindOne(ServerBootstrap bootstrap, int port, String what) throws IOException {
    ChannelFuture future = bootstrap.bind(config.bind(), port).awaitUninterruptibly();
    if (!future.isSuccess()) {
      throw new IOException("cannot listen for " + what + " on " + config.bind() + ":" + port + ": "
          + future.cause().getMessage(), future.cause());
    }
    return future.channel();
  }

  private void registerGauges(AgentRegistry agents, SessionRegistry sessions) {
    metrics.declare("connections_total", "agent_logins", "agent_logins_failed", "requests_received",
        "requests_unavailable", "requests_queue_full", "offers_sent", "offers_accepted", "offers_declined",
        "offers_expired", "offers_withdrawn", "sessions_started", "sessions_ended", "sessions_link_direct",
        "sessions_link_relay", "relay_joins", "relay_joins_refused", "relay_pairs",
        "page_launches", "page_pairs", "page_claims_refused", "page_handshakes_refused", "page_sockets_opened",
        "page_events", "page_commands");
    metrics.gauge("connections_open", connections::size);
    metrics.gauge("agents_logged_in", agents::loggedInCount);
    metrics.gauge("agents_available", agents::availableCount);
    metrics.gauge("queue_lengths", broker::queueLengths);
    metrics.gauge("offers_open", broker::openOffers);
    metrics.gauge("sessions_active", sessions::liveCount);
    metrics.gauge("relay_pairs_active", relay::activePairs);
    metrics.dispatchState(new DispatchState() {
      @Override
      public List<DispatchState.GroupQueue> queues() {
        // every group an agent serves, waited in or not, with how long its front request has waited
        Map<String, DispatchState.GroupQueue> queues = new TreeMap<>();
        for (var q : broker.queueStatus()) {
          queues.put(q.group(), new DispatchState.GroupQueue(q.group(), q.waiting(), q.longestWaitMs()));
        }
        agents.all().forEach(a -> a.groups().forEach(g -> queues.putIfAbsent(g, new DispatchState.GroupQueue(g, 0, 0))));
        return List.copyOf(queues.values());
      }

      @Override
      public Map<String, Long> agentsByState() {
        return agents.all().stream().filter(Agent::isLoggedIn).collect(Collectors.groupingBy(
            a -> a.availability() != Availability.AVAILABLE ? "away" : a.load() >= a.maxSessions() ? "busy" : "available",
            TreeMap::new, Collectors.counting()));
      }
    });
    metrics.gauge("page_bridges_open", pages::openBridges);
  }

  /** The TCP port users, agents and the relay connect to (the real one when configured as 0). */
  public int tcpPort() {
    return tcpPort;
  }

  /** The I/O transport the listeners run on. */
  public NettyTransport transport() {
    return transport;
  }

  /** The HTTP port (the real one when configured as 0). */
  public int httpPort() {
    return httpPort;
  }

  /**
   * The SHA-256 fingerprint of the TCP listener's certificate, as {@code openssl x509 -fingerprint
   * -sha256} prints it and clients pin it ({@code --server-fingerprint}); null when TLS is off.
   */
  public String fingerprint() {
    return identity == null ? null : identity.fingerprint();
  }

  public ServerConfig config() {
    return config;
  }

  /** The counters and gauges served at {@code /metrics}. */
  public Map<String, Object> metrics() {
    return metrics.snapshot();
  }

  /** Blocks until {@link #close} has finished. */
  public void awaitClosed() throws InterruptedException {
    stopped.await();
  }

  /** Tells every client {@code shutting_down}, closes every connection and both listeners. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.info("dispatch stopping connections={}", connections.size());
    broker.stop();
    if (tcpChannel != null) {
      tcpChannel.close().awaitUninterruptibly();
    }
    ErrorFrame goodbye = new ErrorFrame(ErrorCode.SHUTTING_DOWN, "the server is shutting down");
    for (Channel channel : connections) {
      Connection connection = channel.attr(Connection.KEY).get();
      if (connection != null) {
        connection.close(goodbye);
      } else {
        channel.close();
      }
    }
    connections.newCloseFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
    if (httpChannel != null) {
      httpChannel.close().awaitUninterruptibly();
    }
    bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    authenticator.close();
    scheduler.close();
    LOG.info("dispatch stopped");
    stopped.countDown();
  }
}
