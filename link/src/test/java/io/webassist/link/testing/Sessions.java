package io.webassist.link.testing;

import io.webassist.protocol.frame.AgentRef;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.UserInfo;
import java.util.List;
import java.util.UUID;

/** The frames the dispatch server would send both ends of one accepted request. */
public record Sessions(String sessionId, String token) {
  public static final String PAGE = "https://shop.example.com/checkout";

  public static Sessions fresh() {
    return new Sessions("s-" + UUID.randomUUID(), UUID.randomUUID().toString());
  }

  public SupportAssigned assigned(Endpoint relay) {
    return new SupportAssigned("r-1", sessionId, token, new AgentRef("bob", "Bob"), relay, List.of());
  }

  /** What the agent gets: the IP the server saw, the user's reported peer endpoint, the relay; no peer fingerprint. */
  public SessionStart start(String seenIp, Endpoint peer, Endpoint relay) {
    return start(seenIp, peer, relay, null);
  }

  /** As above, with the user's peer-listener fingerprint the server copied from {@code support.request}. */
  public SessionStart start(String seenIp, Endpoint peer, Endpoint relay, String peerFingerprint) {
    return new SessionStart(sessionId, token, "r-1", new UserInfo("Ann", "+1 555 0100", seenIp, "c-42"),
        PAGE, peer, relay, peerFingerprint, List.of());
  }

  public Sessions withToken(String otherToken) {
    return new Sessions(sessionId, otherToken);
  }
}
