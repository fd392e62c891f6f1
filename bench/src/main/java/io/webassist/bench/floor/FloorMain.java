package io.webassist.bench.floor;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.webassist.bench.proc.ChildProcess;
import io.webassist.protocol.transport.NettyTransport;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The raw-TCP floor, run in its own JVM like the server under test: the least any Netty server
 * can do for the same traffic. {@code echo}: every byte goes back (the direct link's floor).
 * {@code forward}: a connection names its pair in its first line ({@code pair <id>}); once both
 * are there each gets {@code ready} and bytes then flow between them untouched — no line
 * splitting, no JSON (the relay's floor). Prints {@code floor listening <port>} when ready.
 */
public final class FloorMain {

  private FloorMain() {}

  public static void main(String[] args) throws InterruptedException {
    boolean forward = args.length > 0 && args[0].equals("forward");
    NettyTransport transport = NettyTransport.choose(System.getProperty(ChildProcess.TRANSPORT_PROPERTY, "auto"));
    EventLoopGroup group = transport.newGroup(0);
    Map<String, Channel> waiting = new ConcurrentHashMap<>();
    try {
      Channel server = new ServerBootstrap()
          .group(group)
          .channel(transport.serverChannel())
          .option(ChannelOption.SO_BACKLOG, 4096)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
              if (forward) {
                ch.pipeline().addLast("firstLine", new LineBasedFrameDecoder(256));
                ch.pipeline().addLast("pairing", new Pairing(waiting));
              } else {
                ch.pipeline().addLast("echo", new Echo());
              }
            }
          })
          .bind("127.0.0.1", 0).sync().channel();
      System.out.println("floor listening " + ((java.net.InetSocketAddress) server.localAddress()).getPort());
      System.out.flush();
      server.closeFuture().sync();
    } finally {
      group.shutdownGracefully();
    }
  }

  /** Echo: read → write back, one flush per read batch. */
  private static final class Echo extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.write(msg, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** Reads {@code pair <id>}; the second of a pair links both to a {@link Forward}. */
  private static final class Pairing extends ChannelInboundHandlerAdapter {
    private final Map<String, Channel> waiting;

    Pairing(Map<String, Channel> waiting) {
      this.waiting = waiting;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      String id = ((ByteBuf) msg).toString(StandardCharsets.US_ASCII).trim();
      ((ByteBuf) msg).release();
      Channel self = ctx.channel();
      // atomically: two sides pairing at once on two event loops must not both wait
      Channel[] found = new Channel[1];
      waiting.compute(id, (key, there) -> {
        found[0] = there;
        return there == null ? self : null;
      });
      Channel other = found[0];
      if (other == null) {
        self.config().setAutoRead(false); // nothing more until the partner is there
        return;
      }
      link(other, self);
      link(self, other);
    }

    private static void link(Channel from, Channel to) {
      from.eventLoop().execute(() -> {
        from.pipeline().remove("firstLine");
        from.pipeline().replace("pairing", "forward", new Forward(to));
        from.writeAndFlush(from.alloc().buffer(6).writeBytes("ready\n".getBytes(StandardCharsets.US_ASCII)));
        from.config().setAutoRead(true);
      });
    }
  }

  /** Forward: bytes to the partner, one flush per read batch. */
  private static final class Forward extends ChannelInboundHandlerAdapter {
    private final Channel to;

    Forward(Channel to) {
      this.to = to;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      to.write(msg, to.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      to.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      to.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
