package io.webassist.dispatch.pagebridge;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.webassist.dispatch.limits.TokenBucket;
import io.webassist.dispatch.limits.Ticker;
import io.webassist.protocol.codec.FrameDecodingException;
import io.webassist.protocol.codec.FrameMapper;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.PageEvent;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page's WebSocket, after its handshake: text messages are {@code page.event} frames (anything
 * else closes the socket with 1008), at most {@value #EVENTS_PER_SECOND} a second (more are dropped:
 * pointer moves are only hints); commands go out only while the socket keeps up (else dropped, never
 * queued without bound). Pings when quiet; closed when the page says nothing, not even a pong, for
 * {@link PageBridgeHttp#SOCKET_IDLE_SECONDS}.
 */
final class PageSocketHandler extends ChannelInboundHandlerAdapter implements PageSocket {

  private static final Logger LOG = LoggerFactory.getLogger(PageSocketHandler.class);
  static final int EVENTS_PER_SECOND = 120;

  private final PageHub hub;
  private final PageHub.Admission admission;
  private final TokenBucket rate;
  private volatile Channel channel;

  PageSocketHandler(PageHub hub, PageHub.Admission admission) {
    this(hub, admission, Ticker.SYSTEM);
  }

  /** With the clock the event rate is measured on (tests move it by hand). */
  PageSocketHandler(PageHub hub, PageHub.Admission admission, Ticker clock) {
    this.hub = hub;
    this.admission = admission;
    this.rate = new TokenBucket(EVENTS_PER_SECOND, EVENTS_PER_SECOND, clock);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof HandshakeComplete) {
      hub.pageOpened(admission, this);
    } else if (event instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.WRITER_IDLE) {
        ctx.writeAndFlush(new PingWebSocketFrame());
      } else {
        LOG.debug("page socket idle; closing");
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "idle"))
            .addListener(ChannelFutureListener.CLOSE);
      }
    } else {
      super.userEventTriggered(ctx, event);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (!(msg instanceof WebSocketFrame)) {
        return;
      }
      if (!(msg instanceof TextWebSocketFrame text)) {
        refuse(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "text only");
        return;
      }
      Frame frame;
      try {
        frame = FrameMapper.INSTANCE.read(text.text());
      } catch (FrameDecodingException e) {
        refuse(ctx, WebSocketCloseStatus.POLICY_VIOLATION, "bad page.event");
        return;
      }
      if (!(frame instanceof PageEvent event)) {
        refuse(ctx, WebSocketCloseStatus.POLICY_VIOLATION, "a page sends page.event only");
        return;
      }
      if (rate.tryTake()) {
        hub.pageEvent(admission.bridge(), this, event);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void refuse(ChannelHandlerContext ctx, WebSocketCloseStatus status, String why) {
    LOG.info("page socket closed remote={} reason=\"{}\"", ctx.channel().remoteAddress(), why);
    ctx.writeAndFlush(new CloseWebSocketFrame(status, why)).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    hub.pageClosed(admission.bridge(), this);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      LOG.debug("page socket closed reason={}", cause.toString());
    } else {
      LOG.info("page socket failed remote={} reason={}", ctx.channel().remoteAddress(), cause.toString());
    }
    ctx.close();
  }

  // ---- PageSocket

  @Override
  public void send(Frame frame) {
    Channel ch = channel;
    if (ch != null && ch.isActive() && ch.isWritable()) {
      ch.writeAndFlush(new TextWebSocketFrame(FrameMapper.INSTANCE.writeString(frame)));
    }
  }

  @Override
  public void close(Frame last) {
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    if (last != null && ch.isActive()) {
      ch.write(new TextWebSocketFrame(FrameMapper.INSTANCE.writeString(last)));
    }
    ch.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "bridge closed"))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
