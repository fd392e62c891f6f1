package io.webassist.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.webassist.security.OpenSsl;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks with the {@code openssl} tool, which operators use: it reads our certificates, agrees
 * on the fingerprint, and sees TLS 1.3 from our server and no TLS 1.1. Skipped when openssl is absent.
 */
class OpenSslInteropTest {

  private static TlsIdentity identity;
  private static LoopbackTls loopback;
  private static InetSocketAddress server;

  @TempDir
  Path dir;

  @BeforeAll
  static void startServer() throws InterruptedException {
    assumeTrue(OpenSsl.available(), "openssl not installed");
    identity = TlsIdentity.selfSigned("localhost");
    loopback = new LoopbackTls();
    server = loopback.startServer(TlsContexts.server(identity));
  }

  @AfterAll
  static void stopServer() {
    if (loopback != null) {
      loopback.close();
    }
  }

  @Test
  void opensslParsesTheSelfSignedCertificate() throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), identity.certificatePem());

    OpenSsl.Result text = OpenSsl.run(null, "x509", "-in", cert.toString(), "-noout", "-text");

    assertThat(text.exitCode()).as(text.output()).isZero();
    assertThat(text.output())
        .contains("Version: 3 (0x2)")
        .contains("Signature Algorithm: ecdsa-with-SHA256")
        .contains("Subject: CN = localhost")
        .contains("ASN1 OID: prime256v1")
        .contains("DNS:localhost")
        .contains("CA:FALSE")
        .contains("TLS Web Server Authentication");
  }

  @Test
  void opensslParsesAnIpAddressCertificate() throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), TlsIdentity.selfSigned("192.0.2.10").certificatePem());

    OpenSsl.Result text = OpenSsl.run(null, "x509", "-in", cert.toString(), "-noout", "-text");

    assertThat(text.exitCode()).as(text.output()).isZero();
    assertThat(text.output()).contains("IP Address:192.0.2.10");
  }

  @Test
  void opensslVerifiesTheSelfSignature() throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), identity.certificatePem());

    OpenSsl.Result verify = OpenSsl.run(null, "verify", "-x509_strict", "-partial_chain",
        "-CAfile", cert.toString(), cert.toString());

    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).contains(": OK");
  }

  @Test
  void opensslReadsTheWrittenPkcs8KeyAndItMatchesTheCertificate() throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), identity.certificatePem());
    Path key = Files.writeString(dir.resolve("key.pem"), identity.privateKeyPem());

    OpenSsl.Result fromKey = OpenSsl.run(null, "pkey", "-in", key.toString(), "-pubout");
    OpenSsl.Result fromCert = OpenSsl.run(null, "x509", "-in", cert.toString(), "-noout", "-pubkey");

    assertThat(fromKey.exitCode()).as(fromKey.output()).isZero();
    assertThat(fromKey.output()).isEqualTo(fromCert.output());
  }

  @Test
  void fingerprintEqualsOpensslFingerprint() throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), identity.certificatePem());

    OpenSsl.Result result = OpenSsl.run(null, "x509", "-in", cert.toString(), "-noout", "-fingerprint", "-sha256");

    assertThat(result.exitCode()).as(result.output()).isZero();
    String printed = result.output().strip();
    assertThat(printed.substring(printed.indexOf('=') + 1)).isEqualTo(identity.fingerprint());
  }

  @Test
  void opensslKeyIsLoadedByLoadPem() throws Exception {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    OpenSsl.Result made = OpenSsl.run(null, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-nodes", "-subj", "/CN=op.example.com", "-days", "30", "-keyout", key.toString(), "-out", cert.toString());
    assertThat(made.exitCode()).as(made.output()).isZero();

    TlsIdentity loaded = TlsIdentity.loadPem(cert, key);

    OpenSsl.Result fp = OpenSsl.run(null, "x509", "-in", cert.toString(), "-noout", "-fingerprint", "-sha256");
    assertThat(fp.output()).contains(loaded.fingerprint());
  }

  @Test
  void sClientSeesTls13() throws Exception {
    OpenSsl.Result result = OpenSsl.run("", "s_client", "-connect", "127.0.0.1:" + server.getPort(), "-brief");

    assertThat(result.output()).as(result.output()).contains("Protocol version: TLSv1.3");
    assertThat(result.output()).containsPattern("Ciphersuite: TLS_(AES_128_GCM|AES_256_GCM|CHACHA20_POLY1305)");
  }

  @Test
  void sClientWithTls12GetsAForwardSecretCipher() throws Exception {
    OpenSsl.Result result = OpenSsl.run("", "s_client", "-connect", "127.0.0.1:" + server.getPort(), "-brief",
        "-tls1_2");

    assertThat(result.output()).as(result.output()).contains("Protocol version: TLSv1.2");
    assertThat(result.output()).containsPattern("Ciphersuite: ECDHE-ECDSA-(AES128-GCM|AES256-GCM|CHACHA20)");
  }

  @Test
  void sClientWithTls11IsRefused() throws Exception {
    loopback.serverHandshakeFailures.clear();
    // SECLEVEL=0 so that openssl itself is willing to offer TLS 1.1: the refusal must come from our server
    OpenSsl.Result result = OpenSsl.run("", "s_client", "-connect", "127.0.0.1:" + server.getPort(), "-brief",
        "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).doesNotContain("Protocol version: TLSv1.1");
    // the server's own refusal, e.g. "Client requested protocol TLSv1.1 is not enabled or supported"
    await().atMost(Duration.ofSeconds(10)).until(() -> loopback.serverHandshakeFailures.stream()
        .anyMatch(failure -> String.valueOf(failure.getMessage()).contains("TLSv1.1")));
  }

  @Test
  void sClientWithRsaKeyExchangeIsRefused() throws Exception {
    OpenSsl.Result result = OpenSsl.run("", "s_client", "-connect", "127.0.0.1:" + server.getPort(), "-brief",
        "-tls1_2", "-cipher", "AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA");

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).doesNotContain("Protocol version");
  }
}
