package io.webassist.dispatch.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.util.AttributeKey;
import io.webassist.dispatch.relay.RelayMember;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.RelayJoined;
import io.webassist.protocol.frame.RelayPartnerLeft;
import io.webassist.protocol.frame.RelayReady;

/**
 * A relay connection as a {@link RelayMember}. On pairing, its {@link FrameReader} (line split,
 * rate limit, frame decoding) gives way to a {@link RelayForwarder} to the partner — on the channel's own event loop,
 * before {@code relay.ready} is written, so every byte the client sends after {@code relay.ready}
 * is forwarded untouched. Until then the line length limit holds as on every connection.
 */
final class RelayChannel implements RelayMember {

  static final AttributeKey<RelayChannel> KEY = AttributeKey.valueOf("webassist.relay");
  private final Connection connection;

  RelayChannel(Connection connection) {
    this.connection = connection;
  }

  Channel channel() {
    return connection.channel();
  }

  @Override
  public void joined(String sessionId) {
    connection.send(new RelayJoined(sessionId));
  }

  @Override
  public void paired(RelayMember partner, String sessionId) {
    Channel partnerChannel = ((RelayChannel) partner).channel();
    onLoop(() -> {
      if (!channel().isActive()) {
        return; // closing: its leave() is on its way and will tell the partner
      }
      forwardTo(partnerChannel);
      channel().config().setAutoRead(true);
      // at once, not queued: lines the partner forwards after its own relay.ready must come after this
      connection.sendNow(new RelayReady(sessionId));
    });
  }

  @Override
  public void partnerLeft(String sessionId) {
    onLoop(() -> {
      if (!channel().isActive()) {
        return;
      }
      RelayForwarder forwarder = (RelayForwarder) channel().pipeline().get(RelayForwarder.NAME);
      if (forwarder != null) {
        forwarder.partner(null);
      }
      channel().config().setAutoRead(true);
      connection.sendNow(new RelayPartnerLeft(sessionId));
    });
  }

  @Override
  public void close(ErrorFrame reason) {
    connection.close(reason);
  }

  /**
   * Points this channel's forwarder at {@code partnerChannel}; the first time, puts it in place of
   * the {@link FrameReader}. Bytes the reader still held or had not looked at yet (a client that
   * pipelined after {@code relay.join}) reach the forwarder as it is removed.
   */
  private void forwardTo(Channel partnerChannel) {
    ChannelPipeline pipeline = channel().pipeline();
    RelayForwarder forwarder = (RelayForwarder) pipeline.get(RelayForwarder.NAME);
    if (forwarder != null) {
      forwarder.partner(partnerChannel); // a partner came back
      return;
    }
    pipeline.addAfter(FrameReader.NAME, RelayForwarder.NAME, new RelayForwarder(partnerChannel));
    pipeline.remove(FrameReader.NAME);
  }

  private void onLoop(Runnable task) {
    if (channel().eventLoop().inEventLoop()) {
      task.run();
    } else {
      channel().eventLoop().execute(task);
    }
  }
}
