package io.webassist.protocol.codec;

import io.webassist.protocol.frame.*;
import java.util.List;
import java.util.Map;

/** One filled-in example of every frame type, for round trips and documentation checks. */
final class SampleFrames {

  private SampleFrames() {}

  static List<Frame> all() {
    UserInfo user = new UserInfo("Ada Lovelace", "+44 20 7946 0000", "203.0.113.7", "acme-42");
    Endpoint peer = new Endpoint("192.168.1.20", 51000);
    Endpoint relay = new Endpoint("help.example.com", 7400);
    return List.of(
        new Hello(Role.USER, 1, "webassist-client/0.1"),
        new Welcome(1, "c-17", 60000),
        new ErrorFrame(ErrorCode.BAD_FRAME, "malformed JSON", "r-1"),
        Ping.INSTANCE,
        Pong.INSTANCE,
        new AgentLogin("alice", "s3cret"),
        new AgentReady("alice", "Alice Agent", List.of("premium", "general"),
            List.of(new CannedReply("premium", "hi", "Hello! I am looking at your page now.")), 3),
        new AgentReady("alice", "Alice Agent", List.of("general")),
        new AgentStatus(Availability.AVAILABLE, 3),
        new SupportOffer("r-1", user, "https://shop.example.com/cart", 30000, 1764400000000L, "premium"),
        new SupportOffer("r-2", user, "https://shop.example.com/cart", 30000, 1764400000000L, "premium",
            new TransferInfo("bob", "Bob Agent", "Wants a refund; billing knows more.")),
        new OfferAccept("r-1"),
        new OfferDecline("r-1"),
        new OfferWithdrawn("r-1", "expired"),
        new SessionStart("s-1", "tok", "r-1", user, "https://shop.example.com/cart", peer, relay, "AB:CD",
            List.of("shop.example.com")),
        new SessionLinkReport("s-1", LinkPath.RELAY),
        new QueueStatus(List.of(new GroupQueue("premium", 3, 41000), new GroupQueue("general", 0, 0))),
        new SessionTransfer("s-1", null, "billing", "Wants a refund."),
        new SessionTransferFailed("s-1", "declined"),
        new SessionUserPresence("s-1", true, 30000L),
        new SessionUserPresence("s-1", false, null),
        new SupportRequest("Ada Lovelace", "+44 20 7946 0000", "acme-42", "https://shop.example.com/cart", peer,
            "1764400000.abcdef", "AB:CD", "k-8fQ2x7LmNc3VbZ1aYt9w"),
        new SupportQueued("r-1", 2, "agent_left"),
        new SupportQueued("r-1", 1, null, 45000L),
        new SupportAssigned("r-1", "s-1", "tok", new AgentRef("alice", "Alice Agent"), relay,
            List.of("shop.example.com")),
        new SupportUnavailable("r-1", "queue_full"),
        new SupportCancel("r-1"),
        new SupportReclaim("r-1", "s-1", "tok"),
        PageCommand.navigate("https://shop.example.com/checkout"),
        PageCommand.highlight("#voucher", 10, 20, 200, 30),
        PageCommand.at("pointer", 40, 50, "main > form > label:nth-of-type(1)", 3, 4),
        PageEvent.input("voucher", "SPRING-10"),
        PageEvent.at("click", 15, 25, "#checkout", 7, 9),
        PageBridgeState.of("paired", null),
        new PageBridgeState("connected", null, "Zr4Kq0x2LmNc3VbZ1aYt9w"),
        new PeerHello("s-1", "tok"),
        new PeerWelcome("s-1"),
        new SessionResume("s-1", 41),
        new RelayJoin("s-1", "tok"),
        new RelayJoined("s-1"),
        new RelayReady("s-1"),
        new RelayPartnerLeft("s-1"),
        new ChatMessage(1, 1764400000001L, "Hello, how can I help?"),
        new ChatTyping(2, 1764400000002L, true),
        new CobrowseConsent(3, 1764400000003L, true),
        new CobrowseNavigate(4, 1764400000004L, "https://shop.example.com/help"),
        new CobrowseScroll(5, 1764400000005L, 0, 640, "#cart > h2", 0, 12),
        new CobrowsePointer(6, 1764400000006L, 120, 300, "#voucher", 14, 6),
        new CobrowseHighlight(7, 1764400000007L, "#checkout", 10, 20, 200, 40),
        new CobrowseInput(8, 1764400000008L, "email", "ada@example.com"),
        new CobrowseClick(9, 1764400000009L, 15, 25, "#checkout", 7, 9),
        new CobrowseSnapshot(10, 1764400000010L, "https://shop.example.com/cart", 0, 640, true,
            Map.of("email", "ada@example.com")),
        new CobrowseRefused(11, 1764400000011L, "file:///etc/passwd", "url_not_allowed"),
        new SessionEnd(12, 1764400000012L, "s-1", "resolved"));
  }
}
