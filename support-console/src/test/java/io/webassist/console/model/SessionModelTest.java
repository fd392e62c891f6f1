package io.webassist.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.Side;
import io.webassist.cobrowse.UrlPolicy;
import io.webassist.console.testing.RecordingPageView;
import io.webassist.link.session.LinkState;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.CobrowseClick;
import io.webassist.protocol.frame.CobrowseConsent;
import io.webassist.protocol.frame.CobrowseInput;
import io.webassist.protocol.frame.CobrowseNavigate;
import io.webassist.protocol.frame.CobrowsePointer;
import io.webassist.protocol.frame.CobrowseRefused;
import io.webassist.protocol.frame.CobrowseScroll;
import io.webassist.protocol.frame.CobrowseHighlight;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.SessionEvent;
import io.webassist.protocol.frame.UserInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page-event mapping both ways, unread marks and the link, without a window. */
class SessionModelTest {
  private static final String PAGE = "https://shop.example/cart";
  private final List<SessionEvent> sent = new ArrayList<>();
  private final CobrowseSession cobrowse = new CobrowseSession(Side.AGENT, UrlPolicy.forSession(List.of(), PAGE), PAGE,
      sent::add);
  private final SessionModel session = new SessionModel("s-1", "r-1", new UserInfo("Ada", "+44 1", "10.0.0.7", "acme-1"),
      PAGE, "general", 1_000, null, cobrowse);
  private final List<SessionEvent> shown = new ArrayList<>();
  private final RecordingPageView view = new RecordingPageView();
  private long seq;

  {
    session.addListener(new SessionModel.Listener() {
      @Override
      public void userEvent(SessionModel s, SessionEvent event) {
        shown.add(event);
      }
    });
  }

  private void fromUser(SessionEvent event) {
    session.userEvent(event.stamped(++seq, 0), 5_000 + seq);
  }

  @Test
  void withoutConsentTheUsersPageEventsAreNeitherShownNorListed() {
    fromUser(new CobrowsePointer(10, 20));
    fromUser(new CobrowseClick(10, 20, "#pay"));

    assertThat(shown).isEmpty();
    assertThat(session.activity().entries()).isEmpty();
  }

  @Test
  void withConsentPointerClickAndInputReachThePageViewAndTheActivityListWithTheirTime() {
    fromUser(new CobrowseConsent(true));
    fromUser(new CobrowsePointer(10, 20));
    fromUser(new CobrowsePointer(11, 21));
    fromUser(new CobrowseClick(11, 21, "#pay"));
    fromUser(new CobrowseInput(0, 0, "email", "ada@example.com"));
    fromUser(new CobrowseScroll(0, 300));

    assertThat(shown).extracting(SessionEvent::type).containsExactly("cobrowse.consent", "cobrowse.pointer",
        "cobrowse.pointer", "cobrowse.click", "cobrowse.input", "cobrowse.scroll");
    // a run of pointer moves keeps one entry, the latest
    assertThat(session.activity().entries()).extracting(e -> ActivityText.describe(e.event())).containsExactly(
        "allowed co-browsing", "pointer at 11,21", "clicked #pay at 11,21", "typed in email: ada@example.com",
        "scrolled to 0,300");
    assertThat(session.activity().entries().get(0).at()).isEqualTo(5_001);
    assertThat(cobrowse.page().fields()).containsEntry("email", "ada@example.com");
  }

  @Test
  void aStaleEventChangesNothing() {
    session.userEvent(new CobrowseConsent(true).stamped(5, 0), 1);
    session.userEvent(new CobrowseClick(1, 1, "#old").stamped(3, 0), 2);

    assertThat(shown).hasSize(1);
  }

  @Test
  void chatFromTheUserMarksTheTabUnreadUntilItIsInView() {
    fromUser(new ChatMessage("hello?"));
    fromUser(new ChatMessage("anyone?"));
    assertThat(session.unread()).isEqualTo(2);

    session.inView(true);
    fromUser(new ChatMessage("thanks"));

    assertThat(session.unread()).isZero();
    assertThat(cobrowse.chat().texts()).containsExactly("hello?", "anyone?", "thanks");
  }

  @Test
  void theAgentsNavigateScrollPointerAndHighlightBecomeSessionEventsOnlyWithConsent() {
    PageActions actions = new PageActions(cobrowse, view);
    actions.navigated(PAGE + "?step=1");
    assertThat(sent).isEmpty();
    assertThat(cobrowse.notices()).last().extracting(n -> n.kind().name()).isEqualTo("CONSENT_REQUIRED");
    assertThat(view.loads).as("the agent may look on their own before consent").containsExactly(PAGE + "?step=1");

    fromUser(new CobrowseConsent(true));
    actions.navigated(PAGE + "?step=2");
    assertThat(view.loads).as("the view loads only what the console tells it to")
        .containsExactly(PAGE + "?step=1", PAGE + "?step=2");
    actions.scrolled(0, 400, "#list", 0, 10);
    actions.pointerMoved(30, 40, "#pay", 2, 3);
    actions.highlighted("#pay", 30, 40, 120, 32);

    assertThat(sent).containsExactly(new CobrowseNavigate(PAGE + "?step=2"), new CobrowseScroll(0, 0, 0, 400, "#list", 0, 10),
        new CobrowsePointer(0, 0, 30, 40, "#pay", 2, 3), new CobrowseHighlight(0, 0, "#pay", 30, 40, 120, 32));
  }

  @Test
  void aNavigationThePolicyForbidsIsRefusedWithANotice() {
    fromUser(new CobrowseConsent(true));
    new PageActions(cobrowse, view).navigated("file:///etc/passwd");

    assertThat(sent).isEmpty();
    assertThat(cobrowse.notices()).last().satisfies(n -> assertThat(n.message()).contains("not opening file:///etc/passwd"));
    assertThat(view.loads).as("a refused URL is never loaded").isEmpty();
    assertThat(view.userEvents).singleElement().isInstanceOfSatisfying(CobrowseRefused.class, r -> {
      assertThat(r.url()).isEqualTo("file:///etc/passwd");
      assertThat(r.reason()).isEqualTo(cobrowse.policy().refusal("file:///etc/passwd").orElseThrow());
    });
  }

  @Test
  void aRefusedNavigationsNoticeIsClearedWhenTheSharedPageMovesOn() {
    List<String> cleared = new ArrayList<>();
    session.addListener(new SessionModel.Listener() {
      @Override
      public void noticeCleared(SessionModel s, io.webassist.cobrowse.Notice n) {
        cleared.add(n.message());
      }
    });
    fromUser(new CobrowseConsent(true));
    PageActions actions = new PageActions(cobrowse, view);
    actions.navigated("file:///etc/passwd");
    assertThat(session.notice().message()).contains("not opening file:///etc/passwd");
    // moves on the same page: the refusal still applies
    fromUser(new CobrowsePointer(1, 2));
    actions.scrolled(0, 400, "#list", 0, 10);
    assertThat(cleared).isEmpty();

    actions.navigated(PAGE + "?step=2");

    assertThat(cleared).singleElement().satisfies(m -> assertThat(m).contains("not opening file:///etc/passwd"));
    assertThat(session.notice()).isNull();
  }

  @Test
  void aRefusedNavigationsNoticeIsClearedWhenTheUserGoesElsewhere() {
    List<String> cleared = new ArrayList<>();
    session.addListener(new SessionModel.Listener() {
      @Override
      public void noticeCleared(SessionModel s, io.webassist.cobrowse.Notice n) {
        cleared.add(n.message());
      }
    });
    fromUser(new CobrowseConsent(true));
    new PageActions(cobrowse, view).navigated("https://elsewhere.example/");
    assertThat(session.notice().kind()).isEqualTo(io.webassist.cobrowse.Notice.Kind.NAVIGATION_REFUSED);

    fromUser(new CobrowseNavigate(PAGE + "?step=3"));

    assertThat(cleared).hasSize(1);
    assertThat(session.notice()).isNull();
  }

  @Test
  void beforeConsentAUrlThePolicyForbidsIsRefusedAndNotLoaded() {
    new PageActions(cobrowse, view).navigated("https://elsewhere.example/");

    assertThat(sent).isEmpty();
    assertThat(view.loads).isEmpty();
    assertThat(view.userEvents).singleElement().isInstanceOf(CobrowseRefused.class);
  }

  @Test
  void theUsersPresenceIsKeptWithItsGraceAndTold() {
    List<Boolean> told = new ArrayList<>();
    session.addListener(new SessionModel.Listener() {
      @Override
      public void presenceChanged(SessionModel s) {
        told.add(s.userAway());
      }
    });
    session.userPresence(true, 30_000L);
    assertThat(session.userAway()).isTrue();
    assertThat(session.awayGraceMs()).isEqualTo(30_000L);
    assertThat(SessionModel.presenceText(session)).contains("dropped").contains("30 s");

    session.userPresence(false, null);
    assertThat(session.userAway()).isFalse();
    assertThat(session.awayGraceMs()).isNull();
    assertThat(SessionModel.presenceText(session)).contains("back");
    assertThat(told).containsExactly(true, false);
  }

  @Test
  void theLinkPathIsKeptWhileItRecovers() {
    session.link(LinkState.UP, LinkPath.DIRECT);
    session.link(LinkState.RECOVERING, null);

    assertThat(session.path()).isEqualTo(LinkPath.DIRECT);
    assertThat(session.linkState()).isEqualTo(LinkState.RECOVERING);
  }

  @Test
  void tabsCountTheLoadAndCloseWithTheEndReason() {
    SessionTabs tabs = new SessionTabs(2);
    List<EndReason> closed = new ArrayList<>();
    tabs.addListener(new SessionTabs.Listener() {
      @Override
      public void sessionOpened(SessionModel s) {}

      @Override
      public void sessionClosed(SessionModel s, EndReason reason) {
        closed.add(reason);
      }
    });
    tabs.open(session);
    assertThat(tabs.load()).isEqualTo(1);
    assertThat(tabs.full()).isFalse();

    tabs.close("s-1", EndReason.TRANSFERRED);
    tabs.close("s-1", EndReason.RESOLVED);

    assertThat(closed).containsExactly(EndReason.TRANSFERRED);
    assertThat(session.endReason()).isEqualTo(EndReason.TRANSFERRED);
    assertThat(tabs.load()).isZero();
  }
}
