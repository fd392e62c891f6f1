package io.webassist.dispatch.broker;

import io.webassist.dispatch.limits.KeyedCounter;

/**
 * The one count of requests waiting in a queue (queued or offered) per user address, for
 * {@code limits.maxPendingRequestsPerIp}. A request is counted against the address it was admitted
 * from ({@link HelpRequest#pendingIp()}) from its admission until it leaves the queue (assigned or
 * closed), and again when it goes back to a queue. Thread-safe; the request's own mark is changed
 * by its lane only.
 */
final class PendingRequests {

  private final KeyedCounter byIp = new KeyedCounter();
  private final int maxPerIp;

  PendingRequests(int maxPerIp) {
    this.maxPerIp = maxPerIp;
  }

  /** Counts a new request from {@code ip} unless that address is at the limit; marks the request. */
  boolean admit(HelpRequest request, String ip) {
    if (!byIp.tryAcquire(ip, maxPerIp)) {
      return false;
    }
    request.pendingIp(ip);
    return true;
  }

  /** The request is back in a queue (admitted before, so never refused here). */
  void reenter(HelpRequest request) {
    if (request.pendingIp() == null) {
      String ip = request.client().ip();
      request.pendingIp(ip);
      byIp.acquire(ip);
    }
  }

  /** The request left its queue: assigned, refused by a full queue, or finished. */
  void leave(HelpRequest request) {
    String ip = request.pendingIp();
    if (ip != null) {
      request.pendingIp(null);
      byIp.release(ip);
    }
  }

  int from(String ip) {
    return byIp.count(ip);
  }
}
