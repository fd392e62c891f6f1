package io.webassist.link.twoprocess;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.FieldKind;
import io.webassist.cobrowse.Side;
import io.webassist.cobrowse.UrlPolicy;
import io.webassist.link.LinkRuntime;
import io.webassist.link.session.LinkState;
import io.webassist.link.session.PeerListener;
import io.webassist.link.session.SessionLink;
import io.webassist.link.session.SessionLinks;
import io.webassist.protocol.frame.AgentRef;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionEvent;
import io.webassist.protocol.frame.SupportAssigned;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The user's end of {@code TwoProcessSessionTest}, run in its own JVM: opens a peer listener,
 * prints its endpoint and certificate fingerprint, admits the agent, follows the script and prints its final state.
 * Args: sessionId token.
 */
public final class UserProcessMain {
  private UserProcessMain() {}

  public static void main(String[] args) throws Exception {
    String sessionId = args[0];
    String token = args[1];
    CountDownLatch ended = new CountDownLatch(1);
    Set<String> received = ConcurrentHashMap.newKeySet();
    AtomicReference<SessionLink> link = new AtomicReference<>();
    try (LinkRuntime runtime = LinkRuntime.create(1)) {
      SessionLinks links = new SessionLinks(runtime, Script.OPTIONS);
      PeerListener listener = links.openPeerListener("127.0.0.1").get(10, TimeUnit.SECONDS);
      System.out.println("ENDPOINT " + listener.endpoint().host() + " " + listener.endpoint().port()
          + " " + listener.fingerprint());
      System.out.flush();

      // the model lives on the link thread: every call below happens in a link callback
      CobrowseSession user = new CobrowseSession(Side.USER, UrlPolicy.forSession(List.of(), Script.PAGE),
          Script.PAGE, event -> link.get().send(event));
      SessionLink.Listener follower = new SessionLink.Listener() {
        @Override
        public void onStateChanged(SessionLink l, LinkState state) {
          link.set(l);
          if (state == LinkState.UP) {
            user.linkUp();
          }
        }

        @Override
        public void onEvent(SessionLink l, SessionEvent event) {
          received.add(event.type());
          user.apply(event);
          if (event instanceof ChatMessage m) {
            react(user, m.text());
          } else if (event instanceof SessionEnd) {
            Script.report(user, received).forEach(System.out::println);
            System.out.println("END");
            System.out.flush();
            ended.countDown();
          }
        }
      };
      SupportAssigned assigned = new SupportAssigned("r-1", sessionId, token, new AgentRef("bob", "Bob"), null, List.of());
      links.acceptAsUser(listener, assigned, follower);
      if (!ended.await(60, TimeUnit.SECONDS)) {
        System.out.println("TIMEOUT");
        System.exit(2);
      }
    }
  }

  private static void react(CobrowseSession user, String cue) {
    if (cue.equals(Script.ASK_CONSENT)) {
      user.allowCobrowsing();
      user.scroll(0, 120);
      user.pointer(30, 40);
      user.click(31, 41, "#help");
      user.input("email", "ann@example.com", FieldKind.TEXT);
      user.input("password", "hunter2", FieldKind.PASSWORD);
      user.navigate("https://shop.example.com/cart");
      user.typing(true);
      user.chat(Script.USER_DONE);
    } else if (cue.equals(Script.AGENT_DONE)) {
      user.chat(Script.ALL_APPLIED);
    }
  }
}
