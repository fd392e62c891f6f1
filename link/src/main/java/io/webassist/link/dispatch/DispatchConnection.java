package io.webassist.link.dispatch;

import io.webassist.link.LinkException;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.link.transport.Connector;
import io.webassist.link.transport.FrameChannel;
import io.webassist.link.transport.FrameSink;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Hello;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.FrameTypes;
import io.webassist.protocol.frame.Welcome;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection of a user's assist client or an agent's console to the dispatch server: says
 * {@code hello{role}}, waits for {@code welcome}, keeps the connection alive with {@code ping}s
 * paced by {@code welcome.idleTimeoutMs}, and, when asked, reconnects with bounded back-off.
 * The connection is TLS pinned to the server's fingerprint, or plain TCP, as
 * {@link LinkOptions#security()} says ({@link Builder#security} sets it); a wrong fingerprint fails
 * the first connect with {@link LinkException#TLS_FAILED}.
 *
 * <p>Frame and state listeners run on the runtime's link thread, in order; a listener must not
 * block. After every reconnect the server knows nothing of this client any more: the app logs in
 * or re-requests when it sees {@link ConnectionState#CONNECTED} again.
 */
public final class DispatchConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DispatchConnection.class);
  private static final Duration DEFAULT_PING = Duration.ofSeconds(10);

  private final LinkRuntime runtime;
  private final LinkOptions options;
  private final String host;
  private final int port;
  private final Hello hello;
  private final Backoff reconnect;
  private final List<Consumer<Frame>> frameListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<ConnectionState>> stateListeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<DispatchConnection> firstWelcome = new CompletableFuture<>();
  private final Attempt sink = new Attempt();

  // link-thread state; volatile where apps read it
  private volatile ConnectionState state = ConnectionState.CONNECTING;
  private volatile FrameChannel channel;
  private volatile Welcome welcome;
  private boolean welcomed;
  private int failedAttempts;
  private ScheduledFuture<?> helloTimer;

  private DispatchConnection(Builder b) {
    this.runtime = b.runtime;
    this.options = b.options;
    this.host = b.host;
    this.port = b.port;
    this.hello = new Hello(b.role, FrameTypes.PROTOCOL_VERSION, b.client);
    this.reconnect = b.reconnect;
    if (b.frameListener != null) {
      frameListeners.add(b.frameListener);
    }
    if (b.stateListener != null) {
      stateListeners.add(b.stateListener);
    }
  }

  public static Builder builder(LinkRuntime runtime, String host, int port, Role role) {
    return new Builder(runtime, host, port, role);
  }

  /** Sends {@code frame} if connected; returns false (and drops it) while connecting or reconnecting. */
  public boolean send(Frame frame) {
    FrameChannel current = channel;
    if (current == null || state != ConnectionState.CONNECTED) {
      LOG.debug("not connected, dropped type={} server={}:{}", frame.type(), host, port);
      return false;
    }
    return current.send(frame);
  }

  public void addFrameListener(Consumer<Frame> listener) {
    frameListeners.add(listener);
  }

  public void addStateListener(Consumer<ConnectionState> listener) {
    stateListeners.add(listener);
  }

  public ConnectionState state() {
    return state;
  }

  /** The latest {@code welcome}, or null before the first. */
  public Welcome welcome() {
    return welcome;
  }

  /** Our side of the connection: the address the user's peer listener may report when bound to all interfaces. */
  public InetSocketAddress localAddress() {
    FrameChannel current = channel;
    return current == null ? null : current.localAddress();
  }

  /** Closes for good; no reconnect follows. */
  @Override
  public void close() {
    runtime.onLinkThread(() -> {
      if (state == ConnectionState.CLOSED) {
        return;
      }
      setState(ConnectionState.CLOSED);
      firstWelcome.completeExceptionally(new LinkException(LinkException.CLOSED, "closed by the application"));
      if (channel != null) {
        channel.close();
      }
    });
  }

  // ---------------------------------------------------------------- connecting

  private CompletableFuture<DispatchConnection> start() {
    runtime.execute(this::attempt);
    return firstWelcome;
  }

  private void attempt() {
    if (state == ConnectionState.CLOSED) {
      return;
    }
    TransportSecurity security;
    try {
      security = options.requireSecurity();
    } catch (LinkException e) {
      attemptFailed(e);
      return;
    }
    Connector.connect(runtime, options, security.dispatchContext(), host, port, options.connectTimeout(), sink)
        .whenComplete((ch, failure) -> {
          if (failure != null) {
            attemptFailed(failure);
            return;
          }
          if (state == ConnectionState.CLOSED) {
            ch.close();
            return;
          }
          channel = ch;
          ch.send(hello);
          helloTimer = runtime.schedule(() -> {
            if (!welcomed && channel == ch) {
              LOG.info("no welcome in time server={}:{}", host, port);
              ch.close();
            }
          }, options.handshakeTimeout());
        });
  }

  private void attemptFailed(Throwable failure) {
    if (failure instanceof LinkException e && LinkException.TLS_FAILED.equals(e.code())) {
      LOG.warn("dispatch server failed the TLS check server={}:{} pinned={} reason={}", host, port,
          options.security().serverFingerprint(), failure.getMessage());
    } else {
      LOG.debug("dispatch connection attempt failed server={}:{} reason={}", host, port, failure.getMessage());
    }
    if (state == ConnectionState.CLOSED) {
      return;
    }
    if (!firstWelcome.isDone()) {
      setState(ConnectionState.CLOSED);
      firstWelcome.completeExceptionally(failure instanceof LinkException ? failure
          : new LinkException(LinkException.CONNECT_FAILED, failure.getMessage(), failure));
      return;
    }
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (reconnect == null) {
      setState(ConnectionState.CLOSED);
      return;
    }
    Duration wait = reconnect.delay(failedAttempts++);
    setState(ConnectionState.RECONNECTING);
    LOG.info("dispatch connection lost, retrying server={}:{} inMs={}", host, port, wait.toMillis());
    runtime.schedule(this::attempt, wait);
  }

  private void welcomed(FrameChannel ch, Welcome w) {
    welcomed = true;
    welcome = w;
    failedAttempts = 0;
    if (helloTimer != null) {
      helloTimer.cancel(false);
    }
    Duration idle = w.idleTimeoutMs() > 0 ? Duration.ofMillis(w.idleTimeoutMs()) : DEFAULT_PING.multipliedBy(3);
    // ping at a third of the server's idle limit; give up on a server silent for the whole limit
    ch.retime(idle.dividedBy(3), idle.plusMillis(idle.toMillis() / 2));
    setState(ConnectionState.CONNECTED);
    firstWelcome.complete(this);
  }

  private void setState(ConnectionState next) {
    if (state == next && next != ConnectionState.CONNECTED) {
      return;
    }
    state = next;
    for (Consumer<ConnectionState> listener : stateListeners) {
      listener.accept(next);
    }
  }

  /** Owner of the current connection's frames. */
  private final class Attempt implements FrameSink {
    @Override
    public void onFrame(FrameChannel ch, Frame frame) {
      if (ch != channel) {
        return;
      }
      if (!welcomed) {
        if (frame instanceof Welcome w) {
          welcomed(ch, w);
        } else if (frame instanceof ErrorFrame error) {
          LOG.warn("dispatch server refused hello server={}:{} code={} message={}",
              host, port, error.code(), error.message());
          if (!firstWelcome.isDone()) {
            firstWelcome.completeExceptionally(new LinkException(error.code(), error.message()));
          }
          ch.close();
        }
        return;
      }
      for (Consumer<Frame> listener : frameListeners) {
        listener.accept(frame);
      }
    }

    @Override
    public void onClosed(FrameChannel ch) {
      if (ch != channel) {
        return;
      }
      channel = null;
      boolean wasWelcomed = welcomed;
      welcomed = false;
      if (helloTimer != null) {
        helloTimer.cancel(false);
      }
      if (state == ConnectionState.CLOSED) {
        return;
      }
      if (!wasWelcomed && !firstWelcome.isDone()) {
        attemptFailed(new LinkException(LinkException.CLOSED, "dispatch server closed before welcome"));
      } else {
        scheduleReconnect();
      }
    }
  }

  /** Configures and opens a {@link DispatchConnection}. */
  public static final class Builder {
    private final LinkRuntime runtime;
    private final String host;
    private final int port;
    private final Role role;
    private LinkOptions options = LinkOptions.DEFAULTS;
    private String client;
    private Backoff reconnect;
    private Consumer<Frame> frameListener;
    private Consumer<ConnectionState> stateListener;

    private Builder(LinkRuntime runtime, String host, int port, Role role) {
      this.runtime = runtime;
      this.host = host;
      this.port = port;
      this.role = role;
    }

    public Builder options(LinkOptions options) {
      this.options = options;
      return this;
    }

    /** TLS pinned to the server, or explicitly plain; replaces the security of {@link #options}. */
    public Builder security(TransportSecurity security) {
      this.options = options.toBuilder().security(security).build();
      return this;
    }

    /** Free text for the server's logs, e.g. {@code "assist-client/0.1"}. */
    public Builder client(String client) {
      this.client = client;
      return this;
    }

    /** Reconnect after a drop, waiting as {@code backoff} says; off by default. */
    public Builder reconnect(Backoff backoff) {
      this.reconnect = backoff;
      return this;
    }

    /** Receives every frame after {@code welcome}; set here so that none is missed. */
    public Builder onFrame(Consumer<Frame> listener) {
      this.frameListener = listener;
      return this;
    }

    public Builder onState(Consumer<ConnectionState> listener) {
      this.stateListener = listener;
      return this;
    }

    /**
     * Connects; the future completes on the first {@code welcome}, or fails if the first attempt
     * fails (unreachable, refused hello) — reconnecting applies only once connected.
     */
    public CompletableFuture<DispatchConnection> connect() {
      return new DispatchConnection(this).start();
    }
  }
}
