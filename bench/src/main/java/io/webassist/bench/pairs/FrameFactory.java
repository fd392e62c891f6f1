package io.webassist.bench.pairs;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the co-browse frames the pairs exchange: {@code cobrowse.input} lines of a fixed length,
 * with a real, increasing {@code seq} (the direct link's receiver drops repeats) and the sender's
 * clock in {@code ts}. The same bytes go to every target (relay, direct, Mosquitto, raw floor);
 * for MQTT they are the publish payload, without the line end.
 */
public final class FrameFactory {

  private static final byte[] PREFIX = "{\"type\":\"cobrowse.input\",\"seq\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TS = ",\"ts\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VALUE = ",\"field\":\"q\",\"value\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);
  private static final int SEQ_WIDTH = 10; // right-aligned, padded with JSON whitespace: constant length
  private static final int TS_WIDTH = 13;
  /** The shortest line this factory makes, line end included. */
  public static final int MIN_LINE = PREFIX.length + SEQ_WIDTH + TS.length + TS_WIDTH + VALUE.length + SUFFIX.length + 1;

  private final int lineBytes;
  private final byte[] padding;
  private final boolean newline;

  /** {@code requested} bytes per line including {@code \n} (at least {@link #MIN_LINE}). */
  public FrameFactory(int requested, boolean newline) {
    this.lineBytes = Math.max(requested, MIN_LINE);
    this.padding = new byte[lineBytes - MIN_LINE];
    Arrays.fill(padding, (byte) 'x');
    this.newline = newline;
  }

  /** Bytes on the wire per NDJSON frame, line end included. */
  public int lineBytes() {
    return lineBytes;
  }

  public ByteBuf frame(ByteBufAllocator alloc, long seq) {
    ByteBuf b = alloc.directBuffer(lineBytes);
    b.writeBytes(PREFIX);
    writePadded(b, seq, SEQ_WIDTH);
    b.writeBytes(TS);
    writePadded(b, System.currentTimeMillis(), TS_WIDTH);
    b.writeBytes(VALUE);
    b.writeBytes(padding);
    b.writeBytes(SUFFIX);
    if (newline) {
      b.writeByte('\n');
    }
    return b;
  }

  private static void writePadded(ByteBuf b, long value, int width) {
    String digits = Long.toString(value);
    for (int i = digits.length(); i < width; i++) {
      b.writeByte(' ');
    }
    b.writeCharSequence(digits, StandardCharsets.US_ASCII);
  }
}
