package io.webassist.console.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code agent-page.js}, the constant script the page view runs in each page; read once. */
final class PageScript {

  static final String RESOURCE = "agent-page.js";

  private PageScript() {}

  static String text() {
    try (InputStream in = PageScript.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE + " next to " + PageScript.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
