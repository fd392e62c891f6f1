package io.webassist.console.page;

/** What the agent typed in a page view's address bar, as the URL the console is asked to open. */
final class TypedAddress {

  private TypedAddress() {}

  /**
   * {@code typed} stripped; an address without a scheme gets the scheme of the page shown (https when
   * none is shown); null when nothing was typed.
   */
  static String toUrl(String typed, String shownUrl) {
    String text = typed == null ? "" : typed.strip();
    if (text.isEmpty()) {
      return null;
    }
    return text.contains("://") ? text : schemeOf(shownUrl) + "://" + text;
  }

  private static String schemeOf(String url) {
    if (url != null) {
      int colon = url.indexOf("://");
      if (colon > 0) {
        return url.substring(0, colon);
      }
    }
    return "https";
  }
}
