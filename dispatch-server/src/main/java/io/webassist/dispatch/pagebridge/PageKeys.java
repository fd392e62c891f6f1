package io.webassist.dispatch.pagebridge;

import java.security.SecureRandom;
import java.util.Base64;

/** Random page keys and launch ids: 144 bits from {@link SecureRandom}, URL-safe base64 (24 characters). */
final class PageKeys {

  static final int BYTES = 18;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private PageKeys() {}

  static String next() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /** Whether {@code value} could be a key at all (checked before any lookup, so junk costs nothing). */
  static boolean wellFormed(String value) {
    if (value == null || value.length() != 24) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }
}
