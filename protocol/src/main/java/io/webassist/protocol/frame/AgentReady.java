package io.webassist.protocol.frame;

import java.util.List;

/**
 * Successful login: the agent's name, the groups whose requests it may be offered, the canned
 * replies configured for those groups (empty when none), and how many sessions at once the server's
 * configuration allows the agent ({@code maxSessions}; null from servers older than the field).
 */
public record AgentReady(String agentId, String displayName, List<String> groups, List<CannedReply> cannedReplies,
    Integer maxSessions) implements Frame {
  public AgentReady {
    Require.nonBlank(agentId, "agent.ready", "agentId", Require.SHORT_TEXT);
    groups = Require.textList(groups, "agent.ready", "groups", Require.SHORT_TEXT);
    cannedReplies = cannedReplies == null ? List.of() : List.copyOf(cannedReplies);
    if (maxSessions != null && maxSessions < 1) {
      throw new FrameValidationException("agent.ready", "maxSessions", "must be at least 1");
    }
  }

  public AgentReady(String agentId, String displayName, List<String> groups, List<CannedReply> cannedReplies) {
    this(agentId, displayName, groups, cannedReplies, null);
  }

  public AgentReady(String agentId, String displayName, List<String> groups) {
    this(agentId, displayName, groups, List.of(), null);
  }
}
