package io.webassist.dispatch.testing;

import io.webassist.dispatch.config.AgentConfig;
import io.webassist.dispatch.config.PasswordHasher;
import java.util.List;

/** Agents for tests, with cheap password hashes (every agent's password is {@link #PASSWORD}). */
public final class TestHashes {

  public static final String PASSWORD = "s3cret!";
  /** One hash made at the lowest accepted work factor, shared so tests stay fast. */
  public static final String HASH = PasswordHasher.hash(PASSWORD.toCharArray(), PasswordHasher.MIN_ITERATIONS);

  private TestHashes() {}

  public static AgentConfig agent(String id, int maxSessions, String... groups) {
    return new AgentConfig(id, "Agent " + id, List.of(groups), maxSessions, HASH);
  }
}
