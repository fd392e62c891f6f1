package io.webassist.dispatch.broker;

import static io.webassist.dispatch.testing.BrokerFixture.POSITION_UPDATE_MS;
import static io.webassist.dispatch.testing.BrokerFixture.linkOf;
import static io.webassist.dispatch.testing.BrokerFixture.request;
import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.testing.BrokerFixture;
import io.webassist.dispatch.testing.RecordingLink;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportQueued;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Under a stream of assignments, waiting users hear their position at most once per
 * {@code positionUpdateMs} (after the first answer), never a position they do not hold at that
 * moment, and once things settle the last position each one heard is exactly where it stands.
 */
class CoalescedPositionsTest {

  private static final int USERS = 40;

  private final BrokerFixture f = new BrokerFixture(
      List.of(agent("ann", 1, "general"), agent("bob", 1, "general"), agent("cy", 1, "general")), List.of());

  /** Per user: the clock time and position of every support.queued it heard; and whether it was assigned. */
  private final Map<UserClient, List<long[]>> heard = new HashMap<>();
  private final Map<UserClient, Boolean> assigned = new HashMap<>();

  @Test
  void positionsAreCoalescedButTheLastOneHeardIsExact() {
    List<UserClient> users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      UserClient user = f.user("u" + i, "198.51.100." + (i + 1));
      users.add(user);
      heard.put(user, new ArrayList<>());
      f.broker.submit(user, request("u" + i, null));
    }
    List<RecordingLink> consoles = List.of(f.loginAvailable("ann"), f.loginAvailable("bob"), f.loginAvailable("cy"));
    List<String> agentIds = List.of("ann", "bob", "cy");
    drain(users);

    for (int round = 0; round < 8; round++) { // 24 assignments, several per interval
      for (int k = 0; k < consoles.size(); k++) {
        RecordingLink console = consoles.get(k);
        String requestId = console.take(SupportOffer.class).get(0).requestId();
        f.broker.accept(f.agent(agentIds.get(k)), console, requestId);
        f.broker.endSession(console, console.take(SessionStart.class).get(0).sessionId(), "resolved");
      }
      f.clock.advance(POSITION_UPDATE_MS / 3);
      drain(users);
    }
    f.clock.advance(POSITION_UPDATE_MS * 10); // settled: every due update has gone out
    drain(users);

    int position = 0;
    for (UserClient user : users) {
      List<long[]> told = heard.get(user);
      for (int i = 2; i < told.size(); i++) { // the first answer and the first change may come back to back
        // heard times are those of the drains, a third of the interval apart
        assertThat(told.get(i)[0] - told.get(i - 1)[0]).as("%s heard twice within the interval", user.link())
            .isGreaterThanOrEqualTo(POSITION_UPDATE_MS - POSITION_UPDATE_MS / 3);
      }
      if (assigned.getOrDefault(user, false)) {
        continue;
      }
      position++;
      assertThat(told).as("%s waits", user.link()).isNotEmpty();
      assertThat(told.get(told.size() - 1)[1]).as("last position %s heard", user.link()).isEqualTo(position);
    }
    assertThat(position).isEqualTo(USERS - 24); // three of them offered, holding the front places
  }

  private void drain(List<UserClient> users) {
    for (UserClient user : users) {
      for (Frame frame : linkOf(user).take()) {
        if (frame instanceof SupportQueued queued) {
          heard.get(user).add(new long[] {f.clock.now(), queued.position()});
        } else if (frame instanceof SupportAssigned) {
          assigned.put(user, true);
        }
      }
    }
  }
}
