package io.webassist.protocol.frame;

/** The agent a user is assigned to, as the user sees it. */
public record AgentRef(String id, String displayName) {
  public AgentRef {
    Require.nonBlank(id, "agent", "id", Require.SHORT_TEXT);
    Require.optionalText(displayName, "agent", "displayName", Require.SHORT_TEXT);
  }
}
