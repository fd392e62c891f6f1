package io.webassist.dispatch.pagebridge;

import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.PageBridgeState;
import io.webassist.protocol.frame.PageCommand;
import io.webassist.protocol.frame.PageEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page bridge's domain (claims 92–94, 103–105): pairs the person's browser tab with the assist
 * client by a random key, and passes typed commands one way and page events the other. Knows nothing
 * of Netty; thread-safe.
 *
 * <p>The keys. {@code POST /assist/launch} makes a bridge and its claim key, which goes into that
 * launch file only (for the client) and to the page (for its first socket). The claim key is taken
 * once, by the first {@code support.request} that presents it, and the bridge is then bound to that
 * user connection and ends with it. Every page socket consumes the key it presented and gets a new
 * one for the next page ({@code page.bridge{state:"connected", key}}), so a key opens one socket at
 * most: a copied or reused key is refused. A bridge no client claimed within {@code launchTtlMs} is
 * given up.
 */
public final class PageHub {

  private static final Logger LOG = LoggerFactory.getLogger(PageHub.class);

  /** How long a launch waits for its client to present the key. */
  public static final long DEFAULT_LAUNCH_TTL_MS = 10 * 60_000;
  /** Most bridges open at once (launched and not yet ended); beyond that {@code /assist/launch} says 503. */
  public static final int DEFAULT_MAX_BRIDGES = 10_000;

  private final Metrics metrics;
  private final LongSupplier clock;
  private final long launchTtlMs;
  private final int maxBridges;
  private final Map<String, Bridge> claimKeys = new ConcurrentHashMap<>();
  private final Map<String, Bridge> pageKeys = new ConcurrentHashMap<>();
  private final Map<UserClient, Bridge> byUser = new ConcurrentHashMap<>();
  private final Map<Bridge, Boolean> open = new ConcurrentHashMap<>();
  private final Map<String, Launch> launches = new ConcurrentHashMap<>();

  public PageHub(Metrics metrics, LongSupplier clock, long launchTtlMs, int maxBridges) {
    this.metrics = metrics;
    this.clock = clock;
    this.launchTtlMs = launchTtlMs;
    this.maxBridges = maxBridges;
  }

  /** With the defaults and the system clock. */
  public PageHub(Metrics metrics) {
    this(metrics, System::currentTimeMillis, DEFAULT_LAUNCH_TTL_MS, DEFAULT_MAX_BRIDGES);
  }

  // ---- launch (HTTP)

  /** A new bridge and its one-time launch, or null when too many are open. */
  Launch launch(Map<String, List<String>> query) {
    if (open.size() >= maxBridges) {
      return null;
    }
    long expires = clock.getAsLong() + launchTtlMs;
    Bridge bridge = new Bridge(PageKeys.next(), expires);
    open.put(bridge, Boolean.TRUE);
    claimKeys.put(bridge.claimKey(), bridge);
    pageKeys.put(bridge.claimKey(), bridge);
    Launch launch = new Launch(PageKeys.next(), Map.copyOf(query), bridge.claimKey(), expires);
    launches.put(launch.id(), launch);
    metrics.count("page_launches");
    LOG.info("page launch {}", bridge);
    return launch;
  }

  /** The launch with this id, once: its launch file is made once. */
  Launch takeLaunch(String id) {
    Launch launch = id == null ? null : launches.remove(id);
    return launch != null && launch.expiresAtMs() > clock.getAsLong() ? launch : null;
  }

  // ---- the assist client (TCP)

  /**
   * A {@code support.request} carried {@code key}: bind the bridge to this user connection (only
   * this one) and tell the client {@code paired}, or {@code refused} when the key is unknown, taken
   * or expired. The same connection presenting its own key again (asking again) stays paired.
   */
  public void claim(UserClient user, String key) {
    Bridge mine = byUser.get(user);
    if (mine != null && mine.claimKey().equals(key) && !mine.closed()) {
      user.link().send(PageBridgeState.of("paired", null));
      return;
    }
    Bridge bridge = PageKeys.wellFormed(key) ? claimKeys.remove(key) : null;
    if (bridge == null || bridge.closed() || byUser.putIfAbsent(user, bridge) != null) {
      metrics.count("page_claims_refused");
      LOG.info("page key refused user={} reason=unknown_or_used", user);
      user.link().send(PageBridgeState.of("refused", "unknown_or_used_key"));
      return;
    }
    bridge.user(user);
    metrics.count("page_pairs");
    LOG.info("page paired {} user={}", bridge, user);
    user.link().send(PageBridgeState.of("paired", null));
    if (bridge.page() != null) {
      user.link().send(PageBridgeState.of("page_connected", null));
    }
  }

  /** {@code page.command} from the client: to its page, if one is connected; else dropped. */
  public void command(UserClient user, PageCommand command) {
    Bridge bridge = byUser.get(user);
    if (bridge == null) {
      user.link().send(new ErrorFrame(ErrorCode.WRONG_STATE, "no page is paired with this connection"));
      return;
    }
    PageSocket page = bridge.page();
    if (page != null) {
      metrics.count("page_commands");
      page.send(command);
    }
  }

  /** The user's connection closed: its bridge ends with it. */
  public void userLeft(UserClient user) {
    Bridge bridge = byUser.remove(user);
    if (bridge != null) {
      close(bridge, "client_left");
    }
  }

  // ---- the page (WebSocket)

  /**
   * A page presents {@code key} for a socket: consumes it and returns its bridge with the next key
   * already registered, or null (unknown, used, expired: the handshake is refused).
   */
  Admission admit(String key) {
    Bridge bridge = PageKeys.wellFormed(key) ? pageKeys.remove(key) : null;
    if (bridge == null || bridge.closed() || bridge.user() == null && bridge.expiresAtMs() <= clock.getAsLong()) {
      metrics.count("page_handshakes_refused");
      return null;
    }
    String next = PageKeys.next();
    synchronized (bridge) {
      bridge.pageKey(next);
      pageKeys.put(next, bridge);
    }
    return new Admission(bridge, next);
  }

  /** A handshake refused before its key was looked at (its origin). */
  void refusedHandshake() {
    metrics.count("page_handshakes_refused");
  }

  /** What a good key opened: the bridge and the key the page must present next time. */
  record Admission(Bridge bridge, String nextKey) {}

  /** The page's socket is up: it replaces any earlier one (the tab moved to its next page). */
  void pageOpened(Admission admission, PageSocket socket) {
    Bridge bridge = admission.bridge();
    PageSocket old;
    synchronized (bridge) {
      if (bridge.closed()) {
        socket.close(PageBridgeState.of("closed", "ended"));
        return;
      }
      old = bridge.page();
      bridge.page(socket);
    }
    if (old != null) {
      old.close(PageBridgeState.of("closed", "replaced"));
    }
    metrics.count("page_sockets_opened");
    socket.send(new PageBridgeState("connected", null, admission.nextKey()));
    UserClient user = bridge.user();
    if (user != null) {
      user.link().send(PageBridgeState.of("page_connected", null));
      // the client decides whether the page shares: it answers page_connected with share or stop
    }
  }

  /** What the page reported: to the paired client (which alone decides what goes on to the agent). */
  void pageEvent(Bridge bridge, PageSocket socket, PageEvent event) {
    if (bridge.page() != socket) {
      return;
    }
    UserClient user = bridge.user();
    if (user != null) {
      metrics.count("page_events");
      user.link().send(event);
    }
    if (event.event().equals("end")) {
      LOG.info("page bridge ended on the page {}", bridge);
      close(bridge, "ended_on_page");
    }
  }

  /** The page's socket closed (navigation, tab closed, network). The bridge waits for the next page. */
  void pageClosed(Bridge bridge, PageSocket socket) {
    boolean current;
    synchronized (bridge) {
      current = bridge.page() == socket;
      if (current) {
        bridge.page(null);
      }
    }
    UserClient user = bridge.user();
    if (current && user != null && !bridge.closed()) {
      user.link().send(PageBridgeState.of("page_left", null));
    }
  }

  // ---- housekeeping

  /** Gives up launches and unclaimed bridges past their time. Cheap; run it every few seconds. */
  public void sweep() {
    long now = clock.getAsLong();
    launches.values().removeIf(launch -> launch.expiresAtMs() <= now);
    for (Bridge bridge : open.keySet()) {
      if (bridge.user() == null && bridge.expiresAtMs() <= now) {
        close(bridge, "expired");
      }
    }
  }

  /** Bridges launched and not yet ended. */
  public int openBridges() {
    return open.size();
  }

  private void close(Bridge bridge, String reason) {
    PageSocket page;
    UserClient user;
    synchronized (bridge) {
      if (bridge.closed()) {
        return;
      }
      bridge.close();
      page = bridge.page();
      bridge.page(null);
      user = bridge.user();
      pageKeys.remove(bridge.pageKey());
    }
    claimKeys.remove(bridge.claimKey());
    open.remove(bridge);
    if (user != null) {
      byUser.remove(user, bridge);
      user.link().send(PageBridgeState.of("closed", reason));
    }
    if (page != null) {
      page.close(PageBridgeState.of("closed", reason));
    }
    LOG.info("page bridge closed {} reason={}", bridge, reason);
  }
}
