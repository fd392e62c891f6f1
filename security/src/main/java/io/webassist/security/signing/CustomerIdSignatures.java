package io.webassist.security.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signature scheme shared by {@link CustomerIdSigner} and {@link CustomerIdVerifier}; see SIGNING.md. */
final class CustomerIdSignatures {

  /** Shorter secrets are refused: 16 bytes is 128 bits, the least an HMAC key should carry. */
  static final int MIN_SECRET_BYTES = 16;
  static final String ALGORITHM = "HmacSHA256";

  private CustomerIdSignatures() {}

  static SecretKeySpec key(byte[] secret) {
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("customer id secret must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    return new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** HMAC-SHA256 over {@code customerId + "\n" + expiresEpochSeconds}, UTF-8. */
  static byte[] mac(SecretKeySpec key, String customerId, long expiresEpochSeconds) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe, cheap to get: one per call
      mac.init(key);
      return mac.doFinal((customerId + "\n" + expiresEpochSeconds).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
    }
  }
}
