package io.webassist.dispatch.relay;

import io.webassist.dispatch.broker.Scheduler;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.dispatch.sessions.Session;
import io.webassist.dispatch.sessions.SessionRegistry;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pairs the two relay connections of a session (issue 3: the fallback when the agent cannot dial
 * the user directly). A join must present the live session's token (compared in constant time);
 * the first joiner waits, the second makes a pair, a third is refused while both are there. When
 * one side leaves, the other is told and the free place may be joined again with the same token
 * while the session lives. When the session ends, both relay connections are closed after a short
 * linger, so that a {@code session.end} being forwarded still reaches the other side.
 */
public final class RelayHub {

  private static final Logger LOG = LoggerFactory.getLogger(RelayHub.class);

  /** What a join led to. */
  public enum JoinResult { JOINED, PAIRED, BAD_TOKEN, SESSION_ENDED, FULL }

  /** The (at most) two members of one session's relay. Guarded by its own monitor. */
  private static final class Room {
    RelayMember first;
    RelayMember second;
    boolean closed;

    boolean isPaired() {
      return first != null && second != null;
    }
  }

  private final SessionRegistry sessions;
  private final Scheduler scheduler;
  private final Metrics metrics;
  private final long lingerMs;
  private final Consumer<Session> onPaired;
  private final Map<String, Room> rooms = new ConcurrentHashMap<>();
  private final AtomicInteger pairs = new AtomicInteger();

  public RelayHub(SessionRegistry sessions, Scheduler scheduler, Metrics metrics, long lingerMs,
      Consumer<Session> onPaired) {
    this.sessions = sessions;
    this.scheduler = scheduler;
    this.metrics = metrics;
    this.lingerMs = lingerMs;
    this.onPaired = onPaired;
  }

  /** {@code relay.join}: checks the token and seats {@code member}. */
  public JoinResult join(String sessionId, String token, RelayMember member) {
    JoinResult refused = switch (sessions.check(sessionId, token)) {
      case BAD_TOKEN -> JoinResult.BAD_TOKEN;
      case ENDED -> JoinResult.SESSION_ENDED;
      case VALID -> null;
    };
    Session session = refused == null ? sessions.find(sessionId).orElse(null) : null;
    if (session == null) {
      JoinResult result = refused == null ? JoinResult.SESSION_ENDED : refused;
      metrics.count("relay_joins_refused");
      // a session id nobody has is the client's text: not written to the log
      LOG.info("relay join refused sessionId={} reason={}",
          sessions.find(sessionId).isPresent() || sessions.recentlyEnded(sessionId) ? sessionId : "<unknown>", result);
      return result;
    }
    while (true) {
      Room room = rooms.computeIfAbsent(sessionId, id -> new Room());
      synchronized (room) {
        if (room.closed || session.isEnded()) {
          if (room.first == null && room.second == null) {
            rooms.remove(sessionId, room);
          }
          return JoinResult.SESSION_ENDED;
        }
        if (rooms.get(sessionId) != room) {
          continue; // emptied and dropped while we waited for it: take the new one
        }
        JoinResult result = seat(room, sessionId, member);
        if (result != JoinResult.PAIRED) {
          return result;
        }
      }
      break;
    }
    LOG.info("relay paired sessionId={}", sessionId);
    onPaired.accept(session);
    return JoinResult.PAIRED;
  }

  private JoinResult seat(Room room, String sessionId, RelayMember member) {
    if (room.isPaired()) {
      metrics.count("relay_joins_refused");
      LOG.info("relay join refused sessionId={} reason=FULL", sessionId);
      return JoinResult.FULL;
    }
    if (room.first == null) {
      room.first = member;
    } else {
      room.second = member;
    }
    metrics.count("relay_joins");
    RelayMember partner = room.first == member ? room.second : room.first;
    if (partner == null) {
      member.joined(sessionId);
      LOG.info("relay joined sessionId={} waiting=true", sessionId);
      return JoinResult.JOINED;
    }
    pairs.incrementAndGet();
    metrics.count("relay_pairs");
    partner.paired(member, sessionId);
    member.paired(partner, sessionId);
    return JoinResult.PAIRED;
  }

  /** {@code member}'s connection closed; its partner, if any, is told. */
  public void leave(String sessionId, RelayMember member) {
    Room room = rooms.get(sessionId);
    if (room == null) {
      return;
    }
    synchronized (room) {
      boolean wasPaired = room.isPaired();
      RelayMember partner;
      if (room.first == member) {
        room.first = null;
        partner = room.second;
      } else if (room.second == member) {
        room.second = null;
        partner = room.first;
      } else {
        return;
      }
      if (wasPaired) {
        pairs.decrementAndGet();
      }
      if (partner != null && !room.closed) {
        partner.partnerLeft(sessionId);
        LOG.info("relay partner left sessionId={}", sessionId);
      }
      if (room.first == null && room.second == null) {
        rooms.remove(sessionId, room);
      }
    }
  }

  /** The session ended: no more joins; both sides are closed with {@code session_ended} after the linger. */
  public void sessionEnded(Session session) {
    Room room = rooms.remove(session.id());
    if (room == null) {
      return;
    }
    RelayMember first;
    RelayMember second;
    synchronized (room) {
      room.closed = true;
      if (room.isPaired()) {
        pairs.decrementAndGet();
      }
      first = room.first;
      second = room.second;
    }
    ErrorFrame ended = new ErrorFrame(ErrorCode.SESSION_ENDED, "the session has ended", session.id());
    scheduler.schedule(() -> {
      if (first != null) {
        first.close(ended);
      }
      if (second != null) {
        second.close(ended);
      }
    }, lingerMs);
  }

  /** Sessions whose two sides are both on the relay right now. */
  public int activePairs() {
    return pairs.get();
  }
}
