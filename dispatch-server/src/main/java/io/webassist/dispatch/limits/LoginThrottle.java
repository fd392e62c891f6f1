package io.webassist.dispatch.limits;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed-login rate limiting per agent id and per IP address (issue 6, "Agent secrets"): after
 * {@code perAgent} failures for one agent id, or {@code perIp} failures from one address, within
 * {@code windowMs}, further logins for that id or from that address are refused for
 * {@code backoffMs} — before any password is checked, so a guesser costs no PBKDF2 work.
 *
 * <p>Unknown agent ids are tracked exactly like known ones, so the answers do not tell which ids
 * exist. The records are bounded ({@code maxTracked} per kind): expired ones are dropped first,
 * and when the table is still full a new key is simply not tracked (the per-address limit still
 * holds). A successful login clears its agent id's failures, not its address's. Thread-safe;
 * logins are rare and slow anyway, so one lock is enough.
 */
public final class LoginThrottle {

  /** Which limit a login ran into, and for how much longer. */
  public record Block(Kind kind, long retryAfterMs) {}

  /** The key a failure is counted under. */
  public enum Kind { AGENT, IP }

  /** What a failure started: no block, or a block of the agent id, the address, or both. */
  public record Lockouts(boolean agent, boolean ip) {}

  private final int perAgent;
  private final int perIp;
  private final long windowMs;
  private final long backoffMs;
  private final int maxTracked;
  private final Ticker ticker;
  private final Map<String, Record> agents = new LinkedHashMap<>();
  private final Map<String, Record> ips = new LinkedHashMap<>();

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
    long agentLeft = blockedFor(agents.get(agentId), now);
    return agentLeft > 0 ? new Block(Kind.AGENT, agentLeft) : null;
  }

  /** Counts a failed login; says which blocks it started. */
  public synchronized Lockouts failed(String agentId, String ip) {
    long now = ticker.millis();
    boolean agentBlocked = fail(agents, agentId, perAgent, now);
    boolean ipBlocked = fail(ips, ip, perIp, now);
    return new Lockouts(agentBlocked, ipBlocked);
  }

  /** A right password: the agent id's failures are forgotten. */
  public synchronized void succeeded(String agentId) {
    agents.remove(agentId);
  }

  /** Agent ids and addresses with failures on record, for the metrics. */
  public synchronized int tracked() {
    return agents.size() + ips.size();
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
      record.blockedUntil = now + backoffMs;
      record.failures = 0;
      record.windowStart = now;
      return true;
    }
    return false;
  }

  /** Drops records whose window and block are over; true if that made room. */
  private boolean purge(Map<String, Record> records, long now) {
    for (Iterator<Record> it = records.values().iterator(); it.hasNext(); ) {
      Record record = it.next();
      if (now - record.windowStart >= windowMs && blockedFor(record, now) == 0) {
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

    Record(long now) {
      windowStart = now;
      blockedUntil = now;
    }
  }
}
