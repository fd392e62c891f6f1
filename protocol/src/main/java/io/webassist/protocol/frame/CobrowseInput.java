package io.webassist.protocol.frame;

/** The sender typed into a form field. Password and sensitive fields are never sent. */
public record CobrowseInput(long seq, long ts, String field, String value) implements SessionEvent {
  public CobrowseInput {
    Require.nonBlank(field, "cobrowse.input", "field", Require.SHORT_TEXT);
    Require.text(value, "cobrowse.input", "value", Require.LONG_TEXT);
  }

  public CobrowseInput(String field, String value) {
    this(0, 0, field, value);
  }

  @Override
  public CobrowseInput stamped(long seq, long ts) {
    return new CobrowseInput(seq, ts, field, value);
  }
}
