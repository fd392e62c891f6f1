package io.webassist.script.interactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.script.TestLineServer;
import io.webassist.script.ToyDispatch;
import io.webassist.script.scenario.HostPort;
import io.webassist.script.transport.LineSecurity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InteractiveConsoleTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private TestLineServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final StringWriter screen = new StringWriter();
  private PipedOutputStream keyboard;
  private Future<Integer> console;

  @BeforeEach
  void start() throws IOException {
    server = TestLineServer.start(new ToyDispatch());
    keyboard = new PipedOutputStream();
    BufferedReader in = new BufferedReader(new InputStreamReader(new PipedInputStream(keyboard), StandardCharsets.UTF_8));
    InteractiveConsole interactive = new InteractiveConsole(HostPort.parse(server.address()), WAIT, 65_536,
        LineSecurity.insecure(), new PrintWriter(screen, true));
    console = executor.submit(() -> interactive.run(in));
  }

  @AfterEach
  void stop() throws Exception {
    keyboard.close();
    console.get(10, TimeUnit.SECONDS);
    executor.shutdownNow();
    server.close();
  }

  @Test
  void typedFramesAreSentAndEverythingReceivedIsShownWithActorAndTime() throws Exception {
    type("alice: {\"type\":\"hello\",\"role\":\"agent\",\"protocol\":1}");

    await().atMost(WAIT).until(() -> screen.toString().contains("alice < {\"type\":\"welcome\""));
    assertThat(screen.toString()).containsPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} alice < \\{\"type\":\"welcome\"");
  }

  @Test
  void brokenLinesGoOutAsTypedSoBadInputCanBeExplored() throws Exception {
    type("bob: {\"type\":");

    await().atMost(WAIT).until(() -> screen.toString().contains("bob < {\"type\":\"error\",\"code\":\"bad_frame\""));
    assertThat(server.received()).containsExactly("{\"type\":");
  }

  @Test
  void actorsConnectListAndCloseByCommand() throws Exception {
    type("connect alice");
    type("connect bob " + server.address());
    type("actors");

    await().atMost(WAIT).until(() -> screen.toString().contains("bob  127.0.0.1:"));
    assertThat(screen.toString()).contains("alice connected to " + server.address());

    type("close alice");
    await().atMost(WAIT).until(() -> screen.toString().contains("alice closed (closed by this script)"));
    type("session: {\"type\":\"session.end\"}");
    await().atMost(WAIT).until(() -> screen.toString().contains("session closed (closed by the other side)"));
  }

  @Test
  void unknownCommandsGetAHintAndQuitEndsTheConsole() throws Exception {
    type("frobnicate");
    type("help");
    type("quit");

    assertThat(console.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(screen.toString()).contains("? type 'NAME: {json}' to send, or 'help'")
        .contains("connect NAME [h:p]").contains("bye");
  }

  private void type(String line) throws IOException {
    keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }
}
