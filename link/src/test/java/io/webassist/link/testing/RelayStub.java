package io.webassist.link.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.webassist.security.tls.TlsContexts;
import io.netty.util.AttributeKey;
import io.webassist.protocol.codec.NdjsonCodec;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Hello;
import io.webassist.protocol.frame.Ping;
import io.webassist.protocol.frame.Pong;
import io.webassist.protocol.frame.RelayJoin;
import io.webassist.protocol.frame.RelayJoined;
import io.webassist.protocol.frame.RelayPartnerLeft;
import io.webassist.protocol.frame.RelayReady;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.Welcome;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the dispatch server's relay, following its contract exactly:
 * {@code hello{role:"relay"}} → {@code welcome}; {@code relay.join{sessionId, token}} →
 * {@code relay.joined} to the first joiner, {@code relay.ready} to both when paired, then every
 * frame forwarded to the other side; {@code relay.partner_left} when one side drops (its slot may
 * re-join with the same token); wrong token → {@code error{bad_token}} + close; third joiner →
 * {@code error{relay_full}}; ended session → {@code error{session_ended}}. It re-encodes forwarded
 * frames instead of copying raw lines, which is the same on the wire for valid frames. Over TLS
 * with the given server context (the real relay presents the dispatch server's identity), or plain.
 */
public final class RelayStub implements AutoCloseable {
  private static final AttributeKey<String> SESSION = AttributeKey.valueOf("relayStub.session");

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Map<String, Slot> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger readies = new AtomicInteger();
  private final Channel server;

  private static final class Slot {
    final String token;
    final List<Channel> members = new ArrayList<>();
    boolean ended;

    Slot(String token) {
      this.token = token;
    }
  }

  /** A plain-TCP relay. */
  public RelayStub() {
    this(null);
  }

  /** A relay presenting {@code tls} (null: plain TCP). */
  public RelayStub(SslContext tls) {
    server = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            if (tls != null) {
              TlsContexts.addFirst(ch, tls);
            }
            NdjsonCodec.addTo(ch.pipeline(), NdjsonCodec.DEFAULT_MAX_LINE_LENGTH);
            ch.pipeline().addLast(new Handler());
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
  }

  public Endpoint endpoint() {
    return new Endpoint("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort());
  }

  public void register(String sessionId, String token) {
    sessions.put(sessionId, new Slot(token));
  }

  public synchronized void end(String sessionId) {
    Slot slot = sessions.get(sessionId);
    slot.ended = true;
    slot.members.forEach(Channel::close);
  }

  /** How many times a pair was made ({@code relay.ready} sent to both). */
  public int pairings() {
    return readies.get();
  }

  /** Closes every relay connection, as a relay node failure would. */
  public synchronized void dropAll() {
    sessions.values().forEach(slot -> List.copyOf(slot.members).forEach(Channel::close));
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Handler extends SimpleChannelInboundHandler<Frame> {
    private boolean helloSeen;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
      synchronized (RelayStub.this) {
        String sessionId = ctx.channel().attr(SESSION).get();
        Slot slot = sessionId == null ? null : sessions.get(sessionId);
        if (slot != null && slot.members.size() == 2 && slot.members.contains(ctx.channel())) {
          Channel other = slot.members.get(0) == ctx.channel() ? slot.members.get(1) : slot.members.get(0);
          other.writeAndFlush(frame);
          return;
        }
        if (frame instanceof Ping) {
          ctx.writeAndFlush(Pong.INSTANCE);
        } else if (!helloSeen) {
          if (frame instanceof Hello hello && hello.role() == Role.RELAY) {
            helloSeen = true;
            ctx.writeAndFlush(new Welcome(1, "relay-" + ctx.channel().id().asShortText(), 0));
          } else {
            refuse(ctx, ErrorCode.HELLO_REQUIRED);
          }
        } else if (frame instanceof RelayJoin join && sessionId == null) {
          join(ctx, join);
        } else {
          refuse(ctx, ErrorCode.WRONG_STATE);
        }
      }
    }

    private void join(ChannelHandlerContext ctx, RelayJoin join) {
      Slot slot = sessions.get(join.sessionId());
      if (slot == null) {
        refuse(ctx, ErrorCode.UNKNOWN_SESSION);
      } else if (!slot.token.equals(join.token())) {
        refuse(ctx, ErrorCode.BAD_TOKEN);
      } else if (slot.ended) {
        refuse(ctx, ErrorCode.SESSION_ENDED);
      } else if (slot.members.size() == 2) {
        refuse(ctx, ErrorCode.RELAY_FULL);
      } else {
        ctx.channel().attr(SESSION).set(join.sessionId());
        slot.members.add(ctx.channel());
        if (slot.members.size() == 1) {
          ctx.writeAndFlush(new RelayJoined(join.sessionId()));
        } else {
          readies.incrementAndGet();
          slot.members.forEach(member -> member.writeAndFlush(new RelayReady(join.sessionId())));
        }
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // a failed TLS handshake or a reset
    }

    private void refuse(ChannelHandlerContext ctx, String code) {
      ctx.writeAndFlush(new ErrorFrame(code, "relay stub: " + code)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      synchronized (RelayStub.this) {
        String sessionId = ctx.channel().attr(SESSION).get();
        Slot slot = sessionId == null ? null : sessions.get(sessionId);
        if (slot != null && slot.members.remove(ctx.channel())) {
          slot.members.forEach(other -> other.writeAndFlush(new RelayPartnerLeft(sessionId)));
        }
      }
    }
  }
}
