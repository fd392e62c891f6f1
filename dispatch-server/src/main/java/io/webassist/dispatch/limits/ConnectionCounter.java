package io.webassist.dispatch.limits;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open TCP connections per IP address and in total, checked when a connection is accepted
 * (issue 6, "connections per IP, connections in total"). Thread-safe: the accepting event loops
 * all use one. Every {@link #tryOpen} that returned {@link Admission#OK} must be matched by one
 * {@link #closed}.
 */
public final class ConnectionCounter {

  /** The answer for a new connection. */
  public enum Admission { OK, TOO_MANY_FROM_IP, TOO_MANY_IN_TOTAL }

  private final int maxPerIp;
  private final int maxTotal;
  private final KeyedCounter perIp = new KeyedCounter();
  private final AtomicInteger total = new AtomicInteger();

  public ConnectionCounter(int maxPerIp, int maxTotal) {
    this.maxPerIp = maxPerIp;
    this.maxTotal = maxTotal;
  }

  public Admission tryOpen(String ip) {
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return Admission.TOO_MANY_IN_TOTAL;
    }
    if (!perIp.tryAcquire(ip, maxPerIp)) {
      total.decrementAndGet();
      return Admission.TOO_MANY_FROM_IP;
    }
    return Admission.OK;
  }

  public void closed(String ip) {
    perIp.release(ip);
    total.decrementAndGet();
  }

  /** Admitted connections open now. */
  public int open() {
    return total.get();
  }

  public int openFrom(String ip) {
    return perIp.count(ip);
  }

  /** Distinct addresses with a connection open now. */
  public int addresses() {
    return perIp.keys();
  }
}
