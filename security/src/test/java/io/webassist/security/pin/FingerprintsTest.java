package io.webassist.security.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webassist.security.tls.TlsIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Operators paste fingerprints in whatever form they copied; all of them must name the same certificate. */
class FingerprintsTest {

  private static final String CANONICAL =
      "0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";

  @ParameterizedTest
  @ValueSource(strings = {
      CANONICAL,
      "0f:1e:2d:3c:4b:5a:69:78:87:96:a5:b4:c3:d2:e1:f0:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff",
      "0F1E2D3C4B5A69788796A5B4C3D2E1F000112233445566778899AABBCCDDEEFF",
      "0f1e2d3c4b5a69788796a5b4c3d2e1f000112233445566778899aabbccddeeff",
      "  0f1e2d3c4b5a69788796a5b4c3d2e1f000112233445566778899aabbccddeeff\n",
      "sha256 Fingerprint=" + CANONICAL,
      "SHA256 Fingerprint=0F1E2D3C4B5A69788796A5B4C3D2E1F000112233445566778899AABBCCDDEEFF",
      "0F 1E 2D 3C 4B 5A 69 78 87 96 A5 B4 C3 D2 E1 F0 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF"})
  void normalizeAcceptsAnyCaseWithOrWithoutColons(String input) {
    assertThat(Fingerprints.normalize(input)).isEqualTo(CANONICAL);
    assertThat(Fingerprints.matches(input, CANONICAL)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "AB:CD", "0F1E2D3C4B5A69788796A5B4C3D2E1F000112233445566778899AABBCCDDEEF",
      "0F1E2D3C4B5A69788796A5B4C3D2E1F000112233445566778899AABBCCDDEEFF00",
      "0G1E2D3C4B5A69788796A5B4C3D2E1F000112233445566778899AABBCCDDEEFF",
      "٠F1E2D3C4B5A69788796A5B4C3D2E1F000112233445566778899AABBCCDDEEFF"})
  void normalizeRefusesWhatIsNotASha256(String input) {
    assertThatThrownBy(() -> Fingerprints.normalize(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 hex digits");
    assertThat(Fingerprints.isValid(input)).isFalse();
    assertThat(Fingerprints.matches(input, CANONICAL)).isFalse();
  }

  @Test
  void normalizeRefusesNull() {
    assertThatThrownBy(() -> Fingerprints.normalize(null)).hasMessageContaining("missing");
    assertThat(Fingerprints.matches(null, CANONICAL)).isFalse();
  }

  @Test
  void differentFingerprintsDoNotMatch() {
    String other = CANONICAL.substring(0, CANONICAL.length() - 1) + "E";

    assertThat(Fingerprints.matches(other, CANONICAL)).isFalse();
  }

  @Test
  void matchesTheCertificateItWasTakenFrom() {
    TlsIdentity identity = TlsIdentity.selfSigned("localhost");

    assertThat(Fingerprints.of(identity.certificate())).isEqualTo(identity.fingerprint());
    assertThat(Fingerprints.matches(identity.fingerprint().toLowerCase().replace(":", ""), identity.certificate()))
        .isTrue();
    assertThat(Fingerprints.matches(CANONICAL, identity.certificate())).isFalse();
  }
}
