package io.webassist.cobrowse;

import java.util.Optional;
import java.util.function.Function;

/**
 * A place on the shared page as it crosses between two layouts (claims 92–94, 103–105): the agent's
 * page view and the user's browser are not the same width, so a pointer, click or scroll position names
 * the element there ({@code selector}, a CSS selector path) and the offset inside it, with page pixels
 * ({@code x}, {@code y}) as the fallback for a receiver that cannot find the element — as TogetherJS
 * does for its cursors. The wire carries the same five values ({@code cobrowse.pointer},
 * {@code cobrowse.scroll}, {@code cobrowse.click}).
 *
 * <p>{@link #within} makes one from a point and the element under it (the sending side);
 * {@link #resolve} turns one back into a point of the local layout (the receiving side). Both are
 * plain arithmetic, so the mapping is tested without a page.
 *
 * @param selector the element's CSS selector path, or null when only the pixels are known
 */
public record PagePosition(int x, int y, String selector, int offsetX, int offsetY) {

  /** Longest selector kept (the wire's limit for short text); a longer one is dropped for the pixels. */
  public static final int MAX_SELECTOR = 256;

  /** An element's box in page pixels (document coordinates, not the viewport's). */
  public record Rect(int x, int y, int width, int height) {
    public Rect {
      width = Math.max(0, width);
      height = Math.max(0, height);
    }
  }

  public PagePosition {
    if (selector != null && (selector.isBlank() || selector.length() > MAX_SELECTOR)) {
      selector = null;
    }
    if (selector == null) {
      offsetX = 0;
      offsetY = 0;
    }
  }

  /** Only pixels: no element known. */
  public static PagePosition pixels(int x, int y) {
    return new PagePosition(x, y, null, 0, 0);
  }

  /**
   * The point ({@code x}, {@code y}) on the element {@code selector} whose box is {@code element}:
   * the offset is the point's distance from the box's top-left corner. Without a usable selector or
   * box, only the pixels.
   */
  public static PagePosition within(int x, int y, String selector, Rect element) {
    if (selector == null || element == null || selector.isBlank() || selector.length() > MAX_SELECTOR) {
      return pixels(x, y);
    }
    return new PagePosition(x, y, selector, x - element.x(), y - element.y());
  }

  /** Whether this position names an element. */
  public boolean hasElement() {
    return selector != null;
  }

  /**
   * Where this position is in the local layout: on the element {@code locate} finds for the selector,
   * at the offset kept inside the element's box (a narrower local element must not push the point
   * onto its neighbour); where the element is not found, the pixels.
   *
   * @param locate the local box of the element a selector names, empty when there is none
   */
  public PageState.Point resolve(Function<String, Optional<Rect>> locate) {
    if (selector != null) {
      Optional<Rect> element = locate.apply(selector);
      if (element.isPresent()) {
        Rect box = element.get();
        return new PageState.Point(box.x() + clamp(offsetX, box.width()), box.y() + clamp(offsetY, box.height()));
      }
    }
    return new PageState.Point(x, y);
  }

  private static int clamp(int offset, int size) {
    return Math.max(0, Math.min(offset, size));
  }
}
