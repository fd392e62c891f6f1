package io.webassist.dispatch.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One agent the server knows: who may log in, under which name, for which groups, with how many
 * sessions at once. {@code passwordHash} is made by {@link PasswordHasher#hash(char[])}; a plain
 * password is never stored.
 */
public record AgentConfig(String id, String displayName, List<String> groups, int maxSessions, String passwordHash) {

  public static final int DEFAULT_MAX_SESSIONS = 3;

  public AgentConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(passwordHash, "passwordHash");
    displayName = displayName == null || displayName.isBlank() ? id : displayName;
    groups = groups == null ? List.of() : List.copyOf(new LinkedHashSet<>(groups));
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1: " + maxSessions);
    }
  }

  /** An agent with the default session limit. */
  public static AgentConfig of(String id, String displayName, List<String> groups, String passwordHash) {
    return new AgentConfig(id, displayName, groups, DEFAULT_MAX_SESSIONS, passwordHash);
  }

  public AgentConfig withMaxSessions(int maxSessions) {
    return new AgentConfig(id, displayName, groups, maxSessions, passwordHash);
  }

  @Override
  public String toString() {
    return "AgentConfig[id=" + id + ", displayName=" + displayName + ", groups=" + groups
        + ", maxSessions=" + maxSessions + ", passwordHash=***]";
  }
}
