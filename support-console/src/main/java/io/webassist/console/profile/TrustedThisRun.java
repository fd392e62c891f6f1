package io.webassist.console.profile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fingerprints the agent chose to trust at the prompt during this run, in memory only ("host:port" →
 * fingerprint). The profile file is written only after a successful login (as before); this keeps the
 * agent's decision for a retry after a failed one (a mistyped password), so the prompt is not asked twice.
 */
public final class TrustedThisRun {
  private final Map<String, String> trusted = new ConcurrentHashMap<>();

  /** The agent trusted {@code fingerprint} for {@code server} at the prompt. */
  public void trust(String server, String fingerprint) {
    trusted.put(server, fingerprint);
  }

  /** The fingerprint to pin for {@code server}: the profile's if it has one, else the one trusted this run, else null. */
  public String trusted(ConsoleProfile profile, String server) {
    String remembered = profile.trusted(server);
    return remembered != null ? remembered : trusted.get(server);
  }
}
