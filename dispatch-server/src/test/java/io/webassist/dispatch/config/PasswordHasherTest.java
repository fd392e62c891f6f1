package io.webassist.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private static final int FAST = PasswordHasher.MIN_ITERATIONS;

  @Test
  void rightPasswordVerifiesAndAWrongOneDoesNot() {
    String hash = PasswordHasher.hash("correct horse".toCharArray(), FAST);

    assertThat(PasswordHasher.verify("correct horse".toCharArray(), hash)).isTrue();
    assertThat(PasswordHasher.verify("correct horsf".toCharArray(), hash)).isFalse();
    assertThat(PasswordHasher.verify("".toCharArray(), hash)).isFalse();
  }

  @Test
  void hashIsSaltedSoTheSamePasswordHashesDifferently() {
    String a = PasswordHasher.hash("pw".toCharArray(), FAST);
    String b = PasswordHasher.hash("pw".toCharArray(), FAST);

    assertThat(a).isNotEqualTo(b);
    assertThat(PasswordHasher.verify("pw".toCharArray(), a)).isTrue();
    assertThat(PasswordHasher.verify("pw".toCharArray(), b)).isTrue();
  }

  @Test
  void hashNamesSchemeIterationsSaltAndHash() {
    String hash = PasswordHasher.hash("pw".toCharArray(), 1234);

    assertThat(hash).matches("pbkdf2-sha256\\$1234\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+");
    assertThat(PasswordHasher.iterationsOf(hash)).isEqualTo(1234);
    assertThat(PasswordHasher.isWellFormed(hash)).isTrue();
  }

  @Test
  void defaultWorkFactorIsAtLeast210000Iterations() {
    assertThat(PasswordHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(210_000);
  }

  @Test
  void malformedHashesNeverVerify() {
    for (String bad : new String[] {null, "", "secret", "pbkdf2-sha256$1000$abc", "md5$1000$AAAAAAAAAAA=$AAAA",
        "pbkdf2-sha256$10$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256$x$AAAA$AAAA", "pbkdf2-sha256$1000$!!!$AAAA"}) {
      assertThat(PasswordHasher.isWellFormed(bad)).as(bad).isFalse();
      assertThat(PasswordHasher.verify("pw".toCharArray(), bad)).as(bad).isFalse();
    }
  }

  @Test
  void emptyPasswordCannotBeHashed() {
    assertThatThrownBy(() -> PasswordHasher.hash(new char[0], FAST)).isInstanceOf(IllegalArgumentException.class);
  }
}
