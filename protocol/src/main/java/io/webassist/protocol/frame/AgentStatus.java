package io.webassist.protocol.frame;

/** An agent becomes available for offers or goes away; it may lower its own session limit. */
public record AgentStatus(Availability status, Integer maxSessions) implements Frame {
  public AgentStatus {
    Require.present(status, "agent.status", "status");
    if (maxSessions != null && maxSessions < 1) {
      throw new FrameValidationException("agent.status", "maxSessions", "must be at least 1");
    }
  }

  public AgentStatus(Availability status) {
    this(status, null);
  }
}
