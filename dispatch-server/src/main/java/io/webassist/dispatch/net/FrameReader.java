package io.webassist.dispatch.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;
import io.webassist.dispatch.limits.FrameRateLimiter;
import io.webassist.dispatch.limits.Limit;
import io.webassist.dispatch.limits.LimitEvents;
import io.webassist.protocol.codec.FrameDecoder;
import io.webassist.protocol.codec.FrameDecodingException;
import io.webassist.protocol.codec.FrameMapper;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bytes → lines → frames, in one shared stage (where a line decoder, a rate limiter and a frame
 * decoder were three, each with its own context on every connection — 64 bytes each, the largest
 * part of an idle connection's heap that was ours). For every line, in this order:
 * <ol>
 *   <li>split at {@code \n} ({@code \r\n} too); a line longer than {@code maxLineLength} — known as
 *       soon as that many bytes are buffered without a line end, so an endless line is never
 *       buffered — is answered with {@code frame_too_large} and the connection is closed;</li>
 *   <li>the connection's {@link FrameRateLimiter}, before any JSON is parsed: refused lines are
 *       dropped unread ({@code rate_limited}, and a close for a sustained flood);</li>
 *   <li>blank lines are skipped (a tester pressing Enter in nc); the line is parsed into a frame
 *       and passed on, or answered with an {@code error} naming what is wrong, and the connection
 *       stays.</li>
 * </ol>
 * What a read left of an unfinished line is kept in the {@link Connection} (nothing for an idle
 * connection); the token bucket too, made at the second line — the first ({@code hello}) always
 * finds a full bucket, and an idle connection that sent only that never holds one.
 *
 * <p>Once a relay pair is ready, {@link RelayChannel} puts a {@link RelayForwarder} after this
 * stage and removes it: the bytes after the line that completed the pairing, and any unfinished
 * line kept, go on to the forwarder untouched.
 */
@Sharable
final class FrameReader extends ChannelInboundHandlerAdapter {

  static final String NAME = "frameReader";

  private static final Logger LOG = LoggerFactory.getLogger(FrameReader.class);

  private final Supplier<FrameRateLimiter> newRate;
  private final LimitEvents events;
  private final int framesPerSecond;
  private final int maxLineLength;

  FrameReader(Supplier<FrameRateLimiter> newRate, LimitEvents events, int framesPerSecond, int maxLineLength) {
    this.newRate = newRate;
    this.events = events;
    this.framesPerSecond = framesPerSecond;
    this.maxLineLength = maxLineLength;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Connection connection = Connection.of(ctx.channel());
    if (connection.inboundClosing()) {
      in.release();
      return;
    }
    ByteBuf held = connection.takePartialLine();
    ByteBuf buf = held == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), held, in);
    if (connection.holdingInput()) {
      connection.partialLine(buf); // a relay side between two loops: all of it goes to its forwarder
      return;
    }
    try {
      while (buf.isReadable()) {
        int lf = buf.forEachByte(ByteProcessor.FIND_LF);
        if (lf < 0) {
          if (buf.readableBytes() > maxLineLength) {
            tooLong(ctx, connection);
          }
          break;
        }
        int start = buf.readerIndex();
        int end = lf > start && buf.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        buf.readerIndex(lf + 1);
        if (end - start > maxLineLength) {
          tooLong(ctx, connection);
          break;
        }
        line(ctx, connection, buf.slice(start, end - start));
        if (ctx.isRemoved()) {
          // the relay's forwarder took this stage's place while the line was handled: the rest is its
          if (buf.isReadable() && ctx.channel().isActive()) {
            ctx.fireChannelRead(buf.retain());
          }
          return;
        }
        if (connection.inboundClosing() || connection.holdingInput()) {
          break;
        }
      }
      if (buf.isReadable() && !connection.inboundClosing() && ctx.channel().isActive()) {
        buf.discardSomeReadBytes();
        connection.partialLine(buf.retain());
      }
    } finally {
      buf.release();
    }
  }

  private void line(ChannelHandlerContext ctx, Connection connection, ByteBuf line) {
    if (!passesRate(ctx, connection) || FrameDecoder.isBlank(line)) {
      return;
    }
    Object frame;
    try {
      frame = FrameMapper.INSTANCE.read(line);
    } catch (FrameDecodingException e) {
      // no address and no reason text here: both may carry personal data
      LOG.debug("bad frame code={} connection={}", e.code(), connection.connectionId());
      if (ctx.channel().isActive()) {
        ctx.writeAndFlush(new ErrorFrame(e.code(), e.getMessage()));
      }
      return;
    }
    ctx.fireChannelRead(frame);
  }

  private boolean passesRate(ChannelHandlerContext ctx, Connection connection) {
    FrameRateLimiter rate = connection.frameRate();
    if (rate == null && connection.markFirstLine()) {
      return true; // the first line: a new bucket is full
    }
    if (rate == null) {
      rate = newRate.get();
      rate.onFrame(); // the first line's token
      connection.frameRate(rate);
    }
    FrameRateLimiter.Verdict verdict = rate.onFrame();
    switch (verdict) {
      case PASS -> {
        return true;
      }
      case REFUSE -> events.count(Limit.FRAME_RATE);
      case REFUSE_AND_TELL -> {
        events.hit(Limit.FRAME_RATE, connection.connectionId(), "framesPerSecond=" + framesPerSecond,
            connection.remoteIp());
        ctx.writeAndFlush(new ErrorFrame(ErrorCode.RATE_LIMITED,
            "more than " + framesPerSecond + " frames a second; frames are being dropped"));
      }
      case CLOSE -> {
        events.count(Limit.FRAME_RATE);
        events.hit(Limit.FRAME_RATE_CLOSE, connection.connectionId(), "refused=" + rate.refused(),
            connection.remoteIp());
        closeWith(ctx, connection, new ErrorFrame(ErrorCode.RATE_LIMITED,
            "sent more than " + framesPerSecond + " frames a second for too long; closing"));
      }
      default -> throw new IllegalStateException(verdict.name());
    }
    return false;
  }

  private void tooLong(ChannelHandlerContext ctx, Connection connection) {
    events.hit(Limit.FRAME_TOO_LARGE, connection.connectionId(), "maxLineLength=" + maxLineLength,
        connection.remoteIp());
    closeWith(ctx, connection, new ErrorFrame(ErrorCode.FRAME_TOO_LARGE,
        "line longer than " + maxLineLength + " bytes; closing"));
  }

  /** Nothing more is read or looked at; the last frame goes out, then the connection closes. */
  private static void closeWith(ChannelHandlerContext ctx, Connection connection, ErrorFrame last) {
    connection.inboundClosing(true);
    ctx.channel().config().setAutoRead(false);
    ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
  }

  /** An unfinished line still kept goes on to the stage that takes this one's place (the relay's forwarder). */
  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    Connection connection = Connection.of(ctx.channel());
    ByteBuf held = connection == null ? null : connection.takePartialLine();
    if (held != null) {
      if (ctx.channel().isActive()) {
        ctx.fireChannelRead(held);
        ctx.fireChannelReadComplete();
      } else {
        held.release();
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Connection connection = Connection.of(ctx.channel());
    if (connection != null) {
      ReferenceCountUtil.release(connection.takePartialLine());
    }
    ctx.fireChannelInactive();
  }
}
