package io.webassist.bench.micro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.webassist.protocol.codec.FrameDecodingException;
import io.webassist.protocol.codec.FrameMapper;
import io.webassist.protocol.frame.Frame;
import java.nio.charset.StandardCharsets;
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
 * The relay's per-line work, in an {@link EmbeddedChannel}: {@code forwardRaw} is what the
 * server's relay did once a pair was ready before it forwarded raw bytes (its {@code RelayForwarder} now splits no lines) (line decoder slice, wrapped with a
 * {@code \n}, no JSON — a replica, the class is package-private in dispatch-server);
 * {@code decodeAndEncode} is what the relay would cost if it parsed and re-wrote each frame. With
 * {@code -prof gc} the difference is the allocation the zero-copy path saves per relayed frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RelayPathBenchmark {

  private static final byte[] NEWLINE = {'\n'};

  @Param({"85", "1024"})
  public int bytes;

  private EmbeddedChannel raw;
  private EmbeddedChannel parsed;
  private ByteBuf input;

  @Setup(Level.Trial)
  public void setUp() {
    String line = "{\"type\":\"cobrowse.input\",\"seq\":1,\"ts\":1764400000000,\"field\":\"q\",\"value\":\"";
    line = line + "x".repeat(Math.max(0, bytes - line.length() - 3)) + "\"}\n";
    input = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(line.getBytes(StandardCharsets.UTF_8));
    raw = new EmbeddedChannel(new LineBasedFrameDecoder(65_536, true, true), new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf out = Unpooled.wrappedBuffer((ByteBuf) msg, Unpooled.wrappedBuffer(NEWLINE));
        out.release(); // stands for the partner's write completing
      }
    });
    parsed = new EmbeddedChannel(new LineBasedFrameDecoder(65_536, true, true), new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
          Frame frame = FrameMapper.INSTANCE.read(in);
          ByteBuf out = ctx.alloc().buffer(in.readableBytes() + 1);
          FrameMapper.INSTANCE.write(frame, out);
          out.writeByte('\n');
          out.release();
        } catch (FrameDecodingException e) {
          throw new IllegalStateException(e);
        } finally {
          in.release();
        }
      }
    });
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    raw.finishAndReleaseAll();
    parsed.finishAndReleaseAll();
    input.release();
  }

  @Benchmark
  public boolean forwardRaw() {
    return raw.writeInbound(input.retainedDuplicate());
  }

  @Benchmark
  public boolean decodeAndEncode() {
    return parsed.writeInbound(input.retainedDuplicate());
  }
}
