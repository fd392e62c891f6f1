package io.webassist.dispatch.pagebridge;

import io.webassist.dispatch.clients.UserClient;

/**
 * One page bridge: the person's browser tab on one side, the assist client that presented the
 * same key on the other. Its fields change under its own lock, in {@link PageHub}.
 */
final class Bridge {

  private final String claimKey;
  private final long expiresAtMs;
  // guarded by this
  private String pageKey;
  private UserClient user;
  private PageSocket page;
  private boolean closed;

  Bridge(String claimKey, long expiresAtMs) {
    this.claimKey = claimKey;
    this.pageKey = claimKey;
    this.expiresAtMs = expiresAtMs;
  }

  /** The key the launch file gives the client; the page's first socket presents it too. */
  String claimKey() {
    return claimKey;
  }

  /** When an unclaimed bridge is given up. */
  long expiresAtMs() {
    return expiresAtMs;
  }

  synchronized String pageKey() {
    return pageKey;
  }

  synchronized void pageKey(String value) {
    pageKey = value;
  }

  synchronized UserClient user() {
    return user;
  }

  synchronized void user(UserClient value) {
    user = value;
  }

  synchronized PageSocket page() {
    return page;
  }

  synchronized void page(PageSocket value) {
    page = value;
  }

  synchronized boolean closed() {
    return closed;
  }

  synchronized void close() {
    closed = true;
  }

  @Override
  public String toString() {
    // never the key itself: a log line must not be enough to take over a bridge
    return "bridge " + Integer.toHexString(System.identityHashCode(this));
  }
}
