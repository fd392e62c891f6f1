package io.webassist.protocol.frame;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who opened a connection, declared in {@code hello}. */
public enum Role {
  USER, AGENT, RELAY, PEER;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Role fromWire(String name) {
    for (Role role : values()) {
      if (role.wireName().equals(name)) {
        return role;
      }
    }
    throw new FrameValidationException("hello", "role", "must be one of user, agent, relay, peer");
  }
}
