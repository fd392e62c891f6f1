package io.webassist.protocol.codec;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A value that does not fit its field, on its way up to {@link FrameMapper}: the path to the field
 * grows by one step per level it passes ({@code peer}, then {@code port}; list elements as
 * {@code [i]}). Either the JSON had the wrong type or shape there, or a record's (or enum's) own
 * check refused the value, in which case {@link #refusal()} is that check's message.
 */
final class BindException extends Exception {

  private final transient Deque<String> path = new ArrayDeque<>(4);
  private final String refusal;
  private final boolean refused;

  private BindException(boolean refused, String refusal) {
    super(null, null, false, false);
    this.refused = refused;
    this.refusal = refusal;
  }

  /** The JSON value has the wrong type or shape for the field (or could not be read inside it). */
  static BindException wrongShape() {
    return new BindException(false, null);
  }

  /** A record's constructor or an enum's factory refused the value; {@code message} may be null. */
  static BindException refused(RuntimeException cause) {
    return new BindException(true, cause.getMessage());
  }

  /**
   * What went wrong while reading the value at {@code step}: a {@code BindException} from deeper
   * down gains the step, anything else (a parse error inside the value, a number out of range) is a
   * value of the wrong shape there. Errors pass: they are not the input's fault.
   */
  static BindException at(String step, Exception cause) {
    BindException e = cause instanceof BindException bind ? bind : wrongShape();
    e.path.addFirst(step);
    return e;
  }

  boolean isRefusal() {
    return refused;
  }

  /** The refusing check's message, or null. */
  String refusal() {
    return refusal;
  }

  /** The steps joined with dots, e.g. {@code peer.port} or {@code groups.[0]}; empty at the top. */
  String path() {
    return String.join(".", path);
  }
}
