package io.webassist.protocol.frame;

/**
 * A ready-made chat answer configured on the server for a group, sent to the agent in
 * {@code agent.ready}. {@code shortcut} is what the agent types after {@code /} to pick it.
 */
public record CannedReply(String group, String shortcut, String text) {
  public CannedReply {
    Require.nonBlank(group, "agent.ready", "cannedReplies.group", Require.SHORT_TEXT);
    Require.nonBlank(shortcut, "agent.ready", "cannedReplies.shortcut", Require.SHORT_TEXT);
    Require.nonBlank(text, "agent.ready", "cannedReplies.text", Require.LONG_TEXT);
  }
}
