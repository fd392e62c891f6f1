package io.webassist.protocol.frame;

/** In a {@code support.offer}: the request comes from a colleague's session, with their note. */
public record TransferInfo(String fromAgentId, String fromDisplayName, String note) {
  public TransferInfo {
    Require.nonBlank(fromAgentId, "support.offer", "transfer.fromAgentId", Require.SHORT_TEXT);
    Require.optionalText(fromDisplayName, "support.offer", "transfer.fromDisplayName", Require.SHORT_TEXT);
    Require.optionalText(note, "support.offer", "transfer.note", Require.LONG_TEXT);
  }
}
