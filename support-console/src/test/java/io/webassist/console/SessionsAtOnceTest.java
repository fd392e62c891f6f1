package io.webassist.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many sessions at once the console counts the load out of (agent.ready.maxSessions, --max-sessions). */
class SessionsAtOnceTest {

  @Test
  void theServersConfiguredMaximumHoldsUnlessTheAgentAskedForFewer() {
    assertThat(AgentDesk.sessionsAtOnce(null, 5)).isEqualTo(5);
    assertThat(AgentDesk.sessionsAtOnce(2, 5)).isEqualTo(2);
    assertThat(AgentDesk.sessionsAtOnce(9, 5)).as("the server caps what the agent asks").isEqualTo(5);
  }

  @Test
  void aServerTooOldToSayIsAssumedToHaveTheDefaultOrWhatTheAgentAsked() {
    assertThat(AgentDesk.sessionsAtOnce(null, null)).isEqualTo(AgentDesk.ASSUMED_MAX_SESSIONS).isEqualTo(3);
    assertThat(AgentDesk.sessionsAtOnce(2, null)).isEqualTo(2);
  }
}
