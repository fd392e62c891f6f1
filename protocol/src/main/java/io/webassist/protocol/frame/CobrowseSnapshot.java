package io.webassist.protocol.frame;

import java.util.Map;

/**
 * The whole shared page state, sent first on a new or re-established link so that a late joiner
 * starts where the other side is: page, scroll, consent and the (non-sensitive) form values.
 */
public record CobrowseSnapshot(
    long seq, long ts, String url, int scrollX, int scrollY, boolean consent, Map<String, String> fields)
    implements SessionEvent {
  public CobrowseSnapshot {
    Require.optionalText(url, "cobrowse.snapshot", "url", Require.URL);
    if (fields != null && fields.size() > 1000) {
      throw new FrameValidationException("cobrowse.snapshot", "fields", "has more than 1000 entries");
    }
    fields = Require.textMap(fields, "cobrowse.snapshot", "fields", Require.LONG_TEXT);
  }

  @Override
  public CobrowseSnapshot stamped(long seq, long ts) {
    return new CobrowseSnapshot(seq, ts, url, scrollX, scrollY, consent, fields);
  }
}
