package io.webassist.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.dispatch.testing.LineClient;
import io.webassist.dispatch.testing.OpenSession;
import io.webassist.dispatch.testing.TestHashes;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Pong;
import io.webassist.protocol.frame.RelayJoined;
import io.webassist.protocol.frame.RelayReady;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.Welcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, "Privacy: names, phones and IPs appear in logs only at a debug level the operator turns
 * on". The real server runs in its own JVM ({@code DispatchMain}, as an operator starts it) with
 * slf4j-simple writing to a file; a whole flow runs against it — request, offer, session, relay,
 * chat, end — plus bad input that carries the user's details and hits limits from the user's
 * address. The log must then hold the flow (so the test is not vacuous) and none of the user's
 * name, phone, customer id, page URL or IP address, nor a secret typed as an agent id.
 */
class PersonalDataLogTest {

  private static final String USER_IP = "127.0.0.77";
  private static final String NAME = "Zebulon Quickfeather";
  private static final String PHONE = "+44 20 7946 0991";
  private static final String CUSTOMER = "ACME-77310";
  private static final String PAGE = "https://shop.example/orders/zq-5521";
  private static final String TYPED_SECRET = "hunter2-typed-as-id";
  private static final List<String> PERSONAL = List.of(NAME, "Zebulon", "Quickfeather", PHONE, "7946",
      CUSTOMER, PAGE, "zq-5521", USER_IP, TYPED_SECRET);

  @TempDir
  Path dir;

  @Test
  void atInfoTheLogOfAWholeFlowHasNoNamePhoneOrIp() throws Exception {
    String log = runFlowAndReadLog("info", false, List.of());

    assertThat(log).contains("request queued", "session started", "relay paired", "session ended",
        "agent login failed agentId=<unknown>", "limit hit limit=connections_per_ip",
        "limit hit limit=frame_too_large", "limit hit limit=hello_timeout");
    for (String personal : PERSONAL) {
      assertThat(log).as("log at INFO").doesNotContain(personal);
    }
  }

  @Test
  void atDebugWithoutPersonalDataTheDispatchServersLinesHaveNoNamePhoneOrIp() throws Exception {
    // Netty's own DEBUG output and the protocol module's decoder (which names the remote address at
    // DEBUG whatever the setting: see the report of issue 6) are outside this module
    String log = runFlowAndReadLog("debug", false, List.of(
        "-Dorg.slf4j.simpleLogger.log.io.netty=info",
        "-Dorg.slf4j.simpleLogger.log.io.webassist.protocol=info"));

    assertThat(log).contains("DEBUG", "request queued");
    for (String personal : PERSONAL) {
      assertThat(log).as("log at DEBUG without logging.personalData").doesNotContain(personal);
    }
  }

  @Test
  void atDebugWithPersonalDataTheDetailsAreLogged() throws Exception {
    String log = runFlowAndReadLog("debug", true, List.of("-Dorg.slf4j.simpleLogger.log.io.netty=info"));

    assertThat(log).contains("request details", NAME, PHONE, USER_IP, "limit hit details");
    assertThat(log).doesNotContain(TYPED_SECRET); // never, whatever the setting
  }

  private String runFlowAndReadLog(String level, boolean personalData, List<String> extraJvmArgs) throws Exception {
    Path config = dir.resolve("webassist.json");
    Files.writeString(config, """
        {"bind": "127.0.0.1", "tcpPort": 0, "httpPort": 0,
         "agents": [{"id": "ann", "groups": ["general"], "passwordHash": "%s"}],
         "limits": {"maxConnectionsPerIp": 4, "helloTimeoutMs": 1000, "maxLineLength": 4096},
         "logging": {"personalData": %s}}
        """.formatted(TestHashes.HASH, personalData));
    Path logFile = dir.resolve("dispatch-" + level + "-" + personalData + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + level,
        "-Dorg.slf4j.simpleLogger.logFile=" + logFile));
    command.addAll(extraJvmArgs);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), DispatchMain.class.getName(),
        "--config", config.toString(), "--insecure")); // plain sockets below; TlsTcpTest covers TLS
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      int port = listeningPort(process);
      runFlow(port);
    } finally {
      process.destroy(); // SIGTERM: the shutdown hook closes the server
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    return Files.readString(logFile);
  }

  private static int listeningPort(Process process) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Pattern listening = Pattern.compile("dispatch listening tcp=(\\d+) http=(\\d+)");
    List<String> seen = new ArrayList<>();
    for (String line; (line = out.readLine()) != null; ) {
      Matcher m = listening.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "dispatch-stdout");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
      seen.add(line);
    }
    throw new AssertionError("the server did not start: " + seen);
  }

  private static void runFlow(int port) {
    String request = "{\"type\":\"support.request\",\"name\":\"" + NAME + "\",\"phone\":\"" + PHONE
        + "\",\"customerId\":\"" + CUSTOMER + "\",\"pageUrl\":\"" + PAGE + "\",\"peer\":{\"host\":\"" + USER_IP
        + "\",\"port\":50123}}";
    try (OpenSession session = OpenSession.start(port, "ann", USER_IP, request);
        LineClient userRelay = new LineClient(port, USER_IP);
        LineClient agentRelay = new LineClient(port)) {
      String join = "{\"type\":\"relay.join\",\"sessionId\":\"" + session.sessionId + "\",\"token\":\"" + session.token + "\"}";
      userRelay.send("{\"type\":\"hello\",\"role\":\"relay\",\"protocol\":1}").expect(Welcome.class);
      userRelay.send(join).expect(RelayJoined.class);
      agentRelay.send("{\"type\":\"hello\",\"role\":\"relay\",\"protocol\":1}").expect(Welcome.class);
      agentRelay.send(join).expect(RelayReady.class);
      userRelay.expect(RelayReady.class);
      userRelay.send("{\"type\":\"chat.message\",\"seq\":1,\"ts\":1,\"text\":\"Hi, I am " + NAME + ", call " + PHONE + "\"}");
      assertThat(agentRelay.readLine()).contains(NAME);

      badInputCarryingPersonalData(port, session);

      session.user.send("{\"type\":\"session.end\",\"sessionId\":\"" + session.sessionId + "\",\"reason\":\"resolved\"}");
      assertThat(session.agent.expect(SessionEnd.class).reason()).isEqualTo("resolved");
    }
  }

  /**
   * A new connection from {@link #USER_IP} that the server admitted: with maxConnectionsPerIp=4, the
   * close of the one before may not have reached the server yet on a busy machine.
   */
  private static LineClient admitted(int port) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> {
      LineClient client = new LineClient(port, USER_IP);
      client.send("{\"type\":\"ping\"}");
      if (client.next() instanceof Pong) {
        return client;
      }
      client.close();
      return null;
    }, Objects::nonNull);
  }

  private static void badInputCarryingPersonalData(int port, OpenSession session) {
    session.user.send("{\"type\":\"support.request\",\"name\":\"" + NAME + "\",\"phone\":");
    session.user.expectError(ErrorCode.BAD_FRAME);
    try (LineClient typo = admitted(port)) {
      typo.send("{\"type\":\"hello\",\"role\":\"agent\",\"protocol\":1}").expect(Welcome.class);
      typo.send("{\"type\":\"agent.login\",\"agentId\":\"" + TYPED_SECRET + "\",\"secret\":\"" + NAME + "\"}");
      typo.expectError(ErrorCode.AUTH_FAILED);
    }
    try (LineClient forger = admitted(port)) {
      forger.send("{\"type\":\"hello\",\"role\":\"relay\",\"protocol\":1}").expect(Welcome.class);
      forger.send("{\"type\":\"relay.join\",\"sessionId\":\"" + NAME + " " + PHONE + "\",\"token\":\"x\"}");
      forger.expectError(ErrorCode.BAD_TOKEN);
    }
    try (LineClient tooLong = admitted(port)) {
      tooLong.send("{\"type\":\"chat.message\",\"text\":\"" + (NAME + " ").repeat(300) + "\"}");
      tooLong.expectError(ErrorCode.FRAME_TOO_LARGE);
    }
    try (LineClient silent = admitted(port)) {
      silent.expectError(ErrorCode.HELLO_TIMEOUT);
    }
    List<LineClient> crowd = new ArrayList<>();
    try {
      while (crowd.size() < 5) { // the session's user and relay connections are open: a few more reach the limit
        LineClient extra = new LineClient(port, USER_IP);
        crowd.add(extra);
        extra.send("{\"type\":\"ping\"}");
        if (extra.next() instanceof ErrorFrame refused) {
          assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_CONNECTIONS);
          return;
        }
      }
      throw new AssertionError("no too_many_connections from " + USER_IP);
    } finally {
      crowd.forEach(LineClient::close);
    }
  }
}
