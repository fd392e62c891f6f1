package io.webassist.bench.micro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.webassist.protocol.codec.FrameDecodingException;
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
 * The NDJSON codec per frame type: {@code FrameMapper.write} (frame → JSON into a pooled buffer)
 * and {@code FrameMapper.read} (one line → frame record). Run with {@code -prof gc} for bytes
 * allocated per operation ({@code gc.alloc.rate.norm}). Sample frames are built from wire lines,
 * so this class does not depend on the records' constructors.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class CodecBenchmark {

  static final Map<String, String> LINES = Map.of(
      "chat.message", "{\"type\":\"chat.message\",\"seq\":17,\"ts\":1764400000000,\"text\":\"Hello Ada, I can see your cart.\"}",
      "cobrowse.scroll", "{\"type\":\"cobrowse.scroll\",\"seq\":18,\"ts\":1764400000000,\"x\":0,\"y\":1200}",
      "cobrowse.pointer", "{\"type\":\"cobrowse.pointer\",\"seq\":19,\"ts\":1764400000000,\"x\":312,\"y\":845}",
      "cobrowse.input", "{\"type\":\"cobrowse.input\",\"seq\":20,\"ts\":1764400000000,\"field\":\"q\",\"value\":\"" + "x".repeat(960) + "\"}",
      "support.request", "{\"type\":\"support.request\",\"name\":\"Ada\",\"phone\":\"+44 20 7946 0000\",\"customerId\":\"acme-42\","
          + "\"pageUrl\":\"http://127.0.0.1:7480/shop/cart.html\",\"peer\":{\"host\":\"192.168.1.20\",\"port\":49152}}",
      "support.offer", "{\"type\":\"support.offer\",\"requestId\":\"r-1\",\"user\":{\"name\":\"Ada\",\"phone\":\"+44 20 7946 0000\","
          + "\"ip\":\"127.0.0.1\",\"customerId\":\"acme-42\"},\"pageUrl\":\"http://127.0.0.1:7480/shop/cart.html\","
          + "\"expiresInMs\":30000,\"requestedAt\":1764400000000,\"group\":\"general\"}",
      "ping", "{\"type\":\"ping\"}");

  @Param({"chat.message", "cobrowse.scroll", "cobrowse.pointer", "cobrowse.input", "support.request", "support.offer", "ping"})
  public String type;

  private Frame frame;
  private ByteBuf line;
  private ByteBuf out;

  @Setup(Level.Trial)
  public void setUp() throws FrameDecodingException {
    frame = FrameMapper.INSTANCE.read(LINES.get(type));
    line = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(LINES.get(type).getBytes(StandardCharsets.UTF_8));
    out = PooledByteBufAllocator.DEFAULT.directBuffer(4096);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    line.release();
    out.release();
  }

  @Benchmark
  public int encode() {
    out.clear();
    FrameMapper.INSTANCE.write(frame, out);
    return out.writerIndex();
  }

  @Benchmark
  public Frame decode() throws FrameDecodingException {
    line.readerIndex(0);
    return FrameMapper.INSTANCE.read(line);
  }
}
