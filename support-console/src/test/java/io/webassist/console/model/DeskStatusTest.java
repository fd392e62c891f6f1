package io.webassist.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.Availability;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server's refusal is kept while it applies and dropped once the console logged in again. */
class DeskStatusTest {
  private final DeskStatus status = new DeskStatus("127.0.0.1:7400", "bob");

  @Test
  void aProblemStaysThroughOtherChangesAndIsClearedByTheNextLogin() {
    List<DeskStatus.Change> changes = new ArrayList<>();
    status.addListener((s, change) -> changes.add(change));
    status.loggedIn(new AgentReady("bob", "Bob", List.of("general")));
    status.problem(new DeskStatus.Problem("over_capacity", "You have as many sessions as you may."));
    status.availability(Availability.AWAY);
    assertThat(status.problem()).isNotNull();

    status.connection(DeskStatus.Connection.RECONNECTING);
    status.loggedIn(new AgentReady("bob", "Bob", List.of("general")));

    assertThat(status.problem()).isNull();
    assertThat(status.logins()).isEqualTo(2);
    assertThat(changes).containsExactly(DeskStatus.Change.LOGGED_IN, DeskStatus.Change.PROBLEM,
        DeskStatus.Change.AVAILABILITY, DeskStatus.Change.CONNECTION, DeskStatus.Change.LOGGED_IN);
  }
}
