package io.webassist.script.scenario;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Time limits as testers write them: {@code 500ms}, {@code 500 ms}, {@code 2s}, {@code 2 s}, or bare milliseconds. */
public final class DurationText {

  private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s)?");

  private DurationText() {}

  /** @throws IllegalArgumentException when {@code text} is not one of the forms above */
  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("bad time '" + text.trim() + "' (write 500ms, 2s or 1500)");
    }
    long amount = Long.parseLong(m.group(1));
    return "s".equals(m.group(2)) ? Duration.ofSeconds(amount) : Duration.ofMillis(amount);
  }
}
