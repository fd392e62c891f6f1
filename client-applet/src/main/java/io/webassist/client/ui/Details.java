package io.webassist.client.ui;

import io.webassist.protocol.frame.Require;
import io.webassist.protocol.frame.SupportRequest;
import java.util.Optional;

/**
 * What the person tells the help desk about themselves on the details form, and the form's rules:
 * a name or a phone number (at least one, so the agent knows whom to help), each within the
 * protocol's limits, a phone number that looks like one. Checked as the person types, not on the
 * server's word, so the message sits next to the field it is about.
 */
public record Details(String name, String phone) {

  /** What is wrong, field by field; empty when the details can be sent. */
  public record Problems(Optional<String> name, Optional<String> phone) {
    public boolean none() {
      return name.isEmpty() && phone.isEmpty();
    }

    /** The first problem, the name's before the phone's: what a terminal says in one line. */
    public Optional<String> first() {
      return name.or(() -> phone);
    }
  }

  static final String NEED_ONE = "Please give your name or a phone number, so your agent knows whom to help.";
  private static final int MIN_DIGITS = 5;
  private static final int MAX_DIGITS = 20;

  public Details {
    name = name == null ? "" : name.strip();
    phone = phone == null ? "" : phone.strip();
  }

  public Problems problems() {
    Optional<String> nameProblem = Optional.empty();
    Optional<String> phoneProblem = Optional.empty();
    if (name.isEmpty() && phone.isEmpty()) {
      nameProblem = Optional.of(NEED_ONE);
    } else if (name.length() > Require.SHORT_TEXT) {
      nameProblem = Optional.of("Please shorten your name to " + Require.SHORT_TEXT + " characters.");
    } else if (name.chars().anyMatch(Character::isISOControl)) {
      nameProblem = Optional.of("Your name contains characters that cannot be sent.");
    }
    if (!phone.isEmpty()) {
      long digits = phone.chars().filter(Character::isDigit).count();
      if (!SupportRequest.PHONE_CHARACTERS.matcher(phone).matches()) {
        phoneProblem = Optional.of("Use digits, spaces and + ( ) - . / only.");
      } else if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
        phoneProblem = Optional.of("A phone number has " + MIN_DIGITS + " to " + MAX_DIGITS + " digits.");
      }
    }
    return new Problems(nameProblem, phoneProblem);
  }

  /** The name to send, or null when none was given. */
  public String nameOrNull() {
    return name.isEmpty() ? null : name;
  }

  /** The phone number to send, or null when none was given. */
  public String phoneOrNull() {
    return phone.isEmpty() ? null : phone;
  }
}
