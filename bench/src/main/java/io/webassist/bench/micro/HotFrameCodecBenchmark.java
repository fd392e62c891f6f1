package io.webassist.bench.micro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.webassist.protocol.codec.FrameDecodingException;
import io.webassist.protocol.codec.FrameEncoder;
import io.webassist.protocol.codec.FrameMapper;
import io.webassist.protocol.frame.Frame;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The frames that dominate the direct link and the dispatch server (issue 12: JSON decode and encode
 * were half of the direct peer's CPU), as the pipeline meets them: {@code decode} reads a line held in
 * a pooled <em>direct</em> buffer (what Netty's epoll and NIO transports read into), {@code encode}
 * appends to one, and {@code encodeToWire} goes through the {@link FrameEncoder} stage, so that the
 * outbound buffer's allocation (and any growing of it) is counted too. Run with {@code -prof gc}.
 *
 * <pre>java -cp bench/target/bench.jar org.openjdk.jmh.Main HotFrameCodecBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1 -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dio.netty.leakDetection.level=disabled"})
public class HotFrameCodecBenchmark {

  static final Map<String, String> LINES = Map.of(
      "cobrowse.input", "{\"type\":\"cobrowse.input\",\"seq\":20,\"ts\":1764400000000,\"field\":\"q\",\"value\":\"xxxxxxxxxxxxxxx\"}",
      "cobrowse.input-1k", "{\"type\":\"cobrowse.input\",\"seq\":20,\"ts\":1764400000000,\"field\":\"q\",\"value\":\""
          + "x".repeat(955) + "\"}",
      "cobrowse.pointer", "{\"type\":\"cobrowse.pointer\",\"seq\":19,\"ts\":1764400000000,\"x\":312,\"y\":845,"
          + "\"selector\":\"#cart > li:nth-child(2)\",\"offsetX\":12,\"offsetY\":4}",
      "chat.message", "{\"type\":\"chat.message\",\"seq\":17,\"ts\":1764400000000,\"text\":\"Hello Ada, I can see your cart.\"}",
      "support.offer", "{\"type\":\"support.offer\",\"requestId\":\"r-_2KNCJjKOFTsVrr8\",\"user\":{\"name\":\"Ada\","
          + "\"phone\":\"+44 20 7946 0000\",\"ip\":\"127.0.0.1\",\"customerId\":\"acme-42\"},"
          + "\"pageUrl\":\"http://127.0.0.1:7480/shop/cart.html\",\"expiresInMs\":30000,\"requestedAt\":1795935603170,"
          + "\"group\":\"general\"}",
      "session.start", "{\"type\":\"session.start\",\"sessionId\":\"s-HpexCJSe176Ip78W\","
          + "\"token\":\"8bdalquslgBsC3prrF-bhg5RK-NKw4jIq0w6jZ4TvxA\",\"requestId\":\"r-_2KNCJjKOFTsVrr8\","
          + "\"user\":{\"name\":\"Ada\",\"phone\":\"+44 20 7946 0000\",\"ip\":\"127.0.0.1\",\"customerId\":\"acme-42\"},"
          + "\"pageUrl\":\"http://127.0.0.1:7480/shop/cart.html\",\"peer\":{\"host\":\"192.168.1.20\",\"port\":49152},"
          + "\"relay\":{\"host\":\"127.0.0.1\",\"port\":7400},\"peerFingerprint\":\"AB:CD:EF:01:23:45:67:89\","
          + "\"cobrowseHosts\":[\"127.0.0.1\"]}");

  @Param({"cobrowse.input", "cobrowse.input-1k", "cobrowse.pointer", "chat.message", "support.offer", "session.start"})
  public String frameType;

  private Frame frame;
  private ByteBuf line;
  private ByteBuf out;
  private EmbeddedChannel encoder;

  @Setup(Level.Trial)
  public void setUp() throws FrameDecodingException {
    String text = LINES.get(frameType);
    frame = FrameMapper.INSTANCE.read(text);
    line = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(text.getBytes(StandardCharsets.UTF_8));
    out = PooledByteBufAllocator.DEFAULT.directBuffer(4096);
    encoder = new EmbeddedChannel(FrameEncoder.INSTANCE);
    encoder.config().setAllocator(PooledByteBufAllocator.DEFAULT);
    String back = FrameMapper.INSTANCE.writeString(frame);
    if (!back.equals(text)) {
      throw new IllegalStateException("sample line is not in the encoder's form:\n" + text + "\n" + back);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    line.release();
    out.release();
    encoder.finishAndReleaseAll();
  }

  @Benchmark
  public Frame decode() throws FrameDecodingException {
    line.readerIndex(0);
    return FrameMapper.INSTANCE.read(line);
  }

  @Benchmark
  public int encode() {
    out.clear();
    FrameMapper.INSTANCE.write(frame, out);
    return out.writerIndex();
  }

  @Benchmark
  public int encodeToWire() {
    encoder.writeOutbound(frame);
    ByteBuf wire = encoder.readOutbound();
    int n = wire.readableBytes();
    wire.release();
    return n;
  }
}
