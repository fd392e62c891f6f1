package io.webassist.protocol.frame;

/** An agent's console logs in; {@code secret} is the agent's password and is never logged. */
public record AgentLogin(String agentId, String secret) implements Frame {
  public AgentLogin {
    Require.nonBlank(agentId, "agent.login", "agentId", Require.SHORT_TEXT);
    Require.text(secret, "agent.login", "secret", Require.SHORT_TEXT);
  }

  @Override
  public String toString() {
    return "AgentLogin[agentId=" + agentId + ", secret=***]";
  }
}
