package io.webassist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Running IcedTea-Web's {@code javaws} the way a person's machine does, for the web-launch tests. */
final class JavaWebStart {

  private JavaWebStart() {}

  /** The launcher: IcedTea-Web's {@code javaws}. */
  static Path launcher() {
    return Needs.program("javaws", "IcedTea-Web's javaws (apt-get install icedtea-netx)");
  }

  /** javaws needs a Java below 23 (it installs a Security Manager): this JVM, or an installed 17. */
  static Path javaHome() {
    if (Runtime.version().feature() < 23) {
      return Path.of(System.getProperty("java.home"));
    }
    Optional<Path> java17 = Stream.of("/usr/lib/jvm/java-17-openjdk-amd64", "/usr/lib/jvm/java-17-openjdk-arm64")
        .map(Path::of).filter(p -> Files.isExecutable(p.resolve("bin/java"))).findFirst();
    return java17.orElseGet(() -> Needs.missing("a Java 17-22 for javaws"));
  }

  /**
   * A launcher configuration folder (for {@code XDG_CONFIG_HOME}) whose
   * {@code icedtea-web/security/trusted.certs} (JKS, storepass changeit) holds {@code signer}, as a
   * person who trusts the publisher has it: the launcher then starts the signed jars without asking.
   */
  static Path trusting(Certificate signer, Path config) throws IOException, GeneralSecurityException {
    Path security = Files.createDirectories(config.resolve("icedtea-web").resolve("security"));
    KeyStore trusted = KeyStore.getInstance("JKS");
    trusted.load(null, null);
    trusted.setCertificateEntry("webassist-test", signer);
    try (OutputStream out = Files.newOutputStream(security.resolve("trusted.certs"))) {
      trusted.store(out, "changeit".toCharArray());
    }
    return config;
  }

  /** The certificate that signed {@code entryName} in {@code jar}; fails the test if it is unsigned. */
  static Certificate signerOf(Path jar, String entryName) throws IOException {
    try (JarFile file = new JarFile(jar.toFile(), true)) {
      JarEntry entry = file.getJarEntry(entryName);
      assertThat(entry).as("%s holds %s", jar.getFileName(), entryName).isNotNull();
      try (InputStream in = file.getInputStream(entry)) {
        in.transferTo(OutputStream.nullOutputStream()); // signers are known once the entry is read
      }
      CodeSigner[] signers = entry.getCodeSigners();
      assertThat(signers).as("%s is signed (mvn package signs it)", jar.getFileName()).isNotEmpty();
      Certificate certificate = signers[0].getSignerCertPath().getCertificates().get(0);
      assertThat(certificate.getPublicKey().getAlgorithm()).as("IcedTea-Web trusts RSA-signed jars only").isEqualTo("RSA");
      return certificate;
    }
  }

  /** The first class in {@code jar}, to check who signed it. */
  static String firstClass(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).findFirst().orElseThrow();
    }
  }

  /** The last {@code count} lines of the launcher's log, for a failure message. */
  static String tail(Path log, int count) {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
