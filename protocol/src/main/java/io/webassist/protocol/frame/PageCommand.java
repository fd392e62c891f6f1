package io.webassist.protocol.frame;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A typed command for the person's own browser tab (the page bridge, claims 92–94): the assist
 * client sends it on its dispatch connection, the server hands it to the page's WebSocket, the help
 * script carries it out. Never script or markup: one {@code action} out of a fixed list, with plain
 * values the script checks again before it acts.
 *
 * <ul>
 *   <li>{@code share} / {@code stop} — the person allowed co-browsing, or stopped it: the page starts
 *       (shows the badge) or stops reporting.</li>
 *   <li>{@code navigate} — go to {@code url} (http or https; the page goes only to its allowed hosts).</li>
 *   <li>{@code scroll} — bring {@code selector} + ({@code offsetX}, {@code offsetY}) to the top of the
 *       view, or page pixels ({@code x}, {@code y}) when there is no selector.</li>
 *   <li>{@code pointer} — draw the agent's pointer there.</li>
 *   <li>{@code highlight} — a box around {@code selector}, or the rectangle ({@code x}, {@code y},
 *       {@code width}, {@code height}).</li>
 *   <li>{@code clear} — remove the highlight and the pointer.</li>
 * </ul>
 */
public record PageCommand(String action, String url, String selector, int x, int y, int offsetX, int offsetY,
    int width, int height) implements Frame {

  public static final Set<String> ACTIONS = Set.of("share", "stop", "navigate", "scroll", "pointer", "highlight",
      "clear");
  private static final Pattern HTTP_URL = Pattern.compile("(?i)https?://[^\\s/?#]+([/?#]\\S*)?");

  public PageCommand {
    Require.nonBlank(action, "page.command", "action", Require.SHORT_TEXT);
    if (!ACTIONS.contains(action)) {
      throw new FrameValidationException("page.command", "action", "must be one of " + ACTIONS);
    }
    Require.optionalText(url, "page.command", "url", Require.URL);
    Require.optionalText(selector, "page.command", "selector", Require.SHORT_TEXT);
    if (action.equals("navigate") && (url == null || !HTTP_URL.matcher(url).matches())) {
      throw new FrameValidationException("page.command", "url", "must be an http or https address to navigate");
    }
    if (width < 0 || height < 0) {
      throw new FrameValidationException("page.command", "width", "and 'height' must not be negative");
    }
  }

  public static PageCommand of(String action) {
    return new PageCommand(action, null, null, 0, 0, 0, 0, 0, 0);
  }

  public static PageCommand navigate(String url) {
    return new PageCommand("navigate", url, null, 0, 0, 0, 0, 0, 0);
  }

  /** {@code scroll} or {@code pointer} at an element and an offset inside it, pixels as fallback. */
  public static PageCommand at(String action, int x, int y, String selector, int offsetX, int offsetY) {
    return new PageCommand(action, null, selector, x, y, offsetX, offsetY, 0, 0);
  }

  public static PageCommand highlight(String selector, int x, int y, int width, int height) {
    return new PageCommand("highlight", null, selector, x, y, 0, 0, width, height);
  }
}
