package io.webassist.protocol.frame;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which way a session's two peers are linked: straight to the user's IP, or through the relay. */
public enum LinkPath {
  DIRECT, RELAY;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static LinkPath fromWire(String name) {
    for (LinkPath p : values()) {
      if (p.wireName().equals(name)) {
        return p;
      }
    }
    throw new FrameValidationException("session.link", "path", "must be direct or relay");
  }
}
