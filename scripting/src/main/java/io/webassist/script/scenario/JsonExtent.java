package io.webassist.script.scenario;

/** Finds where the JSON object at the start of a line ends, so that words may follow it ({@code within 2s}). */
final class JsonExtent {

  private JsonExtent() {}

  /** The index just after the {@code '}'} that closes the object starting at 0, or -1 if it never closes. */
  static int end(String text) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
    }
    return -1;
  }
}
