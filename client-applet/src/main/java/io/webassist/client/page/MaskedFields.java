package io.webassist.client.page;

import io.webassist.cobrowse.FieldKind;
import java.util.regex.Pattern;

/**
 * The client's second look at a field the page reported. The page already keeps masked fields to
 * itself (password inputs, {@code autocomplete} {@code cc-*} and {@code one-time-code}, anything marked
 * {@code data-webassist-mask}); a field whose name still looks like a secret is treated as sensitive
 * here too, so a page with an older or broken script cannot leak one through the client.
 */
final class MaskedFields {

  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(pass(word|wd|code)?|pwd|pin|cc-|card|cvc|cvv|csc|otp|one-time|security.?code|iban|ssn|secret).*");

  private MaskedFields() {}

  static FieldKind kindOf(String field) {
    return field == null || SECRET_NAME.matcher(field).matches() ? FieldKind.SENSITIVE : FieldKind.TEXT;
  }
}
