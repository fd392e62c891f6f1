package io.webassist.bench.pairs;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.webassist.bench.load.LoadGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The same pairs through Mosquitto: each end is an MQTT 3.1.1 client (Netty's codec-mqtt); the
 * origin publishes to {@code bench/<i>/a} (QoS 0) and subscribes to {@code bench/<i>/b}; the
 * echo end does the reverse and republishes every payload it gets. Same payload bytes as the
 * NDJSON targets, without the line end (MQTT frames by length).
 */
public final class MqttTarget implements PairTarget {

  private static final MqttFixedHeader PUBLISH_QOS0 =
      new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_MOST_ONCE, false, 0);

  private final List<Channel> channels = new ArrayList<>();
  private final List<OriginEnd> origins = new ArrayList<>();
  private final AutoCloseable broker;

  @Override
  public long pid() {
    return broker instanceof io.webassist.bench.proc.MosquittoProcess mosquitto ? mosquitto.pid() : -1;
  }

  private MqttTarget(AutoCloseable broker) {
    this.broker = broker;
  }

  /** Handles one MQTT connection: CONNACK/SUBACK complete the setup, PUBLISH goes to {@code onPayload}. */
  private static final class Client extends SimpleChannelInboundHandler<MqttMessage> {
    final CompletableFuture<Void> connected = new CompletableFuture<>();
    final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    volatile java.util.function.BiConsumer<ChannelHandlerContext, MqttPublishMessage> onPayload = (c, m) -> { };

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
      switch (msg.fixedHeader().messageType()) {
        case CONNACK -> {
          if (((MqttConnAckMessage) msg).variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            connected.complete(null);
          } else {
            connected.completeExceptionally(new IllegalStateException("mqtt connect refused"));
          }
        }
        case SUBACK -> subscribed.complete(null);
        case PUBLISH -> onPayload.accept(ctx, (MqttPublishMessage) msg);
        default -> { }
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      connected.completeExceptionally(cause);
      ctx.close();
    }
  }

  public static MqttTarget open(LoadGroup load, int port, int pairs, AutoCloseable broker) throws Exception {
    MqttTarget target = new MqttTarget(broker);
    try {
      for (int i = 0; i < pairs; i++) {
        String toB = "bench/" + i + "/a";
        String toA = "bench/" + i + "/b";
        Client a = target.connect(load, port, "a-" + i, toA);
        Client b = target.connect(load, port, "b-" + i, toB);
        Channel aCh = target.channels.get(target.channels.size() - 2);
        OriginEnd origin = new OriginEnd(aCh, (ch, frame) -> ch.writeAndFlush(publish(toB, frame), ch.voidPromise()), false);
        a.onPayload = (ctx, msg) -> origin.onReply();
        b.onPayload = (ctx, msg) -> ctx.writeAndFlush(publish(toA, msg.payload().retain()), ctx.voidPromise());
        target.origins.add(origin);
      }
      return target;
    } catch (Exception e) {
      target.close();
      throw e;
    }
  }

  private static MqttPublishMessage publish(String topic, ByteBuf payload) {
    return new MqttPublishMessage(PUBLISH_QOS0, new MqttPublishVariableHeader(topic, 0), payload);
  }

  private Client connect(LoadGroup load, int port, String clientId, String subscribeTo) throws Exception {
    Client client = new Client();
    Channel ch = load.connectSync(load.bootstrap(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel c) {
        c.pipeline().addLast("mqttDecoder", new MqttDecoder(1 << 20));
        c.pipeline().addLast("mqttEncoder", MqttEncoder.INSTANCE);
        c.pipeline().addLast("client", client);
      }
    }), "127.0.0.1", port);
    channels.add(ch);
    ch.writeAndFlush(MqttMessageBuilders.connect().clientId(clientId).cleanSession(true).keepAlive(0)
        .protocolVersion(MqttVersion.MQTT_3_1_1).build());
    client.connected.get(30, TimeUnit.SECONDS);
    ch.writeAndFlush(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_MOST_ONCE, subscribeTo).build());
    client.subscribed.get(30, TimeUnit.SECONDS);
    return client;
  }

  @Override
  public String name() {
    return "mosquitto";
  }

  @Override
  public List<OriginEnd> origins() {
    return origins;
  }

  @Override
  public void close() {
    channels.forEach(Channel::close);
    try {
      broker.close();
    } catch (Exception ignored) {
      // the broker process is stopped by its own close
    }
  }
}
