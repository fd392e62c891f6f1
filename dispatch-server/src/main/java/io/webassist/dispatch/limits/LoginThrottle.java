package io.webassist.dispatch.limits;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Failed-login throttling (issue 6 "Agent secrets", issue 12) that a stranger cannot use to lock
 * an agent out. Logins that run into a block get {@code rate_limited} before any password is
 * checked, so a guesser costs no PBKDF2 work. Three counts, each within {@code windowMs}:
 * <ul>
 *   <li>per agent id <em>and</em> address: after {@code perAgent} failures that pair is blocked,
 *       for {@code backoffMs} the first time and twice as long each time again (at most
 *       {@value #MAX_GROWTH}×) — guessing from one address gets slower and slower, while the
 *       agent's own address is not touched;</li>
 *   <li>per address, whatever the ids: after {@code perIp} failures the address is blocked, with
 *       the same growing delays;</li>
 *   <li>per agent id across addresses (guessing spread over many addresses): after
 *       {@value #AGENT_WIDE_FACTOR}× {@code perAgent} failures, that id is blocked from every
 *       address <em>except</em> those it logged in from successfully before (remembered in
 *       memory, a few per agent), so the agent at its usual desk keeps working.</li>
 * </ul>
 *
 * <p>Unknown agent ids are tracked exactly like known ones, so the answers do not tell which ids
 * exist. The records are bounded ({@code maxTracked} per kind): spent ones are dropped first, and
 * when a table is still full a new key is simply not tracked (the other counts still hold). A
 * successful login clears its pair's failures and trusts that address for that agent.
 * Thread-safe; logins are rare and slow anyway, so one lock is enough.
 */
public final class LoginThrottle {

  /** How many times the first block a repeated block may last. */
  public static final int MAX_GROWTH = 16;
  /** Failures of one agent id from all addresses, as a multiple of {@code perAgent}, before the id is blocked for untrusted addresses. */
  public static final int AGENT_WIDE_FACTOR = 4;
  /** Addresses remembered per agent as ones it logged in from. */
  static final int TRUSTED_PER_AGENT = 8;

  /** Which limit a login ran into, and for how much longer. */
  public record Block(Kind kind, long retryAfterMs) {}

  /** The key a block is on: the agent id (from this address, or from untrusted ones) or the address. */
  public enum Kind { AGENT, IP }

  /** What a failure started: no block, or a block of the agent id, the address, or both. */
  public record Lockouts(boolean agent, boolean ip) {}

  private final int perAgent;
  private final int perIp;
  private final long windowMs;
  private final long backoffMs;
  private final int maxTracked;
  private final Ticker ticker;
  private final Map<String, Record> pairs = new LinkedHashMap<>();
  private final Map<String, Record> ips = new LinkedHashMap<>();
  private final Map<String, Record> agents = new LinkedHashMap<>();
  private final Map<String, Set<String>> trusted = new LinkedHashMap<>(16, 0.75f, true);

  public LoginThrottle(int perAgent, int perIp, long windowMs, long backoffMs, int maxTracked, Ticker ticker) {
    this.perAgent = perAgent;
    this.perIp = perIp;
    this.windowMs = windowMs;
    this.backoffMs = backoffMs;
    this.maxTracked = maxTracked;
    this.ticker = ticker;
  }

  /** The block this login runs into, or null when it may go ahead. */
  public synchronized Block check(String agentId, String ip) {
    long now = ticker.millis();
    long ipLeft = blockedFor(ips.get(ip), now);
    if (ipLeft > 0) {
      return new Block(Kind.IP, ipLeft);
    }
    long pairLeft = blockedFor(pairs.get(pairKey(agentId, ip)), now);
    if (pairLeft > 0) {
      return new Block(Kind.AGENT, pairLeft);
    }
    long agentLeft = isTrusted(agentId, ip) ? 0 : blockedFor(agents.get(agentId), now);
    return agentLeft > 0 ? new Block(Kind.AGENT, agentLeft) : null;
  }

  /** Counts a failed login; says which blocks it started. */
  public synchronized Lockouts failed(String agentId, String ip) {
    long now = ticker.millis();
    boolean pairBlocked = fail(pairs, pairKey(agentId, ip), perAgent, now);
    boolean agentBlocked = fail(agents, agentId, perAgent * AGENT_WIDE_FACTOR, now);
    boolean ipBlocked = fail(ips, ip, perIp, now);
    return new Lockouts(pairBlocked || agentBlocked, ipBlocked);
  }

  /** A right password from {@code ip}: that pair's failures are forgotten and the address is trusted for the agent. */
  public synchronized void succeeded(String agentId, String ip) {
    pairs.remove(pairKey(agentId, ip));
    Set<String> addresses = trusted.get(agentId);
    if (addresses == null) {
      if (trusted.size() >= maxTracked) {
        Iterator<String> eldest = trusted.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
      addresses = new LinkedHashSet<>();
      trusted.put(agentId, addresses);
    }
    addresses.remove(ip);
    addresses.add(ip);
    if (addresses.size() > TRUSTED_PER_AGENT) {
      Iterator<String> oldest = addresses.iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** Pairs, agent ids and addresses with failures on record, for the metrics. */
  public synchronized int tracked() {
    return pairs.size() + agents.size() + ips.size();
  }

  private boolean isTrusted(String agentId, String ip) {
    Set<String> addresses = trusted.get(agentId);
    return addresses != null && addresses.contains(ip);
  }

  private static String pairKey(String agentId, String ip) {
    return agentId + '\u0000' + ip;
  }

  private boolean fail(Map<String, Record> records, String key, int limit, long now) {
    Record record = records.get(key);
    if (record == null) {
      if (records.size() >= maxTracked && !purge(records, now)) {
        return false; // full of live records: not tracked
      }
      record = new Record(now);
      records.put(key, record);
    }
    if (now - record.windowStart >= windowMs) {
      record.windowStart = now;
      record.failures = 0;
    }
    record.failures++;
    if (record.failures >= limit && blockedFor(record, now) == 0) {
      long growth = 1L << Math.min(record.blocks, Long.numberOfTrailingZeros(MAX_GROWTH));
      record.blockedUntil = now + backoffMs * growth;
      record.blocks++;
      record.failures = 0;
      record.windowStart = now;
      return true;
    }
    return false;
  }

  /**
   * Drops records that are spent: window over, not blocked, and the last block ended long enough
   * ago (a window) that its growth may be forgotten. True if that made room.
   */
  private boolean purge(Map<String, Record> records, long now) {
    for (Iterator<Record> it = records.values().iterator(); it.hasNext(); ) {
      Record record = it.next();
      if (now - record.windowStart >= windowMs && now - record.blockedUntil >= windowMs) {
        it.remove();
      }
    }
    return records.size() < maxTracked;
  }

  private static long blockedFor(Record record, long now) {
    return record == null ? 0 : Math.max(0, record.blockedUntil - now);
  }

  private static final class Record {
    long windowStart;
    int failures;
    long blockedUntil;
    int blocks;

    Record(long now) {
      windowStart = now;
      blockedUntil = now;
    }
  }
}
