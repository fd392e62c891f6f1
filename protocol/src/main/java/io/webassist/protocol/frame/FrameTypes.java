package io.webassist.protocol.frame;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one map from wire names to frame types. These names are the contract; never rename one. */
public final class FrameTypes {

  public static final int PROTOCOL_VERSION = 1;

  private static final Map<String, Class<? extends Frame>> BY_NAME = new LinkedHashMap<>();
  private static final Map<Class<? extends Frame>, String> BY_TYPE = new LinkedHashMap<>();

  static {
    // connection
    add("hello", Hello.class);
    add("welcome", Welcome.class);
    add("error", ErrorFrame.class);
    add("ping", Ping.class);
    add("pong", Pong.class);
    // agent ↔ dispatch
    add("agent.login", AgentLogin.class);
    add("agent.ready", AgentReady.class);
    add("agent.status", AgentStatus.class);
    add("support.offer", SupportOffer.class);
    add("offer.accept", OfferAccept.class);
    add("offer.decline", OfferDecline.class);
    add("offer.withdrawn", OfferWithdrawn.class);
    add("session.start", SessionStart.class);
    add("session.link", SessionLinkReport.class);
    add("queue.status", QueueStatus.class);
    add("session.transfer", SessionTransfer.class);
    add("session.transfer_failed", SessionTransferFailed.class);
    add("session.user_presence", SessionUserPresence.class);
    // user ↔ dispatch
    add("support.request", SupportRequest.class);
    add("support.queued", SupportQueued.class);
    add("support.assigned", SupportAssigned.class);
    add("support.unavailable", SupportUnavailable.class);
    add("support.cancel", SupportCancel.class);
    add("support.reclaim", SupportReclaim.class);
    // page bridge: assist client ↔ dispatch ↔ the person's browser tab
    add("page.command", PageCommand.class);
    add("page.event", PageEvent.class);
    add("page.bridge", PageBridgeState.class);
    // session link
    add("peer.hello", PeerHello.class);
    add("peer.welcome", PeerWelcome.class);
    add("session.resume", SessionResume.class);
    add("relay.join", RelayJoin.class);
    add("relay.joined", RelayJoined.class);
    add("relay.ready", RelayReady.class);
    add("relay.partner_left", RelayPartnerLeft.class);
    // session events
    add("chat.message", ChatMessage.class);
    add("chat.typing", ChatTyping.class);
    add("cobrowse.consent", CobrowseConsent.class);
    add("cobrowse.navigate", CobrowseNavigate.class);
    add("cobrowse.scroll", CobrowseScroll.class);
    add("cobrowse.pointer", CobrowsePointer.class);
    add("cobrowse.highlight", CobrowseHighlight.class);
    add("cobrowse.input", CobrowseInput.class);
    add("cobrowse.click", CobrowseClick.class);
    add("cobrowse.snapshot", CobrowseSnapshot.class);
    add("cobrowse.refused", CobrowseRefused.class);
    add("session.end", SessionEnd.class);
  }

  private FrameTypes() {}

  private static void add(String name, Class<? extends Frame> type) {
    BY_NAME.put(name, type);
    BY_TYPE.put(type, name);
  }

  /** Every wire name with its type, in the order of docs/PROTOCOL.md. */
  public static Map<String, Class<? extends Frame>> all() {
    return Collections.unmodifiableMap(BY_NAME);
  }

  public static String nameOf(Class<?> type) {
    String name = BY_TYPE.get(type);
    if (name == null) {
      throw new IllegalArgumentException("not a frame type: " + type.getName());
    }
    return name;
  }

  public static Class<? extends Frame> typeOf(String name) {
    return BY_NAME.get(name);
  }
}
