package io.webassist.security.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes a self-signed X.509 v3 certificate for an EC P-256 key with the JDK alone (RFC 5280), so
 * that neither BouncyCastle nor {@code keytool} is needed at run time. Peers pin the certificate by
 * its SHA-256 fingerprint, so only what TLS stacks check is put in: subject, dates, the key, a
 * subject alternative name where the common name is a host or address, key usage and
 * basic constraints.
 */
final class SelfSignedCertificateBuilder {

  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
  private static final String KEY_USAGE = "2.5.29.15";
  private static final String SUBJECT_ALT_NAME = "2.5.29.17";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  /** Accepts "localhost", "help.example.com"; refuses spaces, underscores, empty labels. */
  private static final Pattern HOST_NAME = Pattern.compile(
      "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern IPV4 = Pattern.compile(
      "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private static final SecureRandom RANDOM = new SecureRandom();

  private SelfSignedCertificateBuilder() {}

  static X509Certificate build(String commonName, KeyPair keys, Duration validity) throws GeneralSecurityException {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    // an hour back, so that a peer whose clock is a little behind still sees a valid certificate
    ZonedDateTime notBefore = now.minusHours(1);
    ZonedDateTime notAfter = now.plus(validity);
    byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
    byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8String(commonName))));
    byte[] spki = keys.getPublic().getEncoded(); // already a DER SubjectPublicKeyInfo

    byte[] tbs = Der.sequence(
        Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
        Der.integer(new BigInteger(1, randomBytes(16)).setBit(127)), // positive, 17 octets (RFC 5280 allows 20)
        algorithm,
        name,
        Der.sequence(Der.time(notBefore), Der.time(notAfter)),
        name,
        spki,
        Der.explicit(3, extensions(commonName, spki)));

    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(tbs);
    byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));

    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der));
    certificate.verify(keys.getPublic()); // cheap insurance that the encoder and the JDK agree
    return certificate;
  }

  private static byte[] extensions(String commonName, byte[] spki) throws GeneralSecurityException {
    List<byte[]> extensions = new ArrayList<>();
    extensions.add(extension(BASIC_CONSTRAINTS, true, Der.sequence()));
    // digitalSignature: all an ECDHE handshake needs from the key
    extensions.add(extension(KEY_USAGE, true, Der.tlv(0x03, new byte[] {7, (byte) 0x80})));
    extensions.add(extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH), Der.oid(CLIENT_AUTH))));
    extensions.add(extension(SUBJECT_KEY_IDENTIFIER, false, Der.octetString(keyIdentifier(spki))));
    byte[] altName = subjectAltName(commonName);
    if (altName != null) {
      extensions.add(extension(SUBJECT_ALT_NAME, false, Der.sequence(altName)));
    }
    return Der.sequence(extensions.toArray(new byte[0][]));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  /** A GeneralName for the common name, or null when it is neither a host name nor an address. */
  static byte[] subjectAltName(String commonName) {
    if (IPV4.matcher(commonName).matches() || IPV6.matcher(commonName).matches()) {
      try {
        // a literal, so no name lookup happens
        return Der.implicitPrimitive(7, InetAddress.getByName(commonName).getAddress());
      } catch (UnknownHostException | SecurityException e) {
        return null;
      }
    }
    if (HOST_NAME.matcher(commonName).matches()) {
      return Der.implicitPrimitive(2, commonName.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    return null;
  }

  /** RFC 5280 4.2.1.2 method (1) uses SHA-1 of the key bits; SHA-256 truncated to 160 bits is as good. */
  private static byte[] keyIdentifier(byte[] spki) throws GeneralSecurityException {
    byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(spki);
    return java.util.Arrays.copyOf(hash, 20);
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
