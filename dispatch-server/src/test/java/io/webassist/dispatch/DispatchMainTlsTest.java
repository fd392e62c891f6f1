package io.webassist.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.testing.LineClient;
import io.webassist.protocol.frame.Welcome;
import io.webassist.security.tls.TlsIdentity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dispatch-server} as an operator starts it, in its own JVM: TLS by default, with the
 * fingerprint on the second line of standard output for scripts to read; {@code --insecure} says
 * it is off there and warns on standard error at every start. A plain-text client on the TLS port
 * leaves one DEBUG line in the log, no stack trace.
 */
class DispatchMainTlsTest {

  private static final Pattern LISTENING = Pattern.compile("dispatch listening tcp=(\\d+) http=(\\d+)");
  private static final Pattern FINGERPRINT = Pattern.compile("dispatch tls fingerprint=((?:[0-9A-F]{2}:){31}[0-9A-F]{2})");

  @TempDir
  Path dir;

  /** A started server process: its first two stdout lines, and its log (our classes at DEBUG) and stderr files. */
  private record Started(Process process, int port, String secondLine, Path log, Path stderr) {}

  private Started start(String... args) throws IOException {
    Path log = dir.resolve("dispatch.log");
    Path stderr = dir.resolve("stderr.txt");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.log.io.webassist=debug",
        "-Dorg.slf4j.simpleLogger.logFile=" + log,
        "-cp", System.getProperty("java.class.path"), DispatchMain.class.getName(),
        "--bind", "127.0.0.1", "--port", "0", "--http-port", "0"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectError(stderr.toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    String second = out.readLine();
    if (first == null || second == null) {
      stop(process);
      throw new AssertionError("the server did not start: " + first + " / " + Files.readString(stderr));
    }
    Matcher listening = LISTENING.matcher(first);
    assertThat(listening.matches()).as(first).isTrue();
    return new Started(process, Integer.parseInt(listening.group(1)), second, log, stderr);
  }

  private static void stop(Process process) throws IOException {
    process.destroy(); // SIGTERM: the shutdown hook closes the server
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void defaultStartPrintsTheFingerprintOfTheKeptCertificateAndAnswersOnlyInTls() throws Exception {
    Path tlsDir = dir.resolve("tls");
    Started server = start("--tls-dir", tlsDir.toString());
    Matcher fingerprint = FINGERPRINT.matcher(server.secondLine());
    String pin = fingerprint.matches() ? fingerprint.group(1) : null;
    try {
      assertThat(pin).as(server.secondLine()).isNotNull();
      assertThat(TlsIdentity.loadPem(tlsDir.resolve("cert.pem"), tlsDir.resolve("key.pem")).fingerprint())
          .isEqualTo(pin);

      try (LineClient plain = new LineClient(server.port())) {
        plain.send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1,\"client\":\"Maria +1 555 0100\"}");
        plain.expectClosed();
      }
      try (LineClient tls = LineClient.pinned(server.port(), pin)) {
        tls.send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}").expect(Welcome.class);
      }
    } finally {
      stop(server.process());
    }
    String log = Files.readString(server.log());
    assertThat(log).contains("tls fingerprint=" + pin);
    assertThat(log).contains("tls failed connection=").contains("not a TLS record");
    assertThat(log).doesNotContain("\tat ", "ERROR", "Maria", "7b22"); // no trace, no hex dump of what came in
    assertThat(Files.readString(server.stderr())).doesNotContain("WARNING");
    assertThat(dir.resolve("webassist-data")).doesNotExist(); // --tls-dir replaced the default place
  }

  @Test
  void insecureStartSaysTlsIsOffAndWarnsOnStandardError() throws Exception {
    Started server = start("--insecure");
    try {
      assertThat(server.secondLine()).isEqualTo("dispatch tls off (--insecure)");
      try (LineClient plain = new LineClient(server.port())) {
        plain.send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}").expect(Welcome.class);
      }
    } finally {
      stop(server.process());
    }
    assertThat(Files.readString(server.stderr())).contains(DispatchMain.INSECURE_WARNING);
    assertThat(Files.readString(server.log()))
        .contains("WARN io.webassist.dispatch.DispatchServer - TLS is off (--insecure): names, phones and chats "
            + "cross the network in clear");
    assertThat(dir.resolve("webassist-data")).doesNotExist();
  }

  @Test
  void defaultDataDirIsUnderTheWorkingDirectory() throws Exception {
    Started server = start();
    try {
      assertThat(FINGERPRINT.matcher(server.secondLine()).matches()).as(server.secondLine()).isTrue();
    } finally {
      stop(server.process());
    }
    assertThat(dir.resolve("webassist-data").resolve("tls").resolve("cert.pem")).exists();
  }
}
