package io.webassist.security.signing;

import java.time.Instant;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a customer id and its expiry with the secret a site shares with the dispatch server, so
 * that routing on the id (claims 78, 86) can trust it. The signature is
 * {@code <expiresEpochSeconds>.<base64url(HMAC-SHA256(secret, customerId + "\n" + expiresEpochSeconds))>},
 * without padding. Sites normally compute it themselves (SIGNING.md has the recipe); this class is
 * for Java sites, tools and tests. Thread-safe.
 */
public final class CustomerIdSigner {

  private final SecretKeySpec key;

  /**
   * @param secret the shared secret, at least 16 bytes (a secret given as text: its UTF-8 bytes)
   */
  public CustomerIdSigner(byte[] secret) {
    this.key = CustomerIdSignatures.key(secret);
  }

  /** The signature for {@code customerId}, valid until {@code expires} (whole seconds). */
  public String sign(String customerId, Instant expires) {
    if (customerId == null || customerId.isEmpty()) {
      throw new IllegalArgumentException("customer id is missing");
    }
    long seconds = expires.getEpochSecond();
    if (seconds < 0) {
      throw new IllegalArgumentException("expiry before 1970: " + expires);
    }
    byte[] mac = CustomerIdSignatures.mac(key, customerId, seconds);
    return seconds + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
  }
}
