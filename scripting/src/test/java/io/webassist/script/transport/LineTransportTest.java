package io.webassist.script.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.webassist.script.TestLineServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LineTransportTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final LineTransport transport = new LineTransport(100, LineSecurity.insecure());
  private TestLineServer server;

  @AfterEach
  void stop() {
    transport.close();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void sendsLinesAsWrittenAndReceivesLinesWithoutTheirEnds() throws Exception {
    server = TestLineServer.echo();
    LineConnection connection = transport.connect("127.0.0.1", server.port(), TIMEOUT);

    connection.send("{\"type\":", TIMEOUT);
    connection.send("héllo", TIMEOUT);

    assertThat(line(connection.inbox().next(TIMEOUT))).isEqualTo("{\"type\":");
    assertThat(line(connection.inbox().next(TIMEOUT))).isEqualTo("héllo");
    assertThat(server.received()).containsExactly("{\"type\":", "héllo");
  }

  @Test
  void lineLongerThanTheLimitClosesTheConnectionAndSaysWhy() throws Exception {
    server = TestLineServer.start((client, line) -> client.send("x".repeat(200)));
    LineConnection connection = transport.connect("127.0.0.1", server.port(), TIMEOUT);

    connection.send("go", TIMEOUT);

    assertThat(connection.inbox().next(TIMEOUT)).isEqualTo(new Inbox.Closed("received a line longer than 100 bytes"));
  }

  @Test
  void connectingToAClosedPortSaysWhy() throws IOException {
    int freePort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = probe.getLocalPort();
    }

    assertThatThrownBy(() -> transport.connect("127.0.0.1", freePort, TIMEOUT))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot connect to 127.0.0.1:" + freePort);
  }

  @Test
  void listenerKeepsLinesThatArriveBeforeAccept() throws Exception {
    try (LineListener listener = transport.listen("127.0.0.1")) {
      LineConnection dialer = transport.connect("127.0.0.1", listener.port(), TIMEOUT);
      dialer.send("early", TIMEOUT);

      LineConnection accepted = listener.accept(TIMEOUT);
      accepted.send("reply", TIMEOUT);

      assertThat(line(accepted.inbox().next(TIMEOUT))).isEqualTo("early");
      assertThat(line(dialer.inbox().next(TIMEOUT))).isEqualTo("reply");
      assertThat(accepted.remote()).isEqualTo(dialer.local());
    }
  }

  @Test
  void fullInboxStopsReadingUntilItDrainsAndLosesNothing() throws Exception {
    int total = 100_000;
    // reading stops at capacity; lines already read in the same network read (64 KiB at most) still arrive
    int bound = LineTransport.INBOX_CAPACITY + 65_536 / "{\"n\":0}\n".length();
    server = TestLineServer.start((client, line) -> {
      StringBuilder burst = new StringBuilder();
      for (int i = 0; i < total; i++) {
        burst.append("{\"n\":").append(i).append('}').append(i < total - 1 ? "\n" : "");
      }
      client.send(burst.toString());
    });
    LineConnection connection = transport.connect("127.0.0.1", server.port(), TIMEOUT);
    Inbox inbox = connection.inbox();

    connection.send("go", TIMEOUT);

    await().atMost(TIMEOUT).until(() -> inbox.snapshot().size() >= LineTransport.INBOX_CAPACITY);
    await().during(Duration.ofMillis(300)).atMost(TIMEOUT)
        .until(() -> inbox.snapshot().size() <= bound);
    List<String> lines = new ArrayList<>();
    while (lines.size() < total) {
      lines.add(line(inbox.next(TIMEOUT)));
    }
    assertThat(lines.get(0)).isEqualTo("{\"n\":0}");
    assertThat(lines.get(total - 1)).isEqualTo("{\"n\":" + (total - 1) + "}");
  }

  private static String line(Inbox.Next next) {
    assertThat(next).isInstanceOf(Inbox.Line.class);
    return ((Inbox.Line) next).received().line();
  }
}
