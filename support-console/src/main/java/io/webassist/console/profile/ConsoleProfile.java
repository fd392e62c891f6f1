package io.webassist.console.profile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the console remembers for its user between runs: the server and agent id used last, and the
 * certificate fingerprint trusted for each server ("host:port" → fingerprint). Never a password.
 */
public record ConsoleProfile(String lastServer, String lastAgentId, Map<String, String> trustedServers) {

  public static final ConsoleProfile EMPTY = new ConsoleProfile(null, null, Map.of());

  public ConsoleProfile {
    trustedServers = trustedServers == null ? Map.of() : Map.copyOf(trustedServers);
  }

  /** The fingerprint trusted for {@code server}, or null. */
  public String trusted(String server) {
    return trustedServers.get(server);
  }

  /** This profile after a login at {@code server} as {@code agentId}, trusting {@code fingerprint} there. */
  public ConsoleProfile loggedIn(String server, String agentId, String fingerprint) {
    Map<String, String> trusted = new LinkedHashMap<>(trustedServers);
    if (fingerprint != null) {
      trusted.put(server, fingerprint);
    }
    return new ConsoleProfile(server, agentId, trusted);
  }
}
