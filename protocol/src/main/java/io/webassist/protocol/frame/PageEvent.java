package io.webassist.protocol.frame;

import java.util.Set;

/**
 * What the person did in their own browser tab, reported by the help script over the page bridge's
 * WebSocket; the server hands it to the paired assist client, which alone decides whether it goes on
 * to the agent (consent, masking). Masked fields (passwords, card numbers, one-time codes, anything
 * marked {@code data-webassist-mask}) are never reported by the page at all.
 *
 * <ul>
 *   <li>{@code ready} — the page (re)connected; {@code url} is where it is now.</li>
 *   <li>{@code scroll} — the view's top is {@code selector} + ({@code offsetX}, {@code offsetY}); page
 *       pixels ({@code x}, {@code y}) as fallback.</li>
 *   <li>{@code pointer} — the person's pointer, throttled to one per animation frame.</li>
 *   <li>{@code click} — a click on {@code selector} at ({@code offsetX}, {@code offsetY}) inside it.</li>
 *   <li>{@code input} — the person typed {@code value} into the field {@code field} (its name or id).</li>
 *   <li>{@code end} — the person pressed End on the page's badge.</li>
 * </ul>
 */
public record PageEvent(String event, String url, String selector, int x, int y, int offsetX, int offsetY,
    String field, String value) implements Frame {

  public static final Set<String> EVENTS = Set.of("ready", "scroll", "pointer", "click", "input", "end");

  public PageEvent {
    Require.nonBlank(event, "page.event", "event", Require.SHORT_TEXT);
    if (!EVENTS.contains(event)) {
      throw new FrameValidationException("page.event", "event", "must be one of " + EVENTS);
    }
    Require.optionalText(url, "page.event", "url", Require.URL);
    Require.optionalText(selector, "page.event", "selector", Require.SHORT_TEXT);
    Require.optionalText(field, "page.event", "field", Require.SHORT_TEXT);
    Require.optionalText(value, "page.event", "value", Require.LONG_TEXT);
    if (event.equals("input") && (field == null || field.isBlank() || value == null)) {
      throw new FrameValidationException("page.event", "field", "and 'value' are required for input");
    }
  }

  public static PageEvent of(String event) {
    return new PageEvent(event, null, null, 0, 0, 0, 0, null, null);
  }

  public static PageEvent ready(String url) {
    return new PageEvent("ready", url, null, 0, 0, 0, 0, null, null);
  }

  public static PageEvent input(String field, String value) {
    return new PageEvent("input", null, null, 0, 0, 0, 0, field, value);
  }

  public static PageEvent at(String event, int x, int y, String selector, int offsetX, int offsetY) {
    return new PageEvent(event, null, selector, x, y, offsetX, offsetY, null, null);
  }
}
