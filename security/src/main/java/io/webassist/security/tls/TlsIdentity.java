package io.webassist.security.tls;

import io.webassist.security.pin.Fingerprints;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a TLS endpoint is: its certificate (chain) and private key. The dispatch server has one, kept
 * on disk ({@link #loadOrCreate}) or supplied by the operator ({@link #loadPem}); the user's peer
 * listener makes a fresh one for each session ({@link #ephemeral}). Peers do not check it against a
 * certificate authority: they pin its {@link #fingerprint()}, which is why a self-signed
 * certificate is as good as a bought one here.
 */
public final class TlsIdentity {

  private static final Logger LOG = LoggerFactory.getLogger(TlsIdentity.class);

  /** Validity of a self-signed server identity. Pinning ignores dates; browsers never see it. */
  public static final Duration SERVER_VALIDITY = Duration.ofDays(3650);
  /** Validity of a per-session identity: longer than any support session, short enough to be worthless later. */
  public static final Duration EPHEMERAL_VALIDITY = Duration.ofDays(1);

  public static final String CERT_FILE = "cert.pem";
  public static final String KEY_FILE = "key.pem";

  private static final Pattern PEM_BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

  private final List<X509Certificate> chain;
  private final PrivateKey privateKey;
  private final String fingerprint;

  private TlsIdentity(List<X509Certificate> chain, PrivateKey privateKey) {
    this.chain = List.copyOf(chain);
    this.privateKey = privateKey;
    this.fingerprint = Fingerprints.of(chain.get(0));
  }

  /**
   * Loads an operator-supplied identity: {@code certPem} holds the certificate, optionally followed
   * by its intermediates; {@code keyPem} holds the matching unencrypted PKCS#8 key
   * ({@code -----BEGIN PRIVATE KEY-----}).
   *
   * @throws IOException naming the file and what is wrong with it
   */
  public static TlsIdentity loadPem(Path certPem, Path keyPem) throws IOException {
    List<X509Certificate> chain = readCertificates(certPem);
    PrivateKey key = readPrivateKey(keyPem, chain.get(0).getPublicKey().getAlgorithm());
    if (!belongTogether(key, chain.get(0))) {
      throw new IOException(keyPem + ": private key does not belong to the certificate in " + certPem);
    }
    return new TlsIdentity(chain, key);
  }

  /**
   * A new self-signed identity: EC P-256, SHA256withECDSA, valid for {@link #SERVER_VALIDITY}, with
   * {@code commonName} also as subject alternative name when it is a host name or an IP address.
   */
  public static TlsIdentity selfSigned(String commonName) {
    return selfSigned(commonName, SERVER_VALIDITY);
  }

  /** A new self-signed EC P-256 identity valid for {@code validity} from now. */
  public static TlsIdentity selfSigned(String commonName, Duration validity) {
    if (commonName == null || commonName.isBlank()) {
      throw new IllegalArgumentException("common name is missing");
    }
    try {
      KeyPair keys = newEcKeyPair();
      X509Certificate certificate = SelfSignedCertificateBuilder.build(commonName, keys, validity);
      return new TlsIdentity(List.of(certificate), keys.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java platform cannot make an EC P-256 certificate", e);
    }
  }

  /** A fresh identity for one session's peer listener: new key pair, valid for {@link #EPHEMERAL_VALIDITY}. */
  public static TlsIdentity ephemeral() {
    return selfSigned("webassist-peer", EPHEMERAL_VALIDITY);
  }

  /**
   * The identity kept in {@code dir} as {@value #CERT_FILE} and {@value #KEY_FILE}; on first start,
   * a new {@link #selfSigned} one is made and written there, the key readable by its owner only.
   * Refuses to go on when only one of the two files exists, rather than replace the other.
   */
  public static TlsIdentity loadOrCreate(Path dir, String commonName) throws IOException {
    Path certFile = dir.resolve(CERT_FILE);
    Path keyFile = dir.resolve(KEY_FILE);
    boolean haveCert = Files.exists(certFile);
    boolean haveKey = Files.exists(keyFile);
    if (haveCert && haveKey) {
      warnIfReadableByOthers(keyFile);
      return loadPem(certFile, keyFile);
    }
    if (haveCert || haveKey) {
      throw new IOException(dir + ": found " + (haveCert ? CERT_FILE : KEY_FILE) + " without "
          + (haveCert ? KEY_FILE : CERT_FILE) + "; restore it or remove both to make a new identity");
    }
    createOwnerOnlyDirectories(dir);
    TlsIdentity identity = selfSigned(commonName);
    writeOwnerOnly(keyFile, identity.privateKeyPem());
    writeOwnerOnly(certFile, identity.certificatePem()); // no secret, but no reason to differ
    LOG.info("created self-signed TLS identity dir={} commonName={} fingerprint={}",
        dir, commonName, identity.fingerprint());
    return identity;
  }

  /** The leaf certificate, the one peers pin. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The leaf certificate followed by any intermediates from the PEM file. */
  public List<X509Certificate> chain() {
    return chain;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  /** SHA-256 of the leaf certificate, as {@code openssl x509 -fingerprint -sha256} prints it. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The certificate chain in PEM. */
  public String certificatePem() {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : chain) {
      try {
        pem.append(pem("CERTIFICATE", certificate.getEncoded()));
      } catch (CertificateException e) {
        throw new IllegalStateException("certificate cannot be encoded", e);
      }
    }
    return pem.toString();
  }

  /** The private key as unencrypted PKCS#8 PEM. Secret: write it with owner-only permissions. */
  public String privateKeyPem() {
    return pem("PRIVATE KEY", privateKey.getEncoded());
  }

  @Override
  public String toString() {
    return "TlsIdentity[subject=" + certificate().getSubjectX500Principal().getName()
        + ", fingerprint=" + fingerprint + "]";
  }

  private static KeyPair newEcKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static List<X509Certificate> readCertificates(Path file) throws IOException {
    byte[] bytes = readFile(file, "certificate");
    if (!new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
      throw new IOException(file + ": no PEM certificate (-----BEGIN CERTIFICATE-----) found");
    }
    Collection<? extends Certificate> certificates;
    try {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
    } catch (CertificateException e) {
      throw new IOException(file + ": certificate cannot be parsed: " + e.getMessage(), e);
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (Certificate certificate : certificates) {
      chain.add((X509Certificate) certificate);
    }
    if (chain.isEmpty()) {
      throw new IOException(file + ": no PEM certificate found");
    }
    return chain;
  }

  private static PrivateKey readPrivateKey(Path file, String algorithm) throws IOException {
    String text = new String(readFile(file, "private key"), StandardCharsets.US_ASCII);
    Matcher block = PEM_BLOCK.matcher(text);
    while (block.find()) {
      String label = block.group(1);
      switch (label) {
        case "PRIVATE KEY":
          return decodePkcs8(file, block.group(2), algorithm);
        case "EC PRIVATE KEY":
        case "RSA PRIVATE KEY":
          throw new IOException(file + ": holds a " + label + " (not PKCS#8); convert it with "
              + "'openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem'");
        case "ENCRYPTED PRIVATE KEY":
          throw new IOException(file + ": the private key is encrypted; decrypt it with "
              + "'openssl pkcs8 -in " + file + " -out key.pem' and protect the file with mode 600");
        default:
          // parameters or certificates in the same file: keep looking
      }
    }
    throw new IOException(file + ": no PEM private key (-----BEGIN PRIVATE KEY-----) found");
  }

  private static PrivateKey decodePkcs8(Path file, String base64, String algorithm) throws IOException {
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": private key is not valid base64", e);
    }
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": not a PKCS#8 " + algorithm + " private key matching the certificate's key type"
          + (e.getMessage() != null ? " (" + e.getMessage() + ")" : ""), e);
    }
  }

  /** Signs and verifies a few bytes: the only check that works for every key type. */
  private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
    String algorithm = switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> key.getAlgorithm(); // Ed25519, Ed448 name their own signature
    };
    try {
      byte[] probe = "webassist key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] readFile(Path file, String what) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": " + what + " file does not exist", e);
    } catch (IOException e) {
      throw new IOException(file + ": cannot read " + what + " file: " + e.getMessage(), e);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  private static boolean posix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static void createOwnerOnlyDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (posix(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
    } else {
      Files.createDirectories(dir);
    }
  }

  /** Writes through a temporary file created owner-only, so the key is never readable by others, not even briefly. */
  private static void writeOwnerOnly(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    FileAttribute<?>[] attributes = posix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
        : new FileAttribute<?>[0];
    Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes);
    try {
      Files.writeString(temporary, content, StandardCharsets.US_ASCII);
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file);
      }
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + ": appeared while the identity was being created; start again", e);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void warnIfReadableByOthers(Path keyFile) {
    if (!posix(keyFile)) {
      return;
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
      if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
        LOG.warn("private key readable by others file={} permissions={}; chmod 600 it",
            keyFile, PosixFilePermissions.toString(permissions));
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("cannot read permissions file={}", keyFile, e);
    }
  }
}
