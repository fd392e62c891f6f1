package io.webassist.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating, writing and loading identities, and the errors an operator sees for bad PEM files. */
class TlsIdentityTest {

  @TempDir
  Path dir;

  @Test
  void selfSignedIsEcP256SignedWithSha256AndValidForTenYears() throws Exception {
    TlsIdentity identity = TlsIdentity.selfSigned("help.example.com");
    X509Certificate cert = identity.certificate();

    assertThat(cert.getVersion()).isEqualTo(3);
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(cert.getPublicKey().toString()).contains("secp256r1");
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=help.example.com");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    assertThat(cert.getNotBefore().toInstant()).isBefore(Instant.now());
    assertThat(cert.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(3649)));
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
    cert.verify(cert.getPublicKey());
    cert.checkValidity();
  }

  @Test
  void selfSignedNamesHostInSubjectAlternativeName() throws Exception {
    assertThat(altNames(TlsIdentity.selfSigned("help.example.com"))).containsExactly(List.of(2, "help.example.com"));
    assertThat(altNames(TlsIdentity.selfSigned("localhost"))).containsExactly(List.of(2, "localhost"));
  }

  @Test
  void selfSignedNamesIpAddressInSubjectAlternativeName() throws Exception {
    assertThat(altNames(TlsIdentity.selfSigned("192.0.2.10"))).containsExactly(List.of(7, "192.0.2.10"));
    assertThat(altNames(TlsIdentity.selfSigned("2001:db8::1"))).hasSize(1);
  }

  @Test
  void selfSignedWithoutHostNameHasNoAlternativeName() throws Exception {
    TlsIdentity identity = TlsIdentity.selfSigned("WebAssist dispatch (Acme)");

    assertThat(identity.certificate().getSubjectAlternativeNames()).isNull();
    assertThat(identity.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=WebAssist dispatch (Acme)");
  }

  @Test
  void fingerprintIsUpperCaseColonSeparatedSha256() {
    TlsIdentity identity = TlsIdentity.selfSigned("localhost");

    assertThat(identity.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(TlsIdentity.selfSigned("localhost").fingerprint()).isNotEqualTo(identity.fingerprint());
  }

  @Test
  void pemRoundTripKeepsCertificateAndKey() throws Exception {
    TlsIdentity identity = TlsIdentity.selfSigned("localhost");
    Path cert = Files.writeString(dir.resolve("c.pem"), identity.certificatePem());
    Path key = Files.writeString(dir.resolve("k.pem"), identity.privateKeyPem());

    TlsIdentity loaded = TlsIdentity.loadPem(cert, key);

    assertThat(loaded.certificate()).isEqualTo(identity.certificate());
    assertThat(loaded.privateKey().getEncoded()).isEqualTo(identity.privateKey().getEncoded());
    assertThat(loaded.fingerprint()).isEqualTo(identity.fingerprint());
    assertThat(identity.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
  }

  @Test
  void loadPemReadsAChainAndPinsTheLeaf() throws Exception {
    TlsIdentity leaf = TlsIdentity.selfSigned("leaf.example.com");
    TlsIdentity other = TlsIdentity.selfSigned("intermediate");
    Path cert = Files.writeString(dir.resolve("chain.pem"), leaf.certificatePem() + other.certificatePem());
    Path key = Files.writeString(dir.resolve("k.pem"), leaf.privateKeyPem());

    TlsIdentity loaded = TlsIdentity.loadPem(cert, key);

    assertThat(loaded.chain()).hasSize(2);
    assertThat(loaded.fingerprint()).isEqualTo(leaf.fingerprint());
  }

  @Test
  void loadPemNamesAMissingFile() {
    Path cert = dir.resolve("nope.pem");

    assertThatThrownBy(() -> TlsIdentity.loadPem(cert, dir.resolve("k.pem")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(cert.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void loadPemNamesACertificateFileWithoutCertificate() throws Exception {
    Path cert = Files.writeString(dir.resolve("c.pem"), "hello\n");

    assertThatThrownBy(() -> TlsIdentity.loadPem(cert, dir.resolve("k.pem")))
        .hasMessageContaining(cert.toString())
        .hasMessageContaining("no PEM certificate");
  }

  @Test
  void loadPemNamesACorruptCertificate() throws Exception {
    Path cert = Files.writeString(dir.resolve("c.pem"),
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

    assertThatThrownBy(() -> TlsIdentity.loadPem(cert, dir.resolve("k.pem")))
        .hasMessageContaining(cert.toString())
        .hasMessageContaining("cannot be parsed");
  }

  @Test
  void loadPemExplainsHowToConvertANonPkcs8Key() throws Exception {
    TlsIdentity identity = TlsIdentity.selfSigned("localhost");
    Path cert = Files.writeString(dir.resolve("c.pem"), identity.certificatePem());
    Path key = Files.writeString(dir.resolve("k.pem"),
        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");

    assertThatThrownBy(() -> TlsIdentity.loadPem(cert, key))
        .hasMessageContaining(key.toString())
        .hasMessageContaining("not PKCS#8")
        .hasMessageContaining("openssl pkcs8 -topk8");
  }

  @Test
  void loadPemRefusesAnEncryptedKey() throws Exception {
    TlsIdentity identity = TlsIdentity.selfSigned("localhost");
    Path cert = Files.writeString(dir.resolve("c.pem"), identity.certificatePem());
    Path key = Files.writeString(dir.resolve("k.pem"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");

    assertThatThrownBy(() -> TlsIdentity.loadPem(cert, key))
        .hasMessageContaining(key.toString())
        .hasMessageContaining("encrypted");
  }

  @Test
  void loadPemNamesAKeyFileWithoutKey() throws Exception {
    TlsIdentity identity = TlsIdentity.selfSigned("localhost");
    Path cert = Files.writeString(dir.resolve("c.pem"), identity.certificatePem());
    Path key = Files.writeString(dir.resolve("k.pem"), identity.certificatePem());

    assertThatThrownBy(() -> TlsIdentity.loadPem(cert, key))
        .hasMessageContaining(key.toString())
        .hasMessageContaining("no PEM private key");
  }

  @Test
  void loadPemNamesAGarbledKey() throws Exception {
    TlsIdentity identity = TlsIdentity.selfSigned("localhost");
    Path cert = Files.writeString(dir.resolve("c.pem"), identity.certificatePem());
    Path key = Files.writeString(dir.resolve("k.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> TlsIdentity.loadPem(cert, key))
        .hasMessageContaining(key.toString())
        .hasMessageContaining("PKCS#8");
  }

  @Test
  void loadPemRefusesAKeyThatDoesNotBelongToTheCertificate() throws Exception {
    Path cert = Files.writeString(dir.resolve("c.pem"), TlsIdentity.selfSigned("localhost").certificatePem());
    Path key = Files.writeString(dir.resolve("k.pem"), TlsIdentity.selfSigned("localhost").privateKeyPem());

    assertThatThrownBy(() -> TlsIdentity.loadPem(cert, key))
        .hasMessageContaining(key.toString())
        .hasMessageContaining("does not belong");
  }

  @Test
  void ephemeralIsFreshAndShortLived() throws Exception {
    TlsIdentity first = TlsIdentity.ephemeral();
    TlsIdentity second = TlsIdentity.ephemeral();

    assertThat(first.fingerprint()).isNotEqualTo(second.fingerprint());
    assertThat(first.certificate().getPublicKey()).isNotEqualTo(second.certificate().getPublicKey());
    assertThat(first.certificate().getNotAfter().toInstant()).isBefore(Instant.now().plus(Duration.ofDays(2)));
    first.certificate().checkValidity();
  }

  private static List<List<?>> altNames(TlsIdentity identity) throws Exception {
    Collection<List<?>> names = identity.certificate().getSubjectAlternativeNames();
    return names == null ? List.of() : List.copyOf(names);
  }
}
