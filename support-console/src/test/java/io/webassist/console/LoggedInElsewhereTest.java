package io.webassist.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.console.model.DeskStatus;
import io.webassist.console.testing.TestServer;
import io.webassist.protocol.frame.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An agent who logs in at a second console takes over (the server's default login policy); the first
 * console stops and says why, instead of reconnecting and taking the login back — which made the two
 * consoles push each other out every couple of seconds.
 */
class LoggedInElsewhereTest {

  private final TestServer server = TestServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theFirstConsoleStopsAndSaysWhyAndTheSecondStaysLoggedIn() {
    try (AgentDesk first = desk(); AgentDesk second = desk()) {
      assertThat(first.start()).succeedsWithin(Duration.ofSeconds(15));
      assertThat(second.start()).succeedsWithin(Duration.ofSeconds(15));

      await("the first console stopped").atMost(Duration.ofSeconds(15))
          .until(() -> first.model().status().connection() == DeskStatus.Connection.CLOSED);
      assertThat(first.model().status().problem().code()).isEqualTo(ErrorCode.ALREADY_LOGGED_IN);
      assertThat(first.model().status().problem().message()).contains("another place");

      // long enough for the first console's reconnect back-off to have fired, had it reconnected
      await("the second console still logged in after the first one's reconnect would have come")
          .pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
          .until(() -> second.model().status().connection() == DeskStatus.Connection.ONLINE);
      assertThat(second.model().status().problem()).isNull();
    }
  }

  private AgentDesk desk() {
    return new AgentDesk(new AgentDesk.Login("127.0.0.1", server.port(), "bob", "bob-pw", server.security(), 3),
        Runnable::run, Clock.systemUTC());
  }
}
