package io.webassist.dispatch.clients;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connected user, as the domain sees it: the link, the IP address the server saw on the socket
 * (never one the client claims — claims 75, 83) and the ids of the requests it has open.
 */
public final class UserClient {

  private final ClientLink link;
  private final String ip;
  /** Made when first asked for: most connected users never ask for help (an idle connection keeps ~90 bytes less). */
  private volatile Set<String> requestIds;

  public UserClient(ClientLink link, String ip) {
    this.link = link;
    this.ip = ip;
  }

  public ClientLink link() {
    return link;
  }

  public String ip() {
    return ip;
  }

  /** Ids of requests that are waiting, offered or in a session. */
  public Set<String> requestIds() {
    Set<String> ids = requestIds;
    if (ids == null) {
      synchronized (this) {
        ids = requestIds;
        if (ids == null) {
          ids = ConcurrentHashMap.newKeySet();
          requestIds = ids;
        }
      }
    }
    return ids;
  }

  @Override
  public String toString() {
    return "user " + link.connectionId();
  }
}
