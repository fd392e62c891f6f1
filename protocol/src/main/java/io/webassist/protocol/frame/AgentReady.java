package io.webassist.protocol.frame;

import java.util.List;

/**
 * Successful login: the agent's name, the groups whose requests it may be offered, and the canned
 * replies configured for those groups (empty when none).
 */
public record AgentReady(String agentId, String displayName, List<String> groups, List<CannedReply> cannedReplies)
    implements Frame {
  public AgentReady {
    Require.nonBlank(agentId, "agent.ready", "agentId", Require.SHORT_TEXT);
    groups = Require.textList(groups, "agent.ready", "groups", Require.SHORT_TEXT);
    cannedReplies = cannedReplies == null ? List.of() : List.copyOf(cannedReplies);
  }

  public AgentReady(String agentId, String displayName, List<String> groups) {
    this(agentId, displayName, groups, List.of());
  }
}
