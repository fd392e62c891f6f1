package io.webassist.dispatch.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
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
  /**
   * The partner's pairing, held back while this side moves to the partner's loop; set and read on
   * this side's loop before the move (the hub calls both sides' {@code paired} from it), run on the
   * partner's loop after it.
   */
  private Runnable afterMove;

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

  /**
   * Both sides of a pair end up on one event loop, so that what one sends reaches the other
   * without a hand-over between two loops (a task and a wake-up per read batch). The side that
   * completes the pair (reading its {@code relay.join} on its own loop) moves to its partner's
   * loop: it stops parsing what it read after the join (kept for the forwarder), leaves its loop
   * and registers with the partner's; there both sides are put in relay mode and told
   * {@code relay.ready} — the partner's pairing waits for the move, so nothing it forwards meets a
   * channel between two loops.
   */
  @Override
  public void paired(RelayMember partner, String sessionId) {
    RelayChannel other = (RelayChannel) partner;
    if (other.movesToLoopOf(this)) {
      other.afterMove = () -> pairNow(other.channel(), sessionId);
      return;
    }
    if (movesToLoopOf(other)) {
      moveTo(other, sessionId);
      return;
    }
    onLoop(() -> pairNow(other.channel(), sessionId));
  }

  /** True on this side's own loop (reading its relay.join) when the partner is on another loop. */
  private boolean movesToLoopOf(RelayChannel partner) {
    return channel().eventLoop().inEventLoop() && partner.channel().eventLoop() != channel().eventLoop();
  }

  private void moveTo(RelayChannel partner, String sessionId) {
    Channel channel = channel();
    EventLoop target = partner.channel().eventLoop();
    connection.holdInput(true); // the rest of this read and anything read before the move: kept unparsed
    channel.config().setAutoRead(false);
    channel.deregister().addListener(left -> {
      if (!left.isSuccess()) {
        stayAndPair(partner, sessionId);
        return;
      }
      target.register(channel).addListener(joined -> {
        if (!joined.isSuccess()) {
          channel.close(); // on no loop: the partner is told partner_left as for any close
          return;
        }
        // the partner first, as the hub called them: its relay.ready must go before what this side
        // forwards to it (now a direct write on the same loop, no longer a task behind the pairing)
        runAfterMove();
        pairNow(partner.channel(), sessionId);
      });
    });
  }

  /** The move failed before it left: paired where it is, the partner on its own loop. */
  private void stayAndPair(RelayChannel partner, String sessionId) {
    Runnable partnerPairing = afterMove;
    afterMove = null;
    if (partnerPairing != null) {
      partner.onLoop(partnerPairing); // queued on the partner's loop before anything this side forwards
    }
    pairNow(partner.channel(), sessionId);
  }

  private void runAfterMove() {
    Runnable partnerPairing = afterMove;
    afterMove = null;
    if (partnerPairing != null) {
      partnerPairing.run(); // both sides on this loop now
    }
  }

  /** On this side's loop: relay mode towards {@code partnerChannel}, then {@code relay.ready}. */
  private void pairNow(Channel partnerChannel, String sessionId) {
    connection.holdInput(false);
    if (!channel().isActive()) {
      return; // closing: its leave() is on its way and will tell the partner
    }
    forwardTo(partnerChannel);
    channel().config().setAutoRead(true);
    // at once, not queued: lines the partner forwards after its own relay.ready must come after this
    connection.sendNow(new RelayReady(sessionId));
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
