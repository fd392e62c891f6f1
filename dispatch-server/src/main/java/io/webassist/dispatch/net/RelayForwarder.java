package io.webassist.dispatch.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;

/**
 * Stands where the line decoder, the rate limiter and the frame decoder were once a relay pair is
 * ready: the bytes a side sends go to its partner as they come off the socket — no line split, no
 * JSON, no copy (the peers frame their own lines). What one read batch brought is written to the
 * partner once, with one flush, at {@code channelReadComplete}: one hop to the partner's event
 * loop per batch instead of a write and a flush per buffer. While the partner cannot take more
 * (not writable), this side stops reading until it can, so the buffers stay bounded.
 *
 * <p>While there is no partner (it left and may come back), what arrives is dropped; if that cut a
 * line in two, the rest of it is dropped too, so a new partner's first byte starts a line.
 * One per channel: it remembers its partner.
 */
final class RelayForwarder extends ChannelInboundHandlerAdapter {

  static final String NAME = "relayForwarder";

  /** A batch rarely holds more than a few buffers; a composite holds up to this many without consolidating. */
  private static final int MAX_COMPONENTS = 64;

  private volatile Channel partner;
  /** What this read batch brought for the partner, written at read-complete (one buffer or a composite). */
  private ByteBuf pending;
  /** Bytes were dropped (no partner) and the last one was not a line end. */
  private boolean midLine;

  RelayForwarder(Channel partner) {
    this.partner = partner;
  }

  void partner(Channel value) {
    partner = value;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf bytes)) {
      ctx.fireChannelRead(msg); // not from the socket: nothing for the partner
      return;
    }
    Channel to = partner;
    if (to == null || !to.isActive()) {
      midLine = bytes.isReadable() ? bytes.getByte(bytes.writerIndex() - 1) != '\n' : midLine;
      bytes.release(); // nobody to forward to: dropped (the session link's resume recovers it)
      return;
    }
    if (midLine && !skipRestOfLine(bytes)) {
      bytes.release();
      return;
    }
    add(ctx, bytes);
  }

  /** Drops the tail of a line cut by a drop; false when all of {@code bytes} was that tail. */
  private boolean skipRestOfLine(ByteBuf bytes) {
    int end = bytes.forEachByte(ByteProcessor.FIND_LF);
    if (end < 0) {
      return false;
    }
    bytes.readerIndex(end + 1);
    midLine = false;
    return bytes.isReadable();
  }

  private void add(ChannelHandlerContext ctx, ByteBuf bytes) {
    if (pending == null) {
      pending = bytes;
    } else if (pending instanceof CompositeByteBuf composite) {
      composite.addComponent(true, bytes);
    } else {
      CompositeByteBuf composite = ctx.alloc().compositeBuffer(MAX_COMPONENTS);
      composite.addComponent(true, pending);
      composite.addComponent(true, bytes);
      pending = composite;
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ByteBuf out = pending;
    pending = null;
    Channel to = partner;
    if (out != null) {
      if (to == null || !to.isActive()) {
        out.release();
      } else {
        // one task on the partner's loop for the whole batch (a write and a flush each would be two per buffer)
        to.writeAndFlush(out, to.voidPromise());
        if (!to.isWritable()) {
          ctx.channel().config().setAutoRead(false); // resumed by the partner's channelWritabilityChanged
        }
      }
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Channel from = partner;
    if (ctx.channel().isWritable() && from != null && from.isActive()) {
      from.config().setAutoRead(true); // the partner may send again: we can take it
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    ReferenceCountUtil.release(pending);
    pending = null;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ReferenceCountUtil.release(pending);
    pending = null;
    ctx.fireChannelInactive();
  }
}
