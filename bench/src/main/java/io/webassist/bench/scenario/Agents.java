package io.webassist.bench.scenario;

import io.webassist.bench.pairs.WebAssistSessions;
import io.webassist.dispatch.config.PasswordHasher;

/** The one password hash every generated agent shares (PBKDF2 at the minimum cost, made once). */
final class Agents {

  private static volatile String hash;

  private Agents() {}

  static String passwordHash() {
    if (hash == null) {
      hash = PasswordHasher.hash(WebAssistSessions.PASSWORD.toCharArray(), PasswordHasher.MIN_ITERATIONS);
    }
    return hash;
  }
}
