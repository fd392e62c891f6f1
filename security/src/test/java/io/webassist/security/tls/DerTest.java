package io.webassist.security.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known DER encodings (X.690, RFC 5280), byte for byte, for the encoder behind our certificates. */
class DerTest {

  private static String hex(byte[] bytes) {
    return HexFormat.of().withUpperCase().formatHex(bytes);
  }

  @Test
  void encodesObjectIdentifiers() {
    assertThat(hex(Der.oid("1.2.840.10045.4.3.2"))).isEqualTo("06082A8648CE3D040302"); // ecdsa-with-SHA256
    assertThat(hex(Der.oid("2.5.4.3"))).isEqualTo("0603550403"); // commonName
    assertThat(hex(Der.oid("1.3.6.1.5.5.7.3.1"))).isEqualTo("06082B06010505070301"); // serverAuth
  }

  @Test
  void encodesIntegersMinimallyAndPositive() {
    assertThat(hex(Der.integer(BigInteger.ZERO))).isEqualTo("020100");
    assertThat(hex(Der.integer(BigInteger.TWO))).isEqualTo("020102");
    assertThat(hex(Der.integer(BigInteger.valueOf(127)))).isEqualTo("02017F");
    assertThat(hex(Der.integer(BigInteger.valueOf(128)))).isEqualTo("02020080");
    assertThat(hex(Der.integer(BigInteger.valueOf(256)))).isEqualTo("02020100");
  }

  @Test
  void encodesShortAndLongLengths() {
    assertThat(hex(Der.tlv(0x04, new byte[127])).substring(0, 4)).isEqualTo("047F");
    assertThat(hex(Der.tlv(0x04, new byte[128])).substring(0, 6)).isEqualTo("048180");
    assertThat(hex(Der.tlv(0x04, new byte[256])).substring(0, 8)).isEqualTo("04820100");
    assertThat(hex(Der.tlv(0x04, new byte[65536])).substring(0, 10)).isEqualTo("0483010000");
    assertThat(Der.tlv(0x04, new byte[65536])).hasSize(65536 + 5);
  }

  @Test
  void encodesConstructedAndTaggedValues() {
    assertThat(hex(Der.sequence())).isEqualTo("3000");
    assertThat(hex(Der.sequence(Der.bool(true), Der.bool(false)))).isEqualTo("30060101FF010100");
    assertThat(hex(Der.set(Der.integer(BigInteger.ONE)))).isEqualTo("3103020101");
    assertThat(hex(Der.explicit(0, Der.integer(BigInteger.TWO)))).isEqualTo("A003020102");
    assertThat(hex(Der.explicit(3, Der.sequence()))).isEqualTo("A3023000");
    assertThat(hex(Der.implicitPrimitive(2, "a".getBytes()))).isEqualTo("820161");
    assertThat(hex(Der.bitString(new byte[] {(byte) 0xAB}))).isEqualTo("030200AB");
    assertThat(hex(Der.utf8String("é"))).isEqualTo("0C02C3A9");
  }

  @Test
  void usesUtcTimeThrough2049AndGeneralizedTimeFrom2050() {
    ZonedDateTime lastUtc = ZonedDateTime.of(2049, 12, 31, 23, 59, 59, 999, ZoneOffset.UTC);
    ZonedDateTime firstGeneralized = ZonedDateTime.of(2050, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(2));

    assertThat(new String(Der.time(lastUtc), 2, 13)).isEqualTo("491231235959Z");
    assertThat(Der.time(lastUtc)[0]).isEqualTo((byte) 0x17);
    // 2050 at UTC+2 is still 2049 in UTC, and UTC decides
    assertThat(new String(Der.time(firstGeneralized), 2, 13)).isEqualTo("491231220000Z");
    assertThat(Der.time(firstGeneralized.plusHours(2))[0]).isEqualTo((byte) 0x18);
    assertThat(new String(Der.time(firstGeneralized.plusHours(2)), 2, 15)).isEqualTo("20500101000000Z");
  }

  @Test
  void certificateValidBeyond2050IsReadByTheJdk() throws Exception {
    TlsIdentity identity = TlsIdentity.selfSigned("localhost", Duration.ofDays(365 * 40));

    assertThat(identity.certificate().getNotAfter().toInstant().atZone(ZoneOffset.UTC).getYear()).isGreaterThan(2050);
    identity.certificate().verify(identity.certificate().getPublicKey());
  }
}
