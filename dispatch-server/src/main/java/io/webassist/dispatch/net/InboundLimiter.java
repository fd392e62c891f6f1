package io.webassist.dispatch.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import io.webassist.dispatch.limits.FrameRateLimiter;
import io.webassist.dispatch.limits.Limit;
import io.webassist.dispatch.limits.LimitEvents;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import java.util.function.Supplier;

/**
 * Between the line decoder and the frame decoder (or the relay's forwarder): every line, before
 * any JSON is parsed, passes the connection's {@link FrameRateLimiter}; refused lines are dropped
 * unread. Once a relay pair is ready it leaves the pipeline with the decoders (the relay forwards
 * bytes, held back by the partner's writability). It also takes the line decoder's "line too long" and answers {@code frame_too_large}
 * and closes (the line decoder has already dropped what it held; nothing more of that line is
 * buffered). Shared: each connection's token bucket is kept in its {@link Connection}, made at its
 * second line — the first ({@code hello}) always finds a full bucket, and an idle connection that
 * sent only that never holds one.
 */
@Sharable
final class InboundLimiter extends ChannelInboundHandlerAdapter {

  static final String NAME = "inboundLimit";

  private final Supplier<FrameRateLimiter> newRate;
  private final LimitEvents events;
  private final int framesPerSecond;
  private final int maxLineLength;

  InboundLimiter(Supplier<FrameRateLimiter> newRate, LimitEvents events, int framesPerSecond, int maxLineLength) {
    this.newRate = newRate;
    this.events = events;
    this.framesPerSecond = framesPerSecond;
    this.maxLineLength = maxLineLength;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Connection connection = Connection.of(ctx.channel());
    if (connection.inboundClosing()) {
      ReferenceCountUtil.release(msg);
      return;
    }
    FrameRateLimiter rate = connection.frameRate();
    if (rate == null && connection.markFirstLine()) {
      ctx.fireChannelRead(msg); // the first line: a new bucket is full
      return;
    }
    if (rate == null) {
      rate = newRate.get();
      rate.onFrame(); // the first line's token
      connection.frameRate(rate);
    }
    FrameRateLimiter.Verdict verdict = rate.onFrame();
    if (verdict == FrameRateLimiter.Verdict.PASS) {
      ctx.fireChannelRead(msg);
      return;
    }
    ReferenceCountUtil.release(msg);
    switch (verdict) {
      case REFUSE -> events.count(Limit.FRAME_RATE);
      case REFUSE_AND_TELL -> {
        events.hit(Limit.FRAME_RATE, idOf(ctx), "framesPerSecond=" + framesPerSecond, ipOf(ctx));
        ctx.writeAndFlush(new ErrorFrame(ErrorCode.RATE_LIMITED,
            "more than " + framesPerSecond + " frames a second; frames are being dropped"));
      }
      case CLOSE -> {
        events.count(Limit.FRAME_RATE);
        events.hit(Limit.FRAME_RATE_CLOSE, idOf(ctx), "refused=" + rate.refused(), ipOf(ctx));
        closeWith(ctx, new ErrorFrame(ErrorCode.RATE_LIMITED,
            "sent more than " + framesPerSecond + " frames a second for too long; closing"));
      }
      default -> throw new IllegalStateException(verdict.name());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof TooLongFrameException)) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    if (!Connection.of(ctx.channel()).inboundClosing()) {
      events.hit(Limit.FRAME_TOO_LARGE, idOf(ctx), "maxLineLength=" + maxLineLength, ipOf(ctx));
      closeWith(ctx, new ErrorFrame(ErrorCode.FRAME_TOO_LARGE, "line longer than " + maxLineLength + " bytes; closing"));
    }
  }

  private void closeWith(ChannelHandlerContext ctx, ErrorFrame last) {
    Connection.of(ctx.channel()).inboundClosing(true);
    ctx.channel().config().setAutoRead(false);
    ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
  }

  static String idOf(ChannelHandlerContext ctx) {
    Connection connection = Connection.of(ctx.channel());
    return connection == null ? ctx.channel().id().asShortText() : connection.connectionId();
  }

  static String ipOf(ChannelHandlerContext ctx) {
    return Connection.hostOf(ctx.channel().remoteAddress());
  }
}
