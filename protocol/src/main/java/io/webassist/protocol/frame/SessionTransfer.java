package io.webassist.protocol.frame;

/**
 * Agent → server: hand this session to another agent ({@code toAgentId}) or to whoever is free in a
 * group ({@code toGroup}), with a note the new agent sees. The server offers the request to the
 * target (a {@code support.offer} carrying {@code transfer}); the current session goes on until the
 * new one starts, then ends with reason {@code transferred}. If nobody takes it the sender gets
 * {@code session.transfer_failed}.
 */
public record SessionTransfer(String sessionId, String toAgentId, String toGroup, String note) implements Frame {
  public SessionTransfer {
    Require.nonBlank(sessionId, "session.transfer", "sessionId", Require.SHORT_TEXT);
    Require.optionalText(toAgentId, "session.transfer", "toAgentId", Require.SHORT_TEXT);
    Require.optionalText(toGroup, "session.transfer", "toGroup", Require.SHORT_TEXT);
    Require.optionalText(note, "session.transfer", "note", Require.LONG_TEXT);
    boolean noAgent = toAgentId == null || toAgentId.isBlank();
    boolean noGroup = toGroup == null || toGroup.isBlank();
    if (noAgent == noGroup) {
      throw new FrameValidationException("session.transfer", "toAgentId", "or 'toGroup' is required, not both");
    }
  }
}
