package io.webassist.console.profile;

import java.util.ArrayList;
import java.util.List;

/** A fingerprint ("AB:CD:…") laid out for reading and comparing: lines of whole bytes, never a byte split. */
public final class FingerprintText {
  public static final int BYTES_PER_LINE = 8;

  private FingerprintText() {}

  /** {@code fingerprint} in lines of {@link #BYTES_PER_LINE} bytes, joined by '\n'. */
  public static String lines(String fingerprint) {
    String[] bytes = fingerprint.strip().split(":");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += BYTES_PER_LINE) {
      lines.add(String.join(":", java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + BYTES_PER_LINE))));
    }
    return String.join("\n", lines);
  }
}
