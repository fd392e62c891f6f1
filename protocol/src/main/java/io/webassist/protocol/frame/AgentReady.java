package io.webassist.protocol.frame;

import java.util.List;

/** Successful login: the agent's name and the groups whose requests it may be offered. */
public record AgentReady(String agentId, String displayName, List<String> groups) implements Frame {
  public AgentReady {
    Require.nonBlank(agentId, "agent.ready", "agentId", Require.SHORT_TEXT);
    groups = Require.textList(groups, "agent.ready", "groups", Require.SHORT_TEXT);
  }
}
