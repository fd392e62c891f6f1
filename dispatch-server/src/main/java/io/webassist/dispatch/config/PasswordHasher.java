package io.webassist.dispatch.config;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PBKDF2-HMAC-SHA256 password hashes for agents, from the JDK alone. Encoded as
 * {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}, so the iteration count can grow
 * without invalidating hashes already in configuration files. Verification compares in constant time.
 */
public final class PasswordHasher {

  /** Iterations for new hashes (OWASP 2023 guidance for PBKDF2-HMAC-SHA256 is 600,000; 210,000 is its floor for SHA-512). */
  public static final int DEFAULT_ITERATIONS = 210_000;
  /** Fewest iterations a hash may have and still be accepted; tests hash with this to stay fast. */
  public static final int MIN_ITERATIONS = 1_000;

  private static final int MAX_ITERATIONS = 10_000_000;
  private static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHasher() {}

  /** A new hash of {@code password} with a fresh salt and {@link #DEFAULT_ITERATIONS}. */
  public static String hash(char[] password) {
    return hash(password, DEFAULT_ITERATIONS);
  }

  /** A new hash with the given work factor (at least {@link #MIN_ITERATIONS}). */
  public static String hash(char[] password, int iterations) {
    if (password.length == 0) {
      throw new IllegalArgumentException("the password must not be empty");
    }
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("iterations must be " + MIN_ITERATIONS + "-" + MAX_ITERATIONS);
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = derive(password, salt, iterations, HASH_BYTES);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  /** True if {@code password} matches {@code encoded}; false for a wrong password or a malformed hash. */
  public static boolean verify(char[] password, String encoded) {
    Parsed parsed = parse(encoded);
    if (parsed == null || password.length == 0) {
      return false;
    }
    byte[] actual = derive(password, parsed.salt, parsed.iterations, parsed.hash.length);
    return MessageDigest.isEqual(actual, parsed.hash);
  }

  /** True if {@code encoded} is a hash this class made (any iteration count in range). */
  public static boolean isWellFormed(String encoded) {
    return parse(encoded) != null;
  }

  /** The iteration count of a well-formed hash, or {@link #DEFAULT_ITERATIONS} for anything else. */
  public static int iterationsOf(String encoded) {
    Parsed parsed = parse(encoded);
    return parsed == null ? DEFAULT_ITERATIONS : parsed.iterations;
  }

  private record Parsed(int iterations, byte[] salt, byte[] hash) {}

  private static Parsed parse(String encoded) {
    if (encoded == null) {
      return null;
    }
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      return null;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] hash = Base64.getDecoder().decode(parts[3]);
      if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS || salt.length < 8 || hash.length < 16) {
        return null;
      }
      return new Parsed(iterations, salt, hash);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
