package io.webassist.link.twoprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.FieldKind;
import io.webassist.cobrowse.Notice;
import io.webassist.cobrowse.PageState;
import io.webassist.cobrowse.Side;
import io.webassist.cobrowse.UrlPolicy;
import io.webassist.link.LinkRuntime;
import io.webassist.link.session.LinkState;
import io.webassist.link.session.SessionLink;
import io.webassist.link.session.SessionLinks;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.CobrowseConsent;
import io.webassist.protocol.frame.CobrowseNavigate;
import io.webassist.protocol.frame.CobrowseRefused;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.FrameTypes;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.SessionEvent;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.UserInfo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Claims 88–94, 96, 98, 101–105, 107, 109 across two JVMs: the user's client runs in a child
 * process ({@link UserProcessMain}); this test is the agent. Over a direct TLS link to the user's
 * IP, pinned to the certificate the user's process made for this session, they exchange every
 * session event type and end with the same page state.
 */
class TwoProcessSessionTest {
  private Process child;

  @AfterEach
  void stopChild() {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
    }
  }

  @Test
  void agentAndUserInTwoProcessesExchangeEveryEventTypeAndEndWithTheSamePage() throws Exception {
    String sessionId = "s-" + UUID.randomUUID();
    String token = UUID.randomUUID().toString();
    BlockingQueue<String> childLines = startUser(sessionId, token);
    String[] endpoint = expectLine(childLines, "ENDPOINT ").split(" ");
    Endpoint peer = new Endpoint(endpoint[0], Integer.parseInt(endpoint[1]));

    Set<String> received = ConcurrentHashMap.newKeySet();
    AtomicReference<SessionLink> link = new AtomicReference<>();
    CompletableFuture<List<String>> agentReport = new CompletableFuture<>();
    try (LinkRuntime runtime = LinkRuntime.create()) {
      CobrowseSession agent = new CobrowseSession(Side.AGENT, UrlPolicy.forSession(List.of(), Script.PAGE),
          Script.PAGE, event -> link.get().send(event));
      SessionLink.Listener leader = new SessionLink.Listener() {
        @Override
        public void onStateChanged(SessionLink l, LinkState state) {
          link.set(l);
          if (state == LinkState.UP) {
            agent.linkUp();
            agent.chat(Script.ASK_CONSENT);
          }
        }

        @Override
        public void onEvent(SessionLink l, SessionEvent event) {
          received.add(event.type());
          agent.apply(event);
          if (event instanceof ChatMessage m && m.text().equals(Script.USER_DONE)) {
            lead(agent, l);
          } else if (event instanceof ChatMessage m && m.text().equals(Script.ALL_APPLIED)) {
            agentReport.complete(Script.report(agent, received));
            l.end("resolved");
          }
        }
      };
      SessionStart start = new SessionStart(sessionId, token, "r-1", new UserInfo("Ann", null, "127.0.0.1", "c-42"),
          Script.PAGE, peer, null, endpoint[2], List.of());
      SessionLink agentLink = new SessionLinks(runtime, Script.OPTIONS).connectAsAgent(start, leader)
          .get(30, TimeUnit.SECONDS);
      assertThat(agentLink.path()).isEqualTo(LinkPath.DIRECT);

      List<String> mine = agentReport.get(60, TimeUnit.SECONDS);
      List<String> theirs = new ArrayList<>();
      for (String line = expectLine(childLines, ""); !line.equals("END"); line = expectLine(childLines, "")) {
        theirs.add(line);
      }
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isZero();

      // the same page: URL, scroll, consent, highlight and shared fields
      assertThat(line(theirs, "VIEW ")).isEqualTo(line(mine, "VIEW "));
      assertThat(line(mine, "VIEW ")).contains("url=https://shop.example.com/help", "scrollY=480", "consent=true",
          "selector=#faq", "email=ann@example.com", "name=Ann Smith").doesNotContain("hunter2", "password");
      // the same chat, in the same order, on both sides
      assertThat(line(theirs, "CHAT ")).isEqualTo(line(mine, "CHAT "));
      // each sees the other's pointer and click
      assertThat(line(theirs, "REMOTE_POINTER ")).isEqualTo(String.valueOf(new PageState.Point(200, 100)));
      assertThat(line(mine, "REMOTE_POINTER ")).isEqualTo(String.valueOf(new PageState.Point(30, 40)));
      assertThat(line(theirs, "REMOTE_CLICK ")).isEqualTo(String.valueOf(new PageState.Click(201, 101, "#faq a")));
      assertThat(line(mine, "REMOTE_CLICK ")).isEqualTo(String.valueOf(new PageState.Click(31, 41, "#help")));
      // the file: URL was refused by the user and the agent was told
      assertThat(line(theirs, "NOTICES ")).contains(Notice.Kind.NAVIGATION_REFUSED.name(),
          Notice.Kind.SESSION_ENDED.name());
      assertThat(line(mine, "NOTICES ")).contains(Notice.Kind.REFUSED_BY_PEER.name());
      // between them, every session event type crossed the link
      Set<String> allTypes = new TreeSet<>();
      allTypes.addAll(List.of(line(mine, "RECEIVED ").split(",")));
      allTypes.addAll(List.of(line(theirs, "RECEIVED ").split(",")));
      assertThat(allTypes).containsExactlyInAnyOrderElementsOf(sessionEventTypes());
    }
  }

  /** The agent's turn: lead the page, then misbehave once with a file: URL the user must refuse. */
  private static void lead(CobrowseSession agent, SessionLink link) {
    agent.navigate("https://shop.example.com/help");
    agent.scroll(0, 480);
    agent.pointer(200, 100);
    agent.highlight("#faq", 10, 20, 300, 40);
    agent.input("name", "Ann Smith", FieldKind.TEXT);
    agent.click(201, 101, "#faq a");
    agent.typing(true);
    link.send(new CobrowseNavigate(Script.REFUSED_URL)); // bypasses the agent's own policy on purpose
    agent.chat(Script.AGENT_DONE);
  }

  private static Set<String> sessionEventTypes() {
    Set<String> names = new TreeSet<>();
    FrameTypes.all().forEach((name, type) -> {
      if (SessionEvent.class.isAssignableFrom(type)) {
        names.add(name);
      }
    });
    assertThat(names).contains(FrameTypes.nameOf(CobrowseConsent.class), FrameTypes.nameOf(CobrowseRefused.class));
    return names;
  }

  private BlockingQueue<String> startUser(String sessionId, String token) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java,
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.logFile=System.err",
        "-cp", System.getProperty("java.class.path"),
        UserProcessMain.class.getName(), sessionId, token);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    child = builder.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (java.io.IOException ignored) {
        // the child is gone
      }
    }, "user-process-output");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static String expectLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
    while (true) {
      String line = lines.poll(30, TimeUnit.SECONDS);
      if (line == null) {
        throw new AssertionError("the user process said nothing for 30 s (expected '" + prefix + "…')");
      }
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length());
      }
    }
  }

  private static String line(List<String> report, String prefix) {
    return report.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix + " in " + report));
  }
}
