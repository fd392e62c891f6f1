package io.webassist.protocol.frame;

import java.util.function.Function;

/** Wire code → reason enum, with a fallback for codes a newer peer may send. */
final class ReasonCodes {

  private ReasonCodes() {}

  static <E extends Enum<E>> E lookup(E[] values, String code, E fallback, Function<E, String> codeOf) {
    if (code == null) {
      return fallback;
    }
    for (E value : values) {
      if (codeOf.apply(value).equals(code)) {
        return value;
      }
    }
    return fallback;
  }
}
