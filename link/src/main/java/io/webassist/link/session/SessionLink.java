package io.webassist.link.session;

import io.webassist.link.LinkException;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.transport.FrameChannel;
import io.webassist.link.transport.FrameSink;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.RelayPartnerLeft;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionEvent;
import io.webassist.protocol.frame.SessionResume;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link between the two peers of one session, whichever way it took (direct or relay), kept
 * alive across drops (claims 88, 90–94, 98, 101–105, 109).
 *
 * <p>Every new or re-established link starts with each side sending {@code session.resume{lastSeq}}
 * (the highest {@code seq} it received). Each side then resends the kept events the other has not
 * seen, and from then on drops every event whose {@code seq} is not above the last one it
 * delivered. So across drops every {@code chat.message} is delivered exactly once, in order. A link
 * that drops without {@code session.end} is re-established (direct, then relay) for at most
 * {@link LinkOptions#recoveryTimeout()}, then the session is {@link LinkState#LOST}.
 *
 * <p>{@link #send} and {@link #end} may be called from any thread. {@link #send} from the link
 * thread (a listener) stamps and writes the event at once, from any other thread it is queued to
 * the link thread; either way the events of one thread go in the order sent. {@link #end} is
 * always queued, so it never acts in the middle of a callback. Listeners run on the runtime's
 * link thread, in order, and must not block.
 */
public final class SessionLink {
  private static final Logger LOG = LoggerFactory.getLogger(SessionLink.class);

  /** What a session link tells its app; both methods run on the link thread. */
  public interface Listener {
    /** An event from the peer, each exactly once, in the peer's order. */
    default void onEvent(SessionLink link, SessionEvent event) {}

    /** Entered {@code state}; {@link SessionLink#path()} tells the path when it is {@link LinkState#UP}. */
    default void onStateChanged(SessionLink link, LinkState state) {}

    /** One listener that tells each of {@code listeners} in turn. */
    static Listener all(Listener... listeners) {
      List<Listener> each = List.of(listeners);
      return new Listener() {
        @Override
        public void onEvent(SessionLink link, SessionEvent event) {
          each.forEach(l -> l.onEvent(link, event));
        }

        @Override
        public void onStateChanged(SessionLink link, LinkState state) {
          each.forEach(l -> l.onStateChanged(link, state));
        }
      };
    }
  }

  private final LinkRuntime runtime;
  private final LinkOptions options;
  private final Role side;
  private final String sessionId;
  private final Establisher establisher;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Outbox outbox;
  private final CompletableFuture<SessionLink> firstUp = new CompletableFuture<>();
  private final Wire wire = new Wire();

  // link-thread state; volatile where apps read it
  private volatile LinkState state = LinkState.CONNECTING;
  private volatile LinkPath path;
  private volatile long lastDelivered;
  private FrameChannel channel;
  private boolean resumed;
  private ScheduledFuture<?> resumeTimer;
  private Instant deadline;
  private CompletableFuture<Establisher.Established> establishing;
  private boolean everUp;

  SessionLink(LinkRuntime runtime, LinkOptions options, Role side, String sessionId, Establisher establisher,
      Listener listener) {
    this.runtime = runtime;
    this.options = options;
    this.side = side;
    this.sessionId = sessionId;
    this.establisher = establisher;
    this.outbox = new Outbox(options.resendBufferSize());
    if (listener != null) {
      listeners.add(listener);
    }
  }

  public String sessionId() {
    return sessionId;
  }

  /** {@link Role#USER} or {@link Role#AGENT}: which end of the session this is. */
  public Role side() {
    return side;
  }

  /** The path of the current (or last) link; null before the first. */
  public LinkPath path() {
    return path;
  }

  public LinkState state() {
    return state;
  }

  /** The highest {@code seq} delivered from the peer. */
  public long lastReceivedSeq() {
    return lastDelivered;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /**
   * Stamps {@code event} with the next {@code seq} and the current time and sends it, now if the
   * link is up, else after it is re-established (on the link thread before this returns, from
   * other threads soon after). Pointer moves, scrolls and typing are dropped
   * when the peer is not keeping up, and not resent after a drop.
   */
  public void send(SessionEvent event) {
    runtime.run(() -> sendNow(event));
  }

  /** Sends {@code session.end{reason}} and closes; no recovery follows. */
  public void end(String reason) {
    runtime.execute(() -> {
      if (state == LinkState.ENDED || state == LinkState.LOST) {
        return;
      }
      SessionEvent goodbye = outbox.stamp(new SessionEnd(sessionId, reason), System.currentTimeMillis());
      FrameChannel current = channel;
      if (current != null && resumed) {
        current.sendAndClose(goodbye);
      } else if (current != null) {
        current.close();
      }
      finish(LinkState.ENDED);
    });
  }

  /** Closes the current connection as a network failure would; recovery follows. For fault tests. */
  void cutConnection() {
    runtime.execute(() -> {
      if (channel != null) {
        channel.close();
      }
    });
  }

  // ---------------------------------------------------------------- establishing

  CompletableFuture<SessionLink> start() {
    runtime.execute(() -> {
      deadline = Instant.now().plus(options.establishTimeout());
      establish();
    });
    return firstUp;
  }

  private void establish() {
    if (state == LinkState.ENDED || state == LinkState.LOST) {
      return;
    }
    if (!Instant.now().isBefore(deadline)) {
      LOG.warn("no link in time sessionId={} side={} state={}", sessionId, side.wireName(), state);
      finish(LinkState.LOST);
      return;
    }
    CompletableFuture<Establisher.Established> attempt = establisher.establish(deadline, everUp || establishing != null);
    establishing = attempt;
    attempt.whenComplete((established, failure) -> runtime.onLinkThread(() -> {
      if (state == LinkState.ENDED || state == LinkState.LOST) {
        if (established != null) {
          established.channel().close();
        }
      } else if (failure != null) {
        LOG.info("link attempt failed sessionId={} side={} reason={}", sessionId, side.wireName(), failure.getMessage());
        runtime.schedule(this::establish, java.time.Duration.ofMillis(200));
      } else {
        attach(established);
      }
    }));
  }

  private void attach(Establisher.Established established) {
    FrameChannel ch = established.channel();
    channel = ch;
    path = established.path();
    resumed = false;
    ch.send(new SessionResume(sessionId, lastDelivered));
    resumeTimer = runtime.schedule(() -> {
      if (channel == ch && !resumed) {
        LOG.info("no session.resume in time sessionId={} remote={}", sessionId, ch.remote());
        ch.close();
      }
    }, options.handshakeTimeout());
    ch.sink(wire);
  }

  private void resumed(FrameChannel ch, SessionResume resume) {
    resumed = true;
    resumeTimer.cancel(false);
    List<SessionEvent> missing = outbox.acknowledge(resume.lastSeq());
    for (SessionEvent event : missing) {
      ch.send(event);
    }
    LOG.info("session link up sessionId={} side={} path={} resent={}", sessionId, side.wireName(),
        path.wireName(), missing.size());
    everUp = true;
    setState(LinkState.UP);
    firstUp.complete(this);
  }

  private void sendNow(SessionEvent event) {
    if (state == LinkState.ENDED || state == LinkState.LOST) {
      LOG.debug("session over, dropped type={} sessionId={}", event.type(), sessionId);
      return;
    }
    SessionEvent stamped = outbox.stamp(event, System.currentTimeMillis());
    FrameChannel current = channel;
    if (current == null || !resumed) {
      return; // kept in the outbox (unless transient) and resent once the link is back
    }
    if (Outbox.isTransient(stamped)) {
      current.sendDroppable(stamped);
    } else {
      current.send(stamped);
    }
  }

  private void received(SessionEvent event) {
    if (event.seq() <= lastDelivered) {
      LOG.debug("stale or duplicate dropped type={} seq={} last={}", event.type(), event.seq(), lastDelivered);
      return;
    }
    lastDelivered = event.seq();
    for (Listener listener : listeners) {
      listener.onEvent(this, event);
    }
    if (event instanceof SessionEnd end) {
      LOG.info("session ended by peer sessionId={} reason={}", sessionId, end.reason());
      if (channel != null) {
        channel.close();
      }
      finish(LinkState.ENDED);
    }
  }

  private void dropped(FrameChannel ch) {
    if (ch != channel) {
      return;
    }
    channel = null;
    resumed = false;
    if (state == LinkState.ENDED || state == LinkState.LOST) {
      return;
    }
    if (everUp) {
      if (state != LinkState.RECOVERING) {
        deadline = Instant.now().plus(options.recoveryTimeout());
        LOG.info("session link dropped, recovering sessionId={} side={} path={}", sessionId, side.wireName(),
            path.wireName());
        setState(LinkState.RECOVERING);
      }
    }
    establish();
  }

  private void finish(LinkState last) {
    if (establishing != null) {
      establishing.cancel(false);
    }
    establisher.close();
    setState(last);
    firstUp.completeExceptionally(new LinkException(
        last == LinkState.LOST ? LinkException.TIMEOUT : LinkException.CLOSED, "session link " + last));
  }

  private void setState(LinkState next) {
    if (state == next) {
      return;
    }
    state = next;
    for (Listener listener : listeners) {
      listener.onStateChanged(this, next);
    }
  }

  /** Owner of the current link's connection. */
  private final class Wire implements FrameSink {
    @Override
    public void onFrame(FrameChannel ch, Frame frame) {
      if (ch != channel) {
        return;
      }
      if (frame instanceof SessionResume resume) {
        if (!resumed && resume.sessionId().equals(sessionId)) {
          resumed(ch, resume);
        }
      } else if (frame instanceof SessionEvent event) {
        received(event);
      } else if (frame instanceof RelayPartnerLeft) {
        LOG.info("relay partner left sessionId={}", sessionId);
        ch.close();
      } else if (frame instanceof ErrorFrame error) {
        LOG.info("peer reported error sessionId={} code={} message={}", sessionId, error.code(), error.message());
      }
    }

    @Override
    public void onClosed(FrameChannel ch) {
      dropped(ch);
    }
  }

  @Override
  public String toString() {
    return "SessionLink[" + sessionId + ", " + side.wireName() + ", " + state + ", " + path + "]";
  }
}
