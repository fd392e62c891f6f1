package io.webassist.security.signing;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a customer id signed by the site ({@link CustomerIdSigner}, SIGNING.md). Only a
 * {@link Result#VALID} id may route a request to a premium group; anything else goes to the default
 * group (claims 78, 86). The signature is compared in constant time, and the expiry is checked
 * only after the signature, so that {@link Result#EXPIRED} always means "genuine but old".
 * Thread-safe.
 */
public final class CustomerIdVerifier {

  /** What a signature proves about a customer id. */
  public enum Result {
    /** Signed with our secret and not yet expired: safe to route on. */
    VALID,
    /** Signed with our secret, but the expiry has passed. */
    EXPIRED,
    /** Malformed, tampered with, or signed with another secret. */
    BAD_SIGNATURE,
    /** No customer id or no signature was given. */
    MISSING;

    public boolean isValid() {
      return this == VALID;
    }
  }

  /** Far longer than any real signature (10 + 1 + 43 characters); stops silly input before any work. */
  private static final int MAX_SIGNATURE_LENGTH = 128;
  private static final int MAC_BYTES = 32;

  private final SecretKeySpec key;
  private final Clock clock;

  /** A verifier against the system clock. */
  public CustomerIdVerifier(byte[] secret) {
    this(secret, Clock.systemUTC());
  }

  public CustomerIdVerifier(byte[] secret, Clock clock) {
    this.key = CustomerIdSignatures.key(secret);
    this.clock = clock;
  }

  /** Checks {@code signature} (as produced by {@link CustomerIdSigner#sign}) for {@code customerId}. */
  public Result verify(String customerId, String signature) {
    if (customerId == null || customerId.isEmpty() || signature == null || signature.isBlank()) {
      return Result.MISSING;
    }
    String text = signature.strip();
    int dot = text.indexOf('.');
    if (text.length() > MAX_SIGNATURE_LENGTH || dot < 1 || dot > 18) {
      return Result.BAD_SIGNATURE;
    }
    long expires = parseSeconds(text.substring(0, dot));
    byte[] given = decode(text.substring(dot + 1));
    if (expires < 0 || given == null) {
      return Result.BAD_SIGNATURE;
    }
    byte[] expected = CustomerIdSignatures.mac(key, customerId, expires);
    if (!MessageDigest.isEqual(expected, given)) {
      return Result.BAD_SIGNATURE;
    }
    return clock.instant().getEpochSecond() < expires ? Result.VALID : Result.EXPIRED;
  }

  /** Plain digits only: no sign, no spaces, so that one expiry has exactly one spelling. */
  private static long parseSeconds(String digits) {
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0'); // at most 18 digits (checked by the caller): no overflow
    }
    return value;
  }

  /** Unpadded base64url of exactly 32 bytes, or null. */
  private static byte[] decode(String text) {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(text);
      return bytes.length == MAC_BYTES && text.indexOf('=') < 0 ? bytes : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
