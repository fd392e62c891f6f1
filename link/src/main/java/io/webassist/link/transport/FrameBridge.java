package io.webassist.link.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.webassist.protocol.codec.FrameDecoder;
import io.webassist.protocol.frame.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last inbound stage: hands decoded frames, bad lines and the close to the connection's
 * {@link FrameChannel}, which delivers them on the link thread. Nothing here blocks.
 */
final class FrameBridge extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(FrameBridge.class);

  /**
   * A refused line not handed on yet. The frame decoder tells of a bad line before it writes its
   * own {@code error} answer; the owner may answer too (and close), and when it is told at once —
   * the I/O on the link thread — its answer would overtake the decoder's. So it is told just after:
   * before the next frame, at the end of the read, or before the close, whichever comes first.
   */
  private FrameChannel.BadLine badLine;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Frame frame) {
      handBadLineOn(ctx);
      FrameChannel channel = FrameChannel.of(ctx.channel());
      channel.readStarted();
      channel.received(frame);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    handBadLineOn(ctx);
    FrameChannel.of(ctx.channel()).readDone();
    ctx.fireChannelReadComplete();
  }

  private void handBadLineOn(ChannelHandlerContext ctx) {
    FrameChannel.BadLine bad = badLine;
    if (bad != null) {
      badLine = null;
      FrameChannel.of(ctx.channel()).received(bad);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof FrameDecoder.BadFrameEvent bad) {
      handBadLineOn(ctx);
      badLine = new FrameChannel.BadLine(bad.code());
      return;
    }
    if (event instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess()) {
      // our own outgoing connections report this through Connector; this line is for accepted ones
      LOG.info("TLS handshake failed remote={} causes=[{}]", ctx.channel().remoteAddress(),
          Connector.causeChain(tls.cause()));
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    FrameChannel.of(ctx.channel()).received(FrameChannel.Opened.INSTANCE);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    handBadLineOn(ctx);
    FrameChannel channel = FrameChannel.of(ctx.channel());
    channel.readDone();
    channel.received(FrameChannel.Closed.INSTANCE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("connection failed remote={} reason={}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
