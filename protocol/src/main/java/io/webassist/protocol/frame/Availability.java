package io.webassist.protocol.frame;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An agent's availability for new offers, set with {@code agent.status}. */
public enum Availability {
  AVAILABLE, AWAY;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Availability fromWire(String name) {
    for (Availability a : values()) {
      if (a.wireName().equals(name)) {
        return a;
      }
    }
    throw new FrameValidationException("agent.status", "status", "must be available or away");
  }
}
