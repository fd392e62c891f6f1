package io.webassist.bench.pairs;

import java.util.List;

/**
 * Something pairs exchange frames through — the WebAssist relay or direct link, Mosquitto, or the
 * raw-TCP floor — set up once for the largest pair count; a run uses the first {@code n} origins.
 */
public interface PairTarget extends AutoCloseable {

  /** Short name for tables and JSON: "webassist", "mosquitto", "raw-tcp". */
  String name();

  /** One origin per pair, all connected and ready. */
  List<OriginEnd> origins();

  /** The process that forwards or answers (server, peer, broker, floor), for its CPU use; -1 if unknown. */
  default long pid() {
    return -1;
  }

  @Override
  void close();
}
