package io.webassist.dispatch.pagebridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.dispatch.testing.ManualTicker;
import io.webassist.dispatch.testing.RecordingLink;
import io.webassist.protocol.codec.FrameMapper;
import io.webassist.protocol.frame.PageBridgeState;
import io.webassist.protocol.frame.PageCommand;
import io.webassist.protocol.frame.PageEvent;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One page's socket handler on an {@link EmbeddedChannel}: typed frames only, bounded, released. */
class PageSocketHandlerTest {

  private final PageHub hub = new PageHub(new Metrics());
  private final RecordingLink userLink = new RecordingLink("u1");
  private final ManualTicker clock = new ManualTicker();
  private EmbeddedChannel channel;

  @BeforeEach
  void pairedAndHandshaken() {
    Launch launch = hub.launch(Map.of());
    hub.claim(new UserClient(userLink, "127.0.0.1"), launch.pageKey());
    channel = new EmbeddedChannel(new PageSocketHandler(hub, hub.admit(launch.pageKey()), clock));
    channel.pipeline().fireUserEventTriggered(new HandshakeComplete("/assist/page", new DefaultHttpHeaders(), null));
    userLink.take();
  }

  @AfterEach
  void finish() {
    channel.finishAndReleaseAll();
  }

  private String nextText() throws Exception {
    TextWebSocketFrame frame = channel.readOutbound();
    try {
      return frame.text();
    } finally {
      frame.release();
    }
  }

  @Test
  void thePageGetsItsNextKeyAndItsEventsReachTheClient() throws Exception {
    PageBridgeState connected = (PageBridgeState) FrameMapper.INSTANCE.read(nextText());
    assertThat(connected.state()).isEqualTo("connected");
    assertThat(connected.key()).hasSize(24);

    channel.writeInbound(new TextWebSocketFrame(
        "{\"type\":\"page.event\",\"event\":\"input\",\"field\":\"voucher\",\"value\":\"SPRING-10\"}"));
    assertThat(userLink.take()).containsExactly(PageEvent.input("voucher", "SPRING-10"));
  }

  @Test
  void commandsGoOutAsTextFrames() throws Exception {
    nextText();
    ((PageSocket) channel.pipeline().first()).send(PageCommand.of("clear"));
    assertThat(FrameMapper.INSTANCE.read(nextText())).isEqualTo(PageCommand.of("clear"));
  }

  @Test
  void binaryOrUntypedMessagesCloseTheSocket() throws Exception {
    nextText();
    channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
    CloseWebSocketFrame close = channel.readOutbound();
    assertThat(close.statusCode()).isEqualTo(1003);
    close.release();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aFloodOfEventsIsCutToTheRate() throws Exception {
    nextText();
    for (int i = 0; i < 500; i++) {
      channel.writeInbound(new TextWebSocketFrame("{\"type\":\"page.event\",\"event\":\"pointer\",\"x\":" + i + "}"));
    }
    assertThat(userLink.take()).hasSize(PageSocketHandler.EVENTS_PER_SECOND);
    assertThat(channel.isOpen()).isTrue();
    clock.advance(500);
    for (int i = 0; i < 500; i++) {
      channel.writeInbound(new TextWebSocketFrame("{\"type\":\"page.event\",\"event\":\"pointer\",\"x\":" + i + "}"));
    }
    assertThat(userLink.take()).as("half a second later").hasSize(PageSocketHandler.EVENTS_PER_SECOND / 2);
  }
}
