package io.webassist.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second stage of the NDJSON codec: one line in, one {@link io.webassist.protocol.frame.Frame} out.
 * A bad line is answered with an {@code error} frame and skipped, so the connection survives it;
 * a line over the limit is answered with {@code frame_too_large} and the connection is closed,
 * because the rest of the stream can no longer be trusted.
 */
public final class FrameDecoder extends MessageToMessageDecoder<ByteBuf> {

  private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);

  private final FrameMapper mapper;
  private final int maxLineLength;

  public FrameDecoder(int maxLineLength) {
    super(ByteBuf.class);
    this.mapper = FrameMapper.INSTANCE;
    this.maxLineLength = maxLineLength;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
    if (isBlank(line)) {
      return; // a tester pressing Enter in nc is not an error
    }
    try {
      out.add(mapper.read(line));
    } catch (FrameDecodingException e) {
      // no address and no reason text here: both may carry personal data; the server logs its own line
      LOG.debug("bad frame code={}", e.code());
      ctx.fireUserEventTriggered(new BadFrameEvent(e.code(), e.getMessage()));
      if (ctx.channel().isActive()) {
        ctx.writeAndFlush(new ErrorFrame(e.code(), e.getMessage()));
      }
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      LOG.debug("frame too large limit={}", maxLineLength);
      ctx.writeAndFlush(new ErrorFrame(ErrorCode.FRAME_TOO_LARGE,
              "line longer than " + maxLineLength + " bytes; closing"))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  /** Whether the line holds only blanks (spaces, tabs, a CR): skipped, never an error, wherever lines are read. */
  public static boolean isBlank(ByteBuf line) {
    for (int i = line.readerIndex(); i < line.writerIndex(); i++) {
      byte b = line.getByte(i);
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Fired down the pipeline for every refused line, so the handlers after the codec know of it (the link library logs it). */
  public record BadFrameEvent(String code, String message) {}
}
