package io.webassist.protocol.frame;

import java.util.List;

/**
 * The user's request was accepted: the session, its token, the agent, the relay to fall back to,
 * and the hosts that co-browsing may navigate to.
 */
public record SupportAssigned(
    String requestId, String sessionId, String token, AgentRef agent, Endpoint relay, List<String> cobrowseHosts)
    implements Frame {
  public SupportAssigned {
    Require.nonBlank(requestId, "support.assigned", "requestId", Require.SHORT_TEXT);
    Require.nonBlank(sessionId, "support.assigned", "sessionId", Require.SHORT_TEXT);
    Require.nonBlank(token, "support.assigned", "token", Require.SHORT_TEXT);
    Require.present(agent, "support.assigned", "agent");
    cobrowseHosts = Require.textList(cobrowseHosts, "support.assigned", "cobrowseHosts", Require.SHORT_TEXT);
  }

  @Override
  public String toString() {
    return "SupportAssigned[requestId=" + requestId + ", sessionId=" + sessionId + ", agent=" + agent + ", token=***]";
  }
}
