package io.webassist.security.pin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * SHA-256 certificate fingerprints in the one form WebAssist prints and compares:
 * upper-case hex pairs joined by colons, exactly what {@code openssl x509 -noout -fingerprint -sha256}
 * prints after the {@code =}. Input is accepted in any case, with or without colons (or spaces),
 * and with openssl's {@code "sha256 Fingerprint="} prefix still on, so an operator can paste
 * whatever they copied.
 */
public final class Fingerprints {

  private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();
  private static final int SHA256_BYTES = 32;

  private Fingerprints() {}

  /** The SHA-256 fingerprint of the certificate's DER encoding. */
  public static String of(X509Certificate certificate) {
    try {
      return of(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  /** The SHA-256 fingerprint of a DER-encoded certificate. */
  public static String of(byte[] derCertificate) {
    try {
      return COLON_HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(derCertificate));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * The canonical form of {@code fingerprint}.
   *
   * @throws IllegalArgumentException if it is not 32 bytes of hex
   */
  public static String normalize(String fingerprint) {
    if (fingerprint == null) {
      throw new IllegalArgumentException("fingerprint is missing");
    }
    String text = fingerprint.strip();
    int equals = text.indexOf('=');
    if (equals >= 0 && text.substring(0, equals).toLowerCase(Locale.ROOT).contains("fingerprint")) {
      text = text.substring(equals + 1);
    }
    String hex = text.replace(":", "").replace(" ", "");
    if (hex.length() != SHA256_BYTES * 2 || !isHex(hex)) {
      throw new IllegalArgumentException(
          "not a SHA-256 fingerprint (64 hex digits, colons optional): '" + clip(fingerprint) + "'");
    }
    return COLON_HEX.formatHex(HexFormat.of().parseHex(hex));
  }

  /** True if {@code fingerprint} can be normalized. */
  public static boolean isValid(String fingerprint) {
    try {
      normalize(fingerprint);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** True if both name the same certificate; false if either is missing or malformed. */
  public static boolean matches(String expected, String actual) {
    if (!isValid(expected) || !isValid(actual)) {
      return false;
    }
    return MessageDigest.isEqual(
        normalize(expected).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        normalize(actual).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /** True if {@code certificate} has the fingerprint {@code expected}. */
  public static boolean matches(String expected, X509Certificate certificate) {
    return matches(expected, of(certificate));
  }

  private static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        return false;
      }
    }
    return true;
  }

  private static String clip(String text) {
    return text.length() > 120 ? text.substring(0, 120) + "…" : text;
  }
}
