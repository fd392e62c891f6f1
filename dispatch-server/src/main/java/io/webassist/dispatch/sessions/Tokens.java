package io.webassist.dispatch.sessions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random identifiers and session tokens. A token is 256 bits from {@link SecureRandom}
 * (at least 128 are required), URL-safe base64; ids are shorter but still unguessable, so that
 * nobody can cancel or join someone else's request by counting.
 */
public final class Tokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Tokens() {}

  /** A fresh session token: 32 random bytes. */
  public static String newToken() {
    return random(32);
  }

  public static String newSessionId() {
    return "s-" + random(12);
  }

  public static String newRequestId() {
    return "r-" + random(12);
  }

  public static String newConnectionId() {
    return "c-" + random(9);
  }

  /** Compares two tokens in time that does not depend on where they differ. */
  public static boolean sameToken(String expected, String presented) {
    if (expected == null || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  private static String random(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return B64.encodeToString(buffer);
  }
}
