package io.webassist.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The details form's rules, without a window. */
class DetailsTest {

  @Test
  void aNameOrAPhoneIsEnough() {
    assertThat(new Details("Ada", "").problems().none()).isTrue();
    assertThat(new Details(" ", "+44 20 7946 0000").problems().none()).isTrue();
  }

  @Test
  void neitherIsRefusedWithTheReasonUnderTheName() {
    Details.Problems problems = new Details("  ", null).problems();
    assertThat(problems.name()).hasValue(Details.NEED_ONE);
    assertThat(problems.phone()).isEmpty();
  }

  @Test
  void aPhoneMustLookLikeOne() {
    assertThat(new Details("Ada", "call me").problems().phone()).hasValue("Use digits, spaces and + ( ) - . / only.");
    assertThat(new Details("Ada", "123").problems().phone()).hasValue("A phone number has 5 to 20 digits.");
    assertThat(new Details("Ada", "(020) 7946-0000").problems().none()).isTrue();
  }

  @Test
  void tooLongOrControlCharactersAreRefused() {
    assertThat(new Details("x".repeat(257), null).problems().name()).isPresent();
    assertThat(new Details("Ada\u0007", null).problems().name()).isPresent();
  }

  @Test
  void blanksAreSentAsNothing() {
    Details details = new Details(" Ada ", "  ");
    assertThat(details.nameOrNull()).isEqualTo("Ada");
    assertThat(details.phoneOrNull()).isNull();
  }
}
