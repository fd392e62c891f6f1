package io.webassist.client.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.Side;
import io.webassist.cobrowse.UrlPolicy;
import io.webassist.protocol.frame.CobrowseClick;
import io.webassist.protocol.frame.CobrowseConsent;
import io.webassist.protocol.frame.CobrowseHighlight;
import io.webassist.protocol.frame.CobrowseInput;
import io.webassist.protocol.frame.CobrowseNavigate;
import io.webassist.protocol.frame.CobrowsePointer;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.PageBridgeState;
import io.webassist.protocol.frame.PageCommand;
import io.webassist.protocol.frame.PageEvent;
import io.webassist.protocol.frame.SessionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client as the page bridge's authority, without sockets: what reaches the person's tab (only
 * with consent, only allowed navigation) and what leaves it for the agent (never a masked field).
 */
class PageBridgeTest {

  private static final String PAGE = "https://shop.example/cart";

  private final List<Frame> toServer = new ArrayList<>();
  private final List<SessionEvent> toAgent = new ArrayList<>();
  private final List<String> status = new ArrayList<>();
  private final AtomicLong now = new AtomicLong(1_000);
  private final PageBridge bridge = new PageBridge("k", toServer::add, status::add, now::get);
  private CobrowseSession model;
  private long agentSeq;

  @BeforeEach
  void pairedWithATabAndInASession() {
    model = new CobrowseSession(Side.USER, UrlPolicy.forSession(List.of(), PAGE), PAGE, toAgent::add);
    bridge.onDispatchFrame(PageBridgeState.of("paired", null));
    bridge.onDispatchFrame(PageBridgeState.of("page_connected", null));
    bridge.attach(model);
  }

  private void fromAgent(SessionEvent event) {
    SessionEvent stamped = event.stamped(++agentSeq, 0);
    model.apply(stamped);
    bridge.onEvent(null, stamped);
  }

  @Test
  void theTabSharesOnlyWhileThePersonAllowsIt() {
    assertThat(toServer).containsExactly(PageCommand.of("stop"));
    model.allowCobrowsing();
    model.stopCobrowsing();
    assertThat(toServer).containsExactly(PageCommand.of("stop"), PageCommand.of("share"), PageCommand.of("stop"));
  }

  @Test
  void withoutConsentNothingTheAgentDoesReachesTheTabAndNothingThePageSaysReachesTheAgent() {
    toServer.clear();
    fromAgent(new CobrowseNavigate("https://shop.example/checkout"));
    fromAgent(new CobrowseHighlight("#voucher", 0, 0, 0, 0));
    bridge.onDispatchFrame(PageEvent.input("voucher", "SPRING-10"));
    assertThat(toServer).isEmpty();
    assertThat(toAgent).extracting(Frame::type).containsExactly("cobrowse.refused"); // the model's answer: no consent
  }

  @Test
  void theAgentsAllowedNavigationHighlightAndPointerReachTheTab() {
    model.allowCobrowsing();
    toServer.clear();
    fromAgent(new CobrowseNavigate("https://shop.example/checkout"));
    fromAgent(new CobrowseNavigate("https://evil.example/phish"));
    fromAgent(new CobrowseHighlight("#voucher", 1, 2, 3, 4));
    fromAgent(new CobrowseHighlight("", 0, 0, 0, 0));
    fromAgent(new CobrowsePointer(0, 0, 10, 20, "#voucher", 3, 4));
    fromAgent(new CobrowsePointer(0, 0, 11, 21, "#voucher", 4, 5));
    assertThat(toServer).as("%s", toServer).containsExactly(PageCommand.navigate("https://shop.example/checkout"),
        PageCommand.highlight("#voucher", 1, 2, 3, 4), PageCommand.of("clear"),
        PageCommand.at("pointer", 10, 20, "#voucher", 3, 4));
  }

  @Test
  void thePersonsInputClicksAndNavigationReachTheAgentButNeverASecretField() {
    model.allowCobrowsing();
    toAgent.clear();
    bridge.onDispatchFrame(PageEvent.input("voucher", "SPRING-10"));
    bridge.onDispatchFrame(PageEvent.input("card_number", "4111111111111111"));
    bridge.onDispatchFrame(PageEvent.input("password", "hunter2"));
    bridge.onDispatchFrame(PageEvent.at("click", 5, 6, "#pay", 1, 2));
    bridge.onDispatchFrame(PageEvent.ready("https://shop.example/next"));
    assertThat(toAgent).extracting(Frame::type)
        .containsExactly("cobrowse.input", "cobrowse.click", "cobrowse.navigate");
    assertThat(((CobrowseInput) toAgent.get(0)).value()).isEqualTo("SPRING-10");
    assertThat(((CobrowseClick) toAgent.get(1)).target()).isEqualTo("#pay");
    assertThat(toAgent.toString()).doesNotContain("4111111111111111", "hunter2");
  }

  @Test
  void endOnThePageWithdrawsConsent() {
    model.allowCobrowsing();
    toAgent.clear();
    bridge.onDispatchFrame(PageEvent.of("end"));
    assertThat(toAgent).containsExactly(new CobrowseConsent(false));
    assertThat(model.page().consent()).isFalse();
  }

  @Test
  void aNewPageIsToldAgainAndTheSessionsEndStopsIt() {
    model.allowCobrowsing();
    bridge.onDispatchFrame(PageBridgeState.of("page_left", null));
    toServer.clear();
    bridge.onDispatchFrame(PageBridgeState.of("page_connected", null));
    bridge.detach();
    assertThat(toServer).containsExactly(PageCommand.of("share"), PageCommand.of("stop"));
  }
}
