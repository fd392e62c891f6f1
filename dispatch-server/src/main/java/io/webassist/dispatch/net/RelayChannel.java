package io.webassist.dispatch.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.util.AttributeKey;
import io.webassist.dispatch.relay.RelayMember;
import io.webassist.protocol.codec.NdjsonCodec;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.RelayJoined;
import io.webassist.protocol.frame.RelayPartnerLeft;
import io.webassist.protocol.frame.RelayReady;

/**
 * A relay connection as a {@link RelayMember}. On pairing, its frame decoder is replaced by a
 * {@link RawLineForwarder} to the partner — on the channel's own event loop, before
 * {@code relay.ready} is written, so every line the client sends after {@code relay.ready} is
 * forwarded untouched.
 */
final class RelayChannel implements RelayMember {

  static final AttributeKey<RelayChannel> KEY = AttributeKey.valueOf("webassist.relay");
  static final String FORWARDER = "relayForwarder";

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
      forwarder().partner(partnerChannel);
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
      RawLineForwarder forwarder = (RawLineForwarder) channel().pipeline().get(FORWARDER);
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

  /** The forwarder of this channel, put in place of the frame decoder the first time. */
  private RawLineForwarder forwarder() {
    ChannelPipeline pipeline = channel().pipeline();
    RawLineForwarder forwarder = (RawLineForwarder) pipeline.get(FORWARDER);
    if (forwarder == null) {
      forwarder = new RawLineForwarder();
      pipeline.replace(NdjsonCodec.FRAME_DECODER, FORWARDER, forwarder);
      InboundLimiter limiter = pipeline.get(InboundLimiter.class);
      if (limiter != null) {
        limiter.forwarding();
      }
    }
    return forwarder;
  }

  private void onLoop(Runnable task) {
    if (channel().eventLoop().inEventLoop()) {
      task.run();
    } else {
      channel().eventLoop().execute(task);
    }
  }
}
