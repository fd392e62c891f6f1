package io.webassist.dispatch.net;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.webassist.dispatch.relay.RelayHub;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.RelayJoin;

/**
 * Frames from a connection that said {@code hello{role:"relay"}}: one {@code relay.join}, then
 * (once the partner is there) nothing parsed any more — {@link RelayChannel} swaps the frame
 * decoder for a {@link RawLineForwarder}.
 */
@Sharable
final class RelayHandler extends ChannelInboundHandlerAdapter {

  private final RelayHub hub;

  RelayHandler(RelayHub hub) {
    this.hub = hub;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Connection connection = Connection.of(ctx.channel());
    if (!(msg instanceof RelayJoin join) || connection.relaySessionId() != null) {
      connection.send(new ErrorFrame(ErrorCode.WRONG_STATE, connection.relaySessionId() == null
          ? "send relay.join first" : "wait for relay.ready before sending session frames"));
      return;
    }
    RelayChannel member = new RelayChannel(connection);
    switch (hub.join(join.sessionId(), join.token(), member)) {
      case JOINED, PAIRED -> {
        connection.relaySessionId(join.sessionId());
        ctx.channel().attr(RelayChannel.KEY).set(member);
      }
      case BAD_TOKEN -> connection.close(new ErrorFrame(ErrorCode.BAD_TOKEN,
          "unknown session or wrong token", join.sessionId()));
      case SESSION_ENDED -> connection.close(new ErrorFrame(ErrorCode.SESSION_ENDED,
          "the session has ended", join.sessionId()));
      case FULL -> connection.close(new ErrorFrame(ErrorCode.RELAY_FULL,
          "both sides of this session are already on the relay", join.sessionId()));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Connection connection = Connection.of(ctx.channel());
    RelayChannel member = ctx.channel().attr(RelayChannel.KEY).get();
    if (member != null) {
      hub.leave(connection.relaySessionId(), member);
    }
    ctx.fireChannelInactive();
  }
}
