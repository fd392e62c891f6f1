package io.webassist.dispatch.sessions;

import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.agents.AgentRegistry;
import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.sessions.SessionRegistry.Check;
import io.webassist.dispatch.testing.RecordingLink;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {

  private long now = 1_000L;
  private final SessionRegistry registry = new SessionRegistry(() -> now);
  private final AgentRegistry agents = new AgentRegistry(List.of(agent("ann", 1, "general")));

  private Session open() {
    return registry.open("r-1", "general", agents.find("ann").orElseThrow(), new RecordingLink("ann"),
        new UserClient(new RecordingLink("user"), "198.51.100.1"));
  }

  @Test
  void tokensAreAtLeast128RandomBitsAndNeverRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String token = Tokens.newToken();
      assertThat(Base64.getUrlDecoder().decode(token).length * 8).isGreaterThanOrEqualTo(128);
      assertThat(seen.add(token)).isTrue();
    }
  }

  @Test
  void liveSessionAcceptsItsOwnTokenOnly() {
    Session session = open();

    assertThat(registry.check(session.id(), session.token())).isEqualTo(Check.VALID);
    assertThat(registry.check(session.id(), session.token() + "x")).isEqualTo(Check.BAD_TOKEN);
    assertThat(registry.check(session.id(), "")).isEqualTo(Check.BAD_TOKEN);
    assertThat(registry.check("s-unknown", session.token())).isEqualTo(Check.BAD_TOKEN);
  }

  @Test
  void endedSessionIsReportedAsEndedAndEndsOnce() {
    Session session = open();

    assertThat(registry.end(session)).isTrue();
    assertThat(registry.end(session)).isFalse();
    assertThat(registry.check(session.id(), session.token())).isEqualTo(Check.ENDED);
    assertThat(registry.find(session.id())).isEmpty();
    assertThat(registry.recentlyEnded(session.id())).isTrue();
  }

  @Test
  void endedIdsAreForgottenOldestFirstOnceTenMinutesOldAndManyEnded() {
    List<Session> ended = new ArrayList<>();
    for (int i = 0; i < 6_000; i++) {
      Session session = open();
      registry.end(session);
      ended.add(session);
      now += i == 2_999 ? SessionRegistry.REMEMBER_ENDED_MS + 1 : 0;
    }

    Session last = open();
    registry.end(last);

    assertThat(registry.recentlyEnded(ended.get(0).id())).isFalse();
    assertThat(registry.recentlyEnded(ended.get(2_999).id())).isFalse();
    assertThat(registry.recentlyEnded(ended.get(3_000).id())).isTrue();
    assertThat(registry.recentlyEnded(last.id())).isTrue();
  }

  @Test
  void sameTokenComparesWholeValues() {
    assertThat(Tokens.sameToken("abc", "abc")).isTrue();
    assertThat(Tokens.sameToken("abc", "abd")).isFalse();
    assertThat(Tokens.sameToken("abc", "abcd")).isFalse();
    assertThat(Tokens.sameToken("abc", null)).isFalse();
  }
}
