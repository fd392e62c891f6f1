package io.webassist.dispatch.net;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.webassist.dispatch.broker.SupportBroker;
import io.webassist.dispatch.pagebridge.PageHub;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.PageCommand;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionLinkReport;
import io.webassist.protocol.frame.SupportCancel;
import io.webassist.protocol.frame.SupportReclaim;
import io.webassist.protocol.frame.SupportRequest;

/** Frames from a connection that said {@code hello{role:"user"}}, handed to the {@link SupportBroker}. */
@Sharable
final class UserHandler extends ChannelInboundHandlerAdapter {

  private final SupportBroker broker;
  private final PageHub pages;

  UserHandler(SupportBroker broker, PageHub pages) {
    this.broker = broker;
    this.pages = pages;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Connection connection = Connection.of(ctx.channel());
    if (msg instanceof SupportRequest request) {
      if (request.pageKey() != null) {
        pages.claim(connection.user(), request.pageKey()); // the page bridge: pair this connection with the page
      }
      broker.submit(connection.user(), request);
    } else if (msg instanceof SupportReclaim reclaim) {
      broker.reclaim(connection.user(), reclaim);
    } else if (msg instanceof PageCommand command) {
      pages.command(connection.user(), command);
    } else if (msg instanceof SupportCancel cancel) {
      broker.cancel(connection.user(), cancel.requestId());
    } else if (msg instanceof SessionEnd end && end.sessionId() != null) {
      broker.endSession(connection, end.sessionId(), end.reason());
    } else if (msg instanceof SessionLinkReport report) {
      broker.reportLink(connection, report.sessionId(), report.path());
    } else {
      connection.send(new ErrorFrame(ErrorCode.WRONG_STATE,
          "a user connection does not take " + FrameNames.of(msg) + " from the client"));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    broker.userLeft(Connection.of(ctx.channel()).user());
    pages.userLeft(Connection.of(ctx.channel()).user());
    ctx.fireChannelInactive();
  }
}
