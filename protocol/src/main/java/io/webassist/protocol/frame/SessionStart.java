package io.webassist.protocol.frame;

import java.util.List;

/**
 * Sent to the agent who accepted: the session token, the user's details and page (claims 88, 99),
 * the user's peer endpoint to dial (claims 96, 107), the relay to fall back to, and the SHA-256
 * fingerprint of the user's peer-listener certificate when the user reported one, and the hosts
 * that co-browsing may navigate to.
 */
public record SessionStart(
    String sessionId, String token, String requestId, UserInfo user, String pageUrl,
    Endpoint peer, Endpoint relay, String peerFingerprint, List<String> cobrowseHosts) implements Frame {
  public SessionStart {
    Require.nonBlank(sessionId, "session.start", "sessionId", Require.SHORT_TEXT);
    Require.nonBlank(token, "session.start", "token", Require.SHORT_TEXT);
    Require.nonBlank(requestId, "session.start", "requestId", Require.SHORT_TEXT);
    Require.present(user, "session.start", "user");
    Require.optionalText(pageUrl, "session.start", "pageUrl", Require.URL);
    Require.optionalText(peerFingerprint, "session.start", "peerFingerprint", Require.SHORT_TEXT);
    cobrowseHosts = Require.textList(cobrowseHosts, "session.start", "cobrowseHosts", Require.SHORT_TEXT);
  }

  @Override
  public String toString() {
    return "SessionStart[sessionId=" + sessionId + ", requestId=" + requestId + ", token=***]";
  }
}
