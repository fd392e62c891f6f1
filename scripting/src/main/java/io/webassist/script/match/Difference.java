package io.webassist.script.match;

/** One way a received frame differs from an expectation: where ({@code user.ip}, or {@code $} for the whole) and how. */
public record Difference(String path, String problem) {

  @Override
  public String toString() {
    return path + ": " + problem;
  }
}
