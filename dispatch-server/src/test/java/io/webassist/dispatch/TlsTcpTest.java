package io.webassist.dispatch;

import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.webassist.dispatch.config.LimitsConfig;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import io.webassist.dispatch.limits.Limit;
import io.webassist.dispatch.testing.LineClient;
import io.webassist.dispatch.testing.OpenSession;
import io.webassist.link.LinkException;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.link.dispatch.DispatchConnection;
import io.webassist.protocol.frame.RelayJoined;
import io.webassist.protocol.frame.RelayReady;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.Welcome;
import io.webassist.security.pin.Fingerprints;
import io.webassist.security.tls.TlsContexts;
import io.webassist.security.tls.TlsIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatch server's TCP port over TLS (issue 6, transport and identity): pinned clients — the
 * link library as the assist client and console use it, and a blocking socket — say hello, run the
 * whole support flow and the relay over TLS 1.3; plain text, a wrong pin and refused connections
 * are closed without disturbing anyone else; the self-signed identity is kept across restarts and
 * is the one {@code openssl} sees; the operator's PEM files are used when configured.
 */
class TlsTcpTest {

  /**
   * Longer than any wait in these tests: a connection that is closed while this is the handshake
   * deadline was closed by the code under test, not by the timeout.
   */
  private static final long HANDSHAKE_NEVER_MS = 600_000;

  @TempDir
  Path dir;

  private final List<AutoCloseable> open = new ArrayList<>();
  private DispatchServer server;

  private ServerConfig config(TlsConfig tls) {
    return ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withAgents(List.of(agent("ann", 1, "general")))
        .withTls(tls);
  }

  private DispatchServer start(ServerConfig config) throws IOException {
    server = DispatchServer.start(config);
    return server;
  }

  private DispatchServer startSelfSigned() throws IOException {
    return start(config(TlsConfig.selfSigned(dir.resolve("tls"))));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private LineClient pinned(String fromAddress) {
    LineClient client = LineClient.pinned(server.tcpPort(), fromAddress, server.fingerprint());
    open.add(client);
    return client;
  }

  private LineClient hello(LineClient client, String role) {
    client.send("{\"type\":\"hello\",\"role\":\"" + role + "\",\"protocol\":1}").expect(Welcome.class);
    return client;
  }

  @Test
  void pinnedLinkClientGetsWelcomeOverTls() throws Exception {
    startSelfSigned();
    LinkRuntime runtime = LinkRuntime.create(1);
    open.add(runtime);

    DispatchConnection connection = DispatchConnection.builder(runtime, "127.0.0.1", server.tcpPort(), Role.USER)
        .security(TransportSecurity.pinned(server.fingerprint()))
        .connect().get(10, TimeUnit.SECONDS);
    open.add(connection);

    assertThat(connection.welcome().protocol()).isEqualTo(1);
    assertThat(connection.welcome().connectionId()).isNotBlank();
  }

  @Test
  void handshakeIsTls13WithAForwardSecretCipherAndTheServersCertificate() throws Exception {
    startSelfSigned();

    LineClient client = hello(pinned(null), "user");

    SSLSession session = client.tlsSession();
    assertThat(session.getProtocol()).isEqualTo("TLSv1.3");
    assertThat(TlsContexts.CIPHERS).contains(session.getCipherSuite());
    assertThat(Fingerprints.of((X509Certificate) session.getPeerCertificates()[0])).isEqualTo(server.fingerprint());
  }

  @Test
  void wholeSupportFlowRunsOverTls() throws Exception {
    startSelfSigned();

    // agent login, user request, offer, accept, the same session and token on both sides (OpenSession asserts it)
    try (OpenSession session = OpenSession.start(from -> pinned(from), "ann")) {
      assertThat(session.token).isNotBlank();
      assertThat(session.agent.tlsSession().getProtocol()).isEqualTo("TLSv1.3");
      assertThat(session.user.tlsSession().getProtocol()).isEqualTo("TLSv1.3");
    }
    assertThat(server.metrics()).containsEntry("sessions_started", 1L);
  }

  @Test
  void relayOverTlsForwardsALineBetweenTwoPinnedClients() throws Exception {
    startSelfSigned();
    try (OpenSession session = OpenSession.start(from -> pinned(from), "ann")) {
      String join = "{\"type\":\"relay.join\",\"sessionId\":\"" + session.sessionId + "\",\"token\":\"" + session.token + "\"}";
      LineClient agentSide = hello(pinned(null), "relay").send(join);
      agentSide.expect(RelayJoined.class);
      LineClient userSide = hello(pinned(null), "relay").send(join);
      userSide.expect(RelayReady.class);
      agentSide.expect(RelayReady.class);

      String chat = "{\"type\":\"chat.message\",\"seq\":1,\"ts\":1700000000000,\"text\":\"Hello over TLS\"}";
      agentSide.send(chat);
      assertThat(userSide.readLine()).isEqualTo(chat);
      userSide.send("{\"type\":\"chat.message\",\"seq\":1,\"ts\":1700000000001,\"text\":\"Hi!\"}");
      assertThat(agentSide.readLine()).contains("Hi!");
    }
  }

  @Test
  void plainClientOnTheTlsPortIsClosedQuicklyAndTheServerGoesOn() throws Exception {
    start(config(TlsConfig.selfSigned(dir.resolve("tls")))
        .withLimits(new LimitsConfig.Builder().helloTimeoutMs(HANDSHAKE_NEVER_MS).build()));

    LineClient plain = new LineClient(server.tcpPort());
    open.add(plain);
    plain.send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}");
    plain.expectClosed(); // fails on the client's read timeout if the server only waited

    hello(pinned(null), "user");
  }

  @Test
  void wrongPinFailsOnTheClientSideAndTheServerGoesOn() throws Exception {
    startSelfSigned();
    String wrong = TlsIdentity.selfSigned("someone-else").fingerprint();
    LinkRuntime runtime = LinkRuntime.create(1);
    open.add(runtime);

    assertThatThrownBy(() -> DispatchConnection.builder(runtime, "127.0.0.1", server.tcpPort(), Role.AGENT)
            .security(TransportSecurity.pinned(wrong)).connect().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(LinkException.class)
        .satisfies(e -> assertThat(((LinkException) e).code()).isEqualTo(LinkException.TLS_FAILED));
    assertThatThrownBy(() -> LineClient.pinned(server.tcpPort(), wrong))
        .isInstanceOf(UncheckedIOException.class).cause().isInstanceOf(SSLHandshakeException.class);

    hello(pinned(null), "agent");
  }

  @Test
  void connectionOverTheLimitIsClosedAtOnceWithoutWaitingForItsHandshake() throws Exception {
    start(config(TlsConfig.selfSigned(dir.resolve("tls")))
        .withLimits(new LimitsConfig.Builder().maxConnectionsPerIp(1).helloTimeoutMs(HANDSHAKE_NEVER_MS).build()));
    LineClient first = hello(pinned(null), "user");

    // refused before any handshake: the handshake would otherwise hang until the client's read timeout
    assertThatThrownBy(() -> pinned(null)).isInstanceOf(UncheckedIOException.class);

    assertThat(server.metrics()).containsEntry(Limit.CONNECTIONS_PER_IP.metric(), 1L);
    first.close();
    await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> hello(pinned(null), "user"));
  }

  @Test
  void selfSignedIdentityIsKeptAcrossRestartsAndIsWhatOpensslSees() throws Exception {
    Path tlsDir = dir.resolve("data").resolve("tls");
    String first = startSelfSigned(tlsDir);
    server.close();
    String second = startSelfSigned(tlsDir);

    assertThat(second).isEqualTo(first);
    Path cert = tlsDir.resolve(TlsIdentity.CERT_FILE);
    assertThat(cert).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tlsDir.resolve(TlsIdentity.KEY_FILE))))
        .isEqualTo("rw-------");
    assumeThat(opensslAvailable()).as("openssl on the PATH").isTrue();
    String openssl = run("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", cert.toString());
    assertThat(Fingerprints.normalize(openssl.strip())).isEqualTo(first);
  }

  private String startSelfSigned(Path tlsDir) throws IOException {
    return start(config(TlsConfig.selfSigned(tlsDir))).fingerprint();
  }

  @Test
  void selfSignedCommonNameIsThePublicHostUnlessConfigured() throws Exception {
    start(config(TlsConfig.selfSigned(dir.resolve("a"))).withPublicHost("support.example.com"));
    String subject = pinned(null).tlsSession().getPeerPrincipal().getName();
    assertThat(subject).isEqualTo("CN=support.example.com");
    server.close();

    start(config(TlsConfig.selfSigned(dir.resolve("b")).withCommonName("dispatch.internal"))
        .withPublicHost("support.example.com"));
    assertThat(pinned(null).tlsSession().getPeerPrincipal().getName()).isEqualTo("CN=dispatch.internal");
  }

  @Test
  void operatorPemFilesAreUsedWhenConfigured() throws Exception {
    TlsIdentity operators = TlsIdentity.selfSigned("support.example.com");
    Path cert = Files.writeString(dir.resolve("server.crt"), operators.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), operators.privateKeyPem());
    Path unusedDataDir = dir.resolve("unused");

    start(config(new TlsConfig(true, cert, key, unusedDataDir, null)));

    assertThat(server.fingerprint()).isEqualTo(operators.fingerprint());
    hello(pinned(null), "user");
    assertThat(unusedDataDir).doesNotExist();
  }

  @Test
  void unreadableOperatorPemFailsTheStartNamingTheFile() {
    Path missing = dir.resolve("missing.crt");
    Path key = dir.resolve("missing.key");

    assertThatThrownBy(() -> start(config(TlsConfig.pem(missing, key))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot load the TLS identity").hasMessageContaining(missing.toString());
  }

  @Test
  void plainModeHasNoFingerprint() throws Exception {
    start(config(TlsConfig.disabled()));

    assertThat(server.fingerprint()).isNull();
    hello(new LineClient(server.tcpPort()), "user").close();
  }

  @Test
  void opensslSClientNegotiatesTls13() throws Exception {
    assumeThat(opensslAvailable()).as("openssl on the PATH").isTrue();
    startSelfSigned();

    String out = run("openssl", "s_client", "-connect", "127.0.0.1:" + server.tcpPort(), "-brief");

    assertThat(out).contains("Protocol version: TLSv1.3");
    assertThat(out).containsPattern("Ciphersuite: TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256)");
  }

  @Test
  void serverRefusesTls11AndCiphersWithoutForwardSecrecy() throws Exception {
    assumeThat(opensslAvailable()).as("openssl on the PATH").isTrue();
    startSelfSigned();
    String port = "127.0.0.1:" + server.tcpPort();

    // SECLEVEL=0 lets openssl offer what it would refuse by itself, so the refusal seen is the server's
    assertThat(run("openssl", "s_client", "-connect", port, "-brief", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"))
        .contains("alert protocol version").doesNotContain("Protocol version:");
    assertThat(run("openssl", "s_client", "-connect", port, "-brief", "-tls1_2",
            "-cipher", "AES128-SHA:AES256-SHA:AES128-GCM-SHA256:DES-CBC3-SHA@SECLEVEL=0"))
        .contains("alert handshake failure").doesNotContain("Protocol version:");
    assertThat(run("openssl", "s_client", "-connect", port, "-brief", "-tls1_2"))
        .contains("Protocol version: TLSv1.2").containsPattern("Ciphersuite: ECDHE-ECDSA-");
  }

  private static boolean opensslAvailable() {
    try {
      return new ProcessBuilder("openssl", "version").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Runs a command with empty input; its output and error streams together. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish: " + String.join(" ", command));
    }
    return new String(output, StandardCharsets.UTF_8);
  }
}
