package io.webassist.protocol.codec;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * Installs the NDJSON codec stages, with the names other handlers refer to. Stages that need the
 * transport below them (TLS, flush consolidation) go before these; protocol handlers after.
 */
public final class NdjsonCodec {

  /** Default longest line, in bytes: 64 KiB. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

  public static final String LINE_DECODER = "lineDecoder";
  public static final String FRAME_DECODER = "frameDecoder";
  public static final String FRAME_ENCODER = "frameEncoder";

  private NdjsonCodec() {}

  /** Adds the three codec stages at the end of {@code pipeline}. */
  public static void addTo(ChannelPipeline pipeline, int maxLineLength) {
    // frame → JSON line; raw ByteBufs (relayed lines) pass through untouched. First, so that a
    // frame written from any later stage's context (the decoder's error answers too) is encoded.
    pipeline.addLast(FRAME_ENCODER, FrameEncoder.INSTANCE);
    // split the byte stream into lines; failFast so an endless line is refused as soon as it passes the limit
    pipeline.addLast(LINE_DECODER, new LineBasedFrameDecoder(maxLineLength, true, true));
    // one line → one frame, or an error frame back to the sender
    pipeline.addLast(FRAME_DECODER, new FrameDecoder(maxLineLength));
  }
}
