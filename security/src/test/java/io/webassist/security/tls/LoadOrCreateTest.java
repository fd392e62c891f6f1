package io.webassist.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatch server's identity survives restarts, and its key is readable by the owner only. */
class LoadOrCreateTest {

  @TempDir
  Path root;

  @Test
  void firstCallCreatesCertAndKeyFiles() throws Exception {
    Path dir = root.resolve("tls");

    TlsIdentity identity = TlsIdentity.loadOrCreate(dir, "localhost");

    assertThat(dir.resolve("cert.pem")).content().startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(dir.resolve("key.pem")).content().startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(identity.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("cert.pem", "key.pem");
    }
  }

  @Test
  void laterCallsKeepTheSameIdentity() throws Exception {
    TlsIdentity first = TlsIdentity.loadOrCreate(root, "localhost");
    TlsIdentity second = TlsIdentity.loadOrCreate(root, "localhost");
    TlsIdentity third = TlsIdentity.loadOrCreate(root, "another-name-is-ignored");

    assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(third.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
  }

  @Test
  void keyFileIsReadableByOwnerOnly() throws Exception {
    Path dir = root.resolve("new");
    TlsIdentity.loadOrCreate(dir, "localhost");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key.pem"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
  }

  @Test
  void refusesWhenOnlyTheCertificateIsLeft() throws Exception {
    TlsIdentity.loadOrCreate(root, "localhost");
    Files.delete(root.resolve("key.pem"));

    assertThatThrownBy(() -> TlsIdentity.loadOrCreate(root, "localhost"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cert.pem without key.pem");
    assertThat(root.resolve("key.pem")).doesNotExist();
  }

  @Test
  void loadsOperatorSuppliedFilesUnchanged() throws Exception {
    TlsIdentity operator = TlsIdentity.selfSigned("help.example.com");
    Files.writeString(root.resolve("cert.pem"), operator.certificatePem());
    Files.writeString(root.resolve("key.pem"), operator.privateKeyPem());
    Files.setPosixFilePermissions(root.resolve("key.pem"), PosixFilePermissions.fromString("rw-------"));

    assertThat(TlsIdentity.loadOrCreate(root, "localhost").fingerprint()).isEqualTo(operator.fingerprint());
  }
}
