package io.webassist.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webassist.dispatch.config.ConfigException;
import io.webassist.dispatch.config.ConfigLoader;
import io.webassist.dispatch.testing.LineClient;
import io.webassist.protocol.frame.Welcome;
import io.webassist.protocol.transport.NettyTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server's I/O transport setting ({@code transport}: auto, nio, epoll, io_uring). */
class TransportTcpTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(NettyTransport.class)
  void serverRunsOnEveryTransportThisMachineHas(NettyTransport transport) throws Exception {
    if (!transport.isAvailable()) {
      assertThatThrownBy(() -> DispatchServer.start(DispatchServerTcpTest.config().withTransport(transport.setting())))
          .hasMessageContaining("not available here");
      return;
    }
    try (DispatchServer server = DispatchServer.start(DispatchServerTcpTest.config().withTransport(transport.setting()));
         LineClient client = new LineClient(server.tcpPort())) {
      assertThat(server.transport()).isEqualTo(transport);

      client.send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}");

      assertThat(client.expect(Welcome.class).protocol()).isEqualTo(1);
    }
  }

  @Test
  void autoIsTheDefault() throws Exception {
    try (DispatchServer server = DispatchServer.start(DispatchServerTcpTest.config())) {
      assertThat(server.transport()).isEqualTo(NettyTransport.choose("auto"));
    }
  }

  @Test
  void configFileNamesTheTransportAndAnUnknownOneIsAClearError() throws Exception {
    Path good = Files.writeString(dir.resolve("good.json"), "{\"transport\":\"nio\"}");
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"transport\":\"carrier-pigeon\"}");

    assertThat(ConfigLoader.load(good).transport()).isEqualTo("nio");
    assertThatThrownBy(() -> ConfigLoader.load(bad)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("transport").hasMessageContaining("auto, nio, epoll, io_uring");
  }
}
