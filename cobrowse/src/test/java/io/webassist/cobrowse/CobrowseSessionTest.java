package io.webassist.cobrowse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.CobrowseInput;
import io.webassist.protocol.frame.CobrowseNavigate;
import io.webassist.protocol.frame.CobrowseRefused;
import io.webassist.protocol.frame.CobrowseScroll;
import io.webassist.protocol.frame.CobrowseSnapshot;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CobrowseSessionTest {

  @Nested
  class Consent {
    @Test
    void agentCannotLeadBeforeTheUserAllowsCobrowsing() {
      Pair pair = new Pair();

      assertThat(pair.agent.navigate("https://shop.example.com/help")).isFalse();
      assertThat(pair.agent.scroll(0, 400)).isFalse();
      assertThat(pair.agent.pointer(10, 10)).isFalse();
      assertThat(pair.agent.highlight("#pay", 0, 0, 10, 10)).isFalse();

      assertThat(pair.toUser.sent).isEmpty();
      assertThat(pair.agent.page().url()).isEqualTo(Pair.PAGE);
      assertThat(pair.agent.notices()).extracting(Notice::kind).containsOnly(Notice.Kind.CONSENT_REQUIRED);
    }

    @Test
    void userRefusesLeadEventsItDidNotAllow() {
      Pair pair = new Pair();
      // a misbehaving agent sends anyway
      pair.user.apply(new CobrowseNavigate(1, 1, "https://shop.example.com/elsewhere"));
      pair.user.apply(new CobrowseScroll(2, 2, 0, 900));

      assertThat(pair.user.page().url()).isEqualTo(Pair.PAGE);
      assertThat(pair.user.page().scrollY()).isZero();
      assertThat(pair.toAgent.sentOf(CobrowseRefused.class)).singleElement()
          .extracting(CobrowseRefused::reason).isEqualTo(CobrowseSession.NO_CONSENT);
    }

    @Test
    void agentLeadsOnceAllowedAndTheUserFollows() {
      Pair pair = new Pair().consented();

      pair.agent.navigate("https://shop.example.com/help");
      pair.agent.scroll(0, 640);
      pair.agent.pointer(120, 80);
      pair.agent.highlight("#faq", 10, 20, 300, 40);
      pair.agent.click(5, 6, "#open");
      pair.deliver();

      PageState page = pair.user.page();
      assertThat(page.url()).isEqualTo("https://shop.example.com/help");
      assertThat(page.scrollY()).isEqualTo(640);
      assertThat(page.remotePointer()).isEqualTo(new PageState.Point(120, 80));
      assertThat(page.highlight()).isEqualTo(new PageState.Highlight("#faq", 10, 20, 300, 40));
      assertThat(page.remoteClick()).isEqualTo(new PageState.Click(5, 6, "#open"));
      assertThat(pair.user.page().view()).isEqualTo(pair.agent.page().view());
    }

    @Test
    void userCanStopCobrowsingAtAnyTime() {
      Pair pair = new Pair().consented();
      pair.agent.highlight("#a", 0, 0, 1, 1);
      pair.deliver();

      pair.user.stopCobrowsing();
      pair.deliver();

      assertThat(pair.agent.page().consent()).isFalse();
      assertThat(pair.agent.page().highlight()).isNull();
      assertThat(pair.agent.scroll(0, 10)).isFalse();
      int sentBefore = pair.toUser.sent.size();
      pair.user.scroll(0, 50); // stays on the user's page
      pair.deliver();
      assertThat(pair.toAgent.sentOf(CobrowseScroll.class)).isEmpty();
      assertThat(pair.toUser.sent).hasSize(sentBefore);
    }

    @Test
    void onlyTheUserGivesConsent() {
      Pair pair = new Pair();
      assertThatThrownBy(pair.agent::allowCobrowsing).isInstanceOf(IllegalStateException.class);
      pair.user.apply(new io.webassist.protocol.frame.CobrowseConsent(1, 1, true));
      assertThat(pair.user.page().consent()).isFalse();
    }
  }

  @Nested
  class UserEvents {
    @Test
    void userScrollPointerClickAndInputReachTheAgent() {
      Pair pair = new Pair().consented();

      pair.user.scroll(0, 300);
      pair.user.pointer(40, 50);
      pair.user.click(41, 51, "#buy");
      pair.user.input("email", "ann@example.com", FieldKind.TEXT);
      pair.deliver();

      PageState agentView = pair.agent.page();
      assertThat(agentView.scrollY()).isEqualTo(300);
      assertThat(agentView.remotePointer()).isEqualTo(new PageState.Point(40, 50));
      assertThat(agentView.remoteClick()).isEqualTo(new PageState.Click(41, 51, "#buy"));
      assertThat(agentView.fields()).containsEntry("email", "ann@example.com");
    }

    @Test
    void passwordInputIsNeverSent() {
      Pair pair = new Pair().consented();

      assertThat(pair.user.input("password", "hunter2", FieldKind.PASSWORD)).isFalse();
      pair.deliver();

      assertThat(pair.toAgent.sentOf(CobrowseInput.class)).isEmpty();
      assertThat(pair.toAgent.sent).noneMatch(e -> e.toString().contains("hunter2"));
      assertThat(pair.agent.page().fields()).doesNotContainKey("password");
    }

    @Test
    void inputOfFieldsThePageMarksSensitiveIsNeverSent() {
      Pair pair = new Pair();
      pair.user.markSensitive("cardNumber");
      pair.user.input("cardNumber", "4111111111111111", FieldKind.TEXT); // before consent, kept locally? no
      pair.user.allowCobrowsing();
      pair.deliver();

      assertThat(pair.user.input("cardNumber", "4111111111111111", FieldKind.TEXT)).isFalse();
      assertThat(pair.user.input("cvc", "123", FieldKind.SENSITIVE)).isFalse();
      pair.user.linkUp(); // a snapshot must not carry them either
      pair.deliver();

      assertThat(pair.toAgent.sent).noneMatch(e -> e.toString().contains("4111") || e.toString().contains("123,"));
      assertThat(pair.toAgent.sentOf(CobrowseSnapshot.class))
          .allSatisfy(s -> assertThat(s.fields()).doesNotContainKeys("cardNumber", "cvc"));
      assertThat(pair.agent.page().fields()).isEmpty();
    }

    @Test
    void agentInputIntoAFieldTheUserMarkedSensitiveIsNotApplied() {
      Pair pair = new Pair().consented();
      pair.user.markSensitive("iban");
      pair.agent.input("iban", "DE00", FieldKind.TEXT);
      pair.deliver();
      assertThat(pair.user.page().fields()).doesNotContainKey("iban");
    }
  }

  @Nested
  class UrlPolicyRules {
    @ParameterizedTest
    @ValueSource(strings = {
        "file:///etc/passwd",
        "jar:file:/tmp/evil.jar!/index.html",
        "javascript:alert(1)",
        "https://evil.example.net/phish",
        "http://shop.example.com@evil.example.net/",
        "ftp://shop.example.com/file",
        "https://shop.example.com:bad/",
        "not a url at all",
        "//shop.example.com/relative"})
    void receivedNavigationToARefusedUrlIsNotFollowedAndIsAnsweredAndShown(String url) {
      Pair pair = new Pair().consented();
      long before = pair.toAgent.sent.size();

      pair.user.apply(new CobrowseNavigate(100, 1, url));

      assertThat(pair.user.page().url()).isEqualTo(Pair.PAGE);
      assertThat(pair.user.notices()).last().satisfies(n -> {
        assertThat(n.kind()).isEqualTo(Notice.Kind.NAVIGATION_REFUSED);
        assertThat(n.url()).isEqualTo(url);
      });
      assertThat(pair.toAgent.sent).hasSize((int) before + 1);
      assertThat(pair.toAgent.sentOf(CobrowseRefused.class)).last().extracting(CobrowseRefused::url).isEqualTo(url);
      pair.deliver();
      assertThat(pair.agent.notices()).last().extracting(Notice::kind).isEqualTo(Notice.Kind.REFUSED_BY_PEER);
    }

    @Test
    void agentCannotNavigateToARefusedUrlItself() {
      Pair pair = new Pair().consented();
      assertThat(pair.agent.navigate("file:///etc/passwd")).isFalse();
      assertThat(pair.agent.page().url()).isEqualTo(Pair.PAGE);
      assertThat(pair.toUser.sentOf(CobrowseNavigate.class)).isEmpty();
      assertThat(pair.agent.notices()).last().extracting(Notice::kind).isEqualTo(Notice.Kind.NAVIGATION_REFUSED);
    }

    @Test
    void withoutAConfiguredListOnlyTheHostOfTheUsersPageIsAllowed() {
      UrlPolicy policy = UrlPolicy.forSession(List.of(), "https://Shop.Example.com/cart?x=1");
      assertThat(policy.allows("http://shop.example.com/other")).isTrue();
      assertThat(policy.allows("https://SHOP.example.com./x")).isTrue();
      assertThat(policy.allows("https://cdn.example.com/x")).isFalse();
    }

    @Test
    void theConfiguredListReplacesThePageHostAndAllowsWildcardSubdomains() {
      UrlPolicy policy = UrlPolicy.forSession(List.of("help.example.org", "*.example.com"), "https://shop.other.net/");
      assertThat(policy.allows("https://help.example.org/")).isTrue();
      assertThat(policy.allows("https://a.b.example.com/")).isTrue();
      assertThat(policy.allows("https://example.com.evil.net/")).isFalse();
      assertThat(policy.allows("https://shop.other.net/")).isFalse();
    }
  }

  @Nested
  class Ordering {
    @Test
    void staleAndDuplicateEventsAreIgnored() {
      Pair pair = new Pair().consented();
      long base = pair.user.lastAppliedSeq();
      CobrowseScroll newer = new CobrowseScroll(base + 2, 2, 0, 200);
      CobrowseScroll older = new CobrowseScroll(base + 1, 1, 0, 100);

      pair.user.apply(newer);
      pair.user.apply(older);
      pair.user.apply(newer);

      assertThat(pair.user.page().scrollY()).isEqualTo(200);
      assertThat(pair.user.lastAppliedSeq()).isEqualTo(base + 2);
    }

    @Test
    void chatIsShownOnceInTheSendersOrder() {
      Pair pair = new Pair();
      pair.agent.chat("Hello, I am Bob");
      List<SessionEvent> toUser = new java.util.ArrayList<>(pair.toUser.inFlight);
      pair.deliver();
      pair.user.chat("Hi Bob");
      pair.deliver();
      pair.agent.chat("Let me show you");
      toUser.addAll(pair.toUser.inFlight);
      pair.deliver();
      toUser.forEach(pair.user::apply); // replayed after a reconnect: ignored

      assertThat(pair.user.chat().entries()).extracting(ChatLog.Entry::sender, ChatLog.Entry::text).containsExactly(
          org.assertj.core.groups.Tuple.tuple(Side.AGENT, "Hello, I am Bob"),
          org.assertj.core.groups.Tuple.tuple(Side.USER, "Hi Bob"),
          org.assertj.core.groups.Tuple.tuple(Side.AGENT, "Let me show you"));
      assertThat(pair.agent.chat().texts()).containsExactly("Hello, I am Bob", "Hi Bob", "Let me show you");
    }

    @Test
    void chatNeedsNoConsentAndTypingIsShown() {
      Pair pair = new Pair();
      pair.user.typing(true);
      pair.deliver();
      assertThat(pair.agent.chat().peerTyping()).isTrue();
      pair.user.chat("help");
      pair.deliver();
      assertThat(pair.agent.chat().peerTyping()).isFalse();
      assertThat(pair.toAgent.sentOf(ChatMessage.class)).hasSize(1);
    }

    @Test
    void sessionEndIsShown() {
      Pair pair = new Pair();
      pair.agent.apply(new SessionEnd(5, 1, "s1", "done"));
      assertThat(pair.agent.notices()).last().extracting(Notice::kind).isEqualTo(Notice.Kind.SESSION_ENDED);
    }
  }

  @Nested
  class Snapshots {
    @Test
    void lateJoinerStartsInTheUsersStateFromTheSnapshot() {
      Pair pair = new Pair().consented();
      pair.user.navigate("https://shop.example.com/step2");
      pair.user.scroll(0, 720);
      pair.user.input("name", "Ann", FieldKind.TEXT);
      // the agent's console restarted: a fresh model, then the link comes up again
      CobrowseSession lateAgent = new CobrowseSession(Side.AGENT, pair.agent.policy(), Pair.PAGE, e -> {});
      pair.toAgent.inFlight.clear();
      pair.user.linkUp();
      pair.toAgent.drainInto(lateAgent);

      assertThat(lateAgent.page().view()).isEqualTo(pair.user.page().view());
      assertThat(lateAgent.page().fields()).isEqualTo(Map.of("name", "Ann"));
    }

    @Test
    void receivedSnapshotReplacesTheState() {
      Pair pair = new Pair().consented();
      pair.agent.apply(new CobrowseSnapshot(50, 1, "https://shop.example.com/x", 3, 4, true, Map.of("a", "b")));
      assertThat(pair.agent.page().view()).isEqualTo(new PageState.View(
          "https://shop.example.com/x", 3, 4, true, null, Map.of("a", "b")));
    }

    @Test
    void snapshotWithoutConsentRevealsNothing() {
      Pair pair = new Pair();
      pair.user.input("name", "Ann", FieldKind.TEXT);
      pair.user.linkUp();
      assertThat(pair.toAgent.sentOf(CobrowseSnapshot.class)).singleElement().satisfies(s -> {
        assertThat(s.consent()).isFalse();
        assertThat(s.url()).isNull();
        assertThat(s.fields()).isEmpty();
      });
    }

    @Test
    void agentModelSendsNoSnapshotSoTheTwoNeverCross() {
      Pair pair = new Pair();
      pair.agent.linkUp();
      assertThat(pair.toUser.sent).isEmpty();
    }
  }
}
