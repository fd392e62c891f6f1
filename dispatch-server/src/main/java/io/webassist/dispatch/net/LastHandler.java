package io.webassist.dispatch.net;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.util.ReferenceCountUtil;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the last stage of every TCP pipeline (the {@link HandshakeHandler}, which calls this) does
 * with a frame no role took, and with every exception. A reset
 * connection, plain text sent to the TLS port and a failed TLS handshake (a wrong pin on the
 * client, a scanner) are normal life and logged at DEBUG; anything else is a bug, logged with its stack
 * trace for the operator, while the client only gets {@code error{internal}} and is closed —
 * other connections are not affected.
 */
@Sharable
final class LastHandler extends ChannelInboundHandlerAdapter {

  static final LastHandler INSTANCE = new LastHandler();

  private static final Logger LOG = LoggerFactory.getLogger(LastHandler.class);

  private LastHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
    Connection connection = Connection.of(ctx.channel());
    if (connection != null) {
      connection.send(new ErrorFrame(ErrorCode.WRONG_STATE, "this frame is not expected here"));
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Connection connection = Connection.of(ctx.channel());
    String id = connection == null ? ctx.channel().id().asShortText() : connection.connectionId();
    // the SslHandler's complaints (plain text on the TLS port, a failed handshake) come wrapped by its decoder
    Throwable reason = cause instanceof DecoderException && cause.getCause() instanceof SSLException
        ? cause.getCause() : cause;
    if (reason instanceof SSLException) {
      // NotSslRecordException's message is a hex dump of what came in, which may be a user's name and phone
      LOG.debug("tls failed connection={} reason={}", id,
          reason instanceof NotSslRecordException ? "not a TLS record (a plain-text client?)" : reason.toString());
      ctx.close();
      return;
    }
    if (reason instanceof IOException) {
      LOG.debug("connection failed connection={} reason={}", id, reason.toString());
      ctx.close();
      return;
    }
    LOG.error("unexpected error connection={}", id, cause);
    if (connection != null) {
      connection.close(new ErrorFrame(ErrorCode.INTERNAL, "internal error; the connection is closed"));
    } else {
      ctx.close();
    }
  }
}
