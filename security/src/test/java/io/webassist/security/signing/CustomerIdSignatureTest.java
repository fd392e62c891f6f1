package io.webassist.security.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webassist.security.signing.CustomerIdVerifier.Result;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Only a genuine, unexpired signature makes a customer id trustworthy enough to route on (claims 78, 86). */
class CustomerIdSignatureTest {

  private static final byte[] SECRET = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  private static final Instant IN_AN_HOUR = NOW.plusSeconds(3600);

  private final CustomerIdSigner signer = new CustomerIdSigner(SECRET);
  private final CustomerIdVerifier verifier = new CustomerIdVerifier(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void signatureHasExpiryDotUnpaddedBase64Url() {
    String signature = signer.sign("acme-42", IN_AN_HOUR);

    assertThat(signature).matches(IN_AN_HOUR.getEpochSecond() + "\\.[A-Za-z0-9_-]{43}");
  }

  @Test
  void knownAnswer() {
    // fixed vector, also in SIGNING.md, so that site implementations can check themselves
    String signature = new CustomerIdSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8))
        .sign("acme-42", Instant.ofEpochSecond(1798761600));

    assertThat(signature).isEqualTo(SigningRecipeTest.KNOWN_SIGNATURE);
  }

  @Test
  void validSignatureBeforeExpiry() {
    assertThat(verifier.verify("acme-42", signer.sign("acme-42", IN_AN_HOUR))).isEqualTo(Result.VALID);
    assertThat(Result.VALID.isValid()).isTrue();
  }

  @Test
  void nonAsciiCustomerIdIsSignedAsUtf8() {
    assertThat(verifier.verify("kunde-ß-東京", signer.sign("kunde-ß-東京", IN_AN_HOUR))).isEqualTo(Result.VALID);
  }

  @Test
  void expiredAtTheExpirySecond() {
    assertThat(verifier.verify("acme-42", signer.sign("acme-42", NOW))).isEqualTo(Result.EXPIRED);
    assertThat(verifier.verify("acme-42", signer.sign("acme-42", NOW.minusSeconds(1)))).isEqualTo(Result.EXPIRED);
    assertThat(verifier.verify("acme-42", signer.sign("acme-42", NOW.plusSeconds(1)))).isEqualTo(Result.VALID);
  }

  @Test
  void clockIsInjected() {
    String signature = signer.sign("acme-42", IN_AN_HOUR);
    CustomerIdVerifier later = new CustomerIdVerifier(SECRET, Clock.fixed(IN_AN_HOUR.plusSeconds(1), ZoneOffset.UTC));

    assertThat(later.verify("acme-42", signature)).isEqualTo(Result.EXPIRED);
  }

  @Test
  void tamperedCustomerIdIsRefused() {
    String signature = signer.sign("acme-42", IN_AN_HOUR);

    assertThat(verifier.verify("acme-43", signature)).isEqualTo(Result.BAD_SIGNATURE);
    assertThat(verifier.verify("acme-42 ", signature)).isEqualTo(Result.BAD_SIGNATURE);
    assertThat(verifier.verify("ACME-42", signature)).isEqualTo(Result.BAD_SIGNATURE);
  }

  @Test
  void extendedExpiryIsRefused() {
    String signature = signer.sign("acme-42", NOW.minusSeconds(10));
    String mac = signature.substring(signature.indexOf('.'));

    assertThat(verifier.verify("acme-42", IN_AN_HOUR.getEpochSecond() + mac)).isEqualTo(Result.BAD_SIGNATURE);
  }

  @Test
  void tamperedSignatureIsRefused() {
    String signature = signer.sign("acme-42", IN_AN_HOUR);
    char last = signature.charAt(signature.length() - 2);
    String flipped = signature.substring(0, signature.length() - 2) + (last == 'A' ? 'B' : 'A')
        + signature.charAt(signature.length() - 1);

    assertThat(verifier.verify("acme-42", flipped)).isEqualTo(Result.BAD_SIGNATURE);
    assertThat(verifier.verify("acme-42", signature.substring(0, signature.length() - 4))).isEqualTo(Result.BAD_SIGNATURE);
    assertThat(verifier.verify("acme-42", signature + "AAAA")).isEqualTo(Result.BAD_SIGNATURE);
  }

  @Test
  void signatureMadeWithAnotherSecretIsRefused() {
    String signature = new CustomerIdSigner("another secret of enough length".getBytes(StandardCharsets.UTF_8))
        .sign("acme-42", IN_AN_HOUR);

    assertThat(verifier.verify("acme-42", signature)).isEqualTo(Result.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", ".", "1.", ".abc", "abc.def", "-1.AAAA", "+1798761600.x", "01798761600.x",
      "99999999999999999999999.AAAA", "1798761600.!!!!", "1798761600.AAAA=",
      "1798761600..", "1798761600 .AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "1798761600.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
      "1798761600.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
  void garbageIsABadSignature(String signature) {
    assertThat(verifier.verify("acme-42", signature)).isEqualTo(Result.BAD_SIGNATURE);
  }

  @Test
  void hugeSignatureIsABadSignature() {
    assertThat(verifier.verify("acme-42", "1".repeat(100_000) + ".x")).isEqualTo(Result.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void noSignatureIsMissing(String signature) {
    assertThat(verifier.verify("acme-42", signature)).isEqualTo(Result.MISSING);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void noCustomerIdIsMissing(String customerId) {
    assertThat(verifier.verify(customerId, signer.sign("acme-42", IN_AN_HOUR))).isEqualTo(Result.MISSING);
  }

  @Test
  void shortSecretIsRefused() {
    assertThatThrownBy(() -> new CustomerIdSigner("short".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 bytes");
    assertThatThrownBy(() -> new CustomerIdVerifier(new byte[15])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretIsCopiedSoLaterChangesDoNotMatter() {
    byte[] secret = SECRET.clone();
    CustomerIdSigner copy = new CustomerIdSigner(secret);
    secret[0] ^= 1;

    assertThat(verifier.verify("acme-42", copy.sign("acme-42", IN_AN_HOUR))).isEqualTo(Result.VALID);
  }
}
