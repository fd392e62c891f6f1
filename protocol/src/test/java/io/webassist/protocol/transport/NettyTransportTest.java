package io.webassist.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The transport setting: what auto picks, clear refusals, and each available transport really carrying bytes. */
class NettyTransportTest {

  @Test
  void autoIsEpollWhereItIsAvailableElseNio() {
    assertThat(NettyTransport.choose("auto")).isEqualTo(NettyTransport.EPOLL.isAvailable() ? NettyTransport.EPOLL : NettyTransport.NIO);
    assertThat(NettyTransport.choose(null)).isEqualTo(NettyTransport.choose("auto"));
    assertThat(NettyTransport.choose(" NIO ")).isEqualTo(NettyTransport.NIO);
  }

  @Test
  void unknownSettingIsRefusedNamingTheChoices() {
    assertThatThrownBy(() -> NettyTransport.choose("kqueue"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, nio, epoll, io_uring");
  }

  @Test
  void aNativeTransportThatIsNotAvailableIsRefusedSayingWhy() {
    for (NettyTransport t : NettyTransport.values()) {
      if (!t.isAvailable()) {
        assertThatThrownBy(() -> NettyTransport.choose(t.setting())).hasMessageContaining("not available here");
      } else {
        assertThat(NettyTransport.choose(t.setting())).isEqualTo(t);
      }
    }
    assertThat(NettyTransport.NIO.unavailability()).isNull();
  }

  @ParameterizedTest
  @EnumSource(NettyTransport.class)
  void eachAvailableTransportEchoesOverLoopback(NettyTransport transport) throws Exception {
    if (!transport.isAvailable()) {
      assertThat(transport.unavailability()).isNotBlank(); // and choose() refuses it, above
      return;
    }
    EventLoopGroup group = transport.newGroup(1);
    try {
      Channel server = new ServerBootstrap().group(group).channel(transport.serverChannel())
          .childHandler(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
              ctx.writeAndFlush(msg);
            }
          }).bind("127.0.0.1", 0).sync().channel();
      CompletableFuture<String> echoed = new CompletableFuture<>();
      Channel client = new Bootstrap().group(group).channel(transport.socketChannel())
          .handler(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
              echoed.complete(((ByteBuf) msg).toString(StandardCharsets.UTF_8));
              ((ByteBuf) msg).release();
            }
          }).connect(server.localAddress()).sync().channel();
      client.writeAndFlush(Unpooled.copiedBuffer("ping\n", StandardCharsets.UTF_8));

      assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("ping\n");
      assertThat(((InetSocketAddress) server.localAddress()).getPort()).isPositive();
      client.close().sync();
      server.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
