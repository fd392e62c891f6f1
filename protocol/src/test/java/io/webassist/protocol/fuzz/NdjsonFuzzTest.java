package io.webassist.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.webassist.protocol.codec.FrameDecodingException;
import io.webassist.protocol.codec.FrameMapper;
import io.webassist.protocol.codec.NdjsonCodec;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fuzzes the wire decoding that every byte from a stranger goes through: the NDJSON pipeline
 * ({@link NdjsonCodec}) and the line → frame mapping ({@link FrameMapper}). For any input:
 * <ul>
 *   <li>the mapper throws nothing but {@link FrameDecodingException};</li>
 *   <li>the pipeline throws nothing, answers only with well-formed {@code error} lines, and releases
 *       every buffer it was given;</li>
 *   <li>every frame that decodes re-encodes to a line that decodes to an equal frame.</li>
 * </ul>
 * A hang is a failing test too. When replaying the corpus, each input runs on a guard thread and
 * fails after {@link #HANG_LIMIT} (a JUnit {@code @Timeout} would not do: Jazzer 0.24 applies it
 * to the whole fuzzing run, jazzer issue #930). While fuzzing, inputs run directly (the guard
 * thread wedges when libFuzzer stops at the end of a run) and libFuzzer's own per-input timeout
 * catches hangs; pass {@code -timeout=N} like the duration below.
 *
 * <p>In a normal {@code mvn test} (what CI runs) each {@code @FuzzTest} only replays its seed corpus,
 * {@code src/test/resources/io/webassist/protocol/fuzz/NdjsonFuzzTestInputs/<method>/}, in a second
 * or two. To fuzz on demand, for as long as you like:
 * <pre>
 *   JAZZER_FUZZ=1 JAZZER_INSTRUMENTATION_INCLUDES='io.webassist.**:com.fasterxml.jackson.**:io.netty.handler.codec.**' \
 *   mvn -pl protocol test -Dtest='NdjsonFuzzTest#pipelineSurvivesAnyByteStream' \
 *       -Djazzer.internal.arg.0=jazzer -Djazzer.internal.arg.1=-max_total_time=600 -Djazzer.internal.arg.2=-timeout=10
 * </pre>
 * One fuzz test per run (Jazzer fuzzes only the first it meets). Without the {@code -max_total_time}
 * argument a run lasts {@link FuzzTest#maxDuration()} (2 minutes); Jazzer 0.24 has no public switch
 * for the duration, so libFuzzer's flag is passed through Jazzer's {@code jazzer.internal.arg.N}
 * JUnit parameters (argument 0 stands for argv[0]; this worked with 0.24.0, check after upgrading).
 * The instrumentation includes let coverage guide the fuzzer through Jackson and Netty's line
 * decoder as well, not only through our classes (about 10× the coverage, about 1/50 the speed). A crash writes its input to
 * {@code src/test/resources/.../NdjsonFuzzTestInputs/<method>/crash-…}: keep it there as a regression
 * input once the bug is fixed. New interesting inputs go to {@code .cifuzz-corpus/} (not committed).
 */
class NdjsonFuzzTest {

  /** Small, so that the fuzzer reaches the too-long-line path easily. */
  private static final int MAX_LINE = 1024;
  /** Decoding one input takes microseconds; this much means a loop that does not end. */
  private static final Duration HANG_LIMIT = Duration.ofSeconds(10);
  /** Jazzer's switch between fuzzing and replaying the corpus. */
  private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();
  private static final ExecutorService GUARD = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "fuzz-hang-guard");
    thread.setDaemon(true); // a hung input must not keep the JVM alive after the test fails
    return thread;
  });

  @FuzzTest(maxDuration = "2m")
  @DictionaryFile(resourcePath = "ndjson.dict")
  void mapperThrowsOnlyFrameDecodingException(byte[] input) throws Throwable {
    withinHangLimit(() -> mapperOnly(input));
  }

  @FuzzTest(maxDuration = "2m")
  @DictionaryFile(resourcePath = "ndjson.dict")
  void pipelineSurvivesAnyByteStream(byte[] input) throws Throwable {
    withinHangLimit(() -> pipeline(input));
  }

  private static void mapperOnly(byte[] input) {
    ByteBuf line = Unpooled.wrappedBuffer(input);
    Frame frame;
    try {
      frame = FrameMapper.INSTANCE.read(line);
    } catch (FrameDecodingException refused) {
      assertThat(refused.code()).isNotBlank();
      return; // a refused line is the expected outcome for almost every input
    } finally {
      line.release();
    }
    assertRoundTrips(frame);
  }

  private static void pipeline(byte[] input) throws FrameDecodingException {
    // the first byte picks where the stream is split into two reads, so split frames get fuzzed too
    int split = input.length == 0 ? 0 : (input[0] & 0xFF) % (input.length + 1);
    List<ByteBuf> chunks = new ArrayList<>();
    if (split > 0) {
      chunks.add(Unpooled.copiedBuffer(input, 0, split));
    }
    if (split < input.length) {
      chunks.add(Unpooled.copiedBuffer(input, split, input.length - split));
    }
    EmbeddedChannel channel = newCodecChannel();
    List<Frame> decoded = new ArrayList<>();
    List<String> answers = new ArrayList<>();
    for (ByteBuf chunk : chunks) {
      if (channel.isOpen()) {
        channel.writeInbound(chunk); // the pipeline owns the chunk from here
      } else {
        chunk.release(); // closed after a too-long line: the peer's remaining bytes are dropped
      }
      drain(channel, decoded, answers);
    }
    channel.finishAndReleaseAll();

    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.refCnt()).as("input buffer leaked").isZero());
    for (String answer : answers) {
      assertThat(answer).endsWith("\n").doesNotContain("\r").hasLineCount(1);
      assertThat(FrameMapper.INSTANCE.read(answer.substring(0, answer.length() - 1))).isInstanceOf(ErrorFrame.class);
    }
    for (Frame frame : decoded) {
      assertRoundTrips(frame);
    }
    assertEncoderAndDecoderAgree(decoded);
  }

  /** Runs {@code check} on the guard thread; rethrows what it throws, or fails if it does not finish. */
  private static void withinHangLimit(Check check) throws Throwable {
    if (FUZZING) {
      check.run();
      return;
    }
    Future<?> run = GUARD.submit(() -> {
      check.run();
      return null;
    });
    try {
      run.get(HANG_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause(); // the original exception, so that Jazzer reports and deduplicates it as such
    } catch (TimeoutException e) {
      run.cancel(true);
      throw new AssertionError("input not handled within " + HANG_LIMIT + ": hang");
    }
  }

  @FunctionalInterface
  private interface Check {
    void run() throws Exception;
  }

  private static EmbeddedChannel newCodecChannel() {
    return new EmbeddedChannel(new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        NdjsonCodec.addTo(ch.pipeline(), MAX_LINE);
      }
    });
  }

  private static void drain(EmbeddedChannel channel, List<Frame> decoded, List<String> answers) {
    for (Object in; (in = channel.readInbound()) != null; ) {
      assertThat(in).isInstanceOf(Frame.class);
      decoded.add((Frame) in);
    }
    for (Object out; (out = channel.readOutbound()) != null; ) {
      ByteBuf bytes = (ByteBuf) out;
      answers.add(bytes.toString(StandardCharsets.UTF_8));
      bytes.release();
    }
  }

  /**
   * The mapper writes, as bytes (the wire path), one line that reads back as the same frame. Not
   * through {@code writeString}/{@code read(String)}: that pair loses lone surrogates, see
   * {@link KnownFindingsTest}.
   */
  private static void assertRoundTrips(Frame frame) {
    ByteBuf line = Unpooled.buffer();
    try {
      FrameMapper.INSTANCE.write(frame, line);
      assertThat(line.indexOf(line.readerIndex(), line.writerIndex(), (byte) '\n')).isEqualTo(-1);
      String text = line.toString(StandardCharsets.UTF_8);
      Frame again;
      try {
        again = FrameMapper.INSTANCE.read(line);
      } catch (FrameDecodingException e) {
        throw new AssertionError("re-encoded frame refused: " + text + " (" + e.code() + ": " + e.getMessage() + ")", e);
      }
      assertThat(again).as("re-read of %s", text).isEqualTo(frame);
    } finally {
      line.release();
    }
  }

  /** The pipeline's encoder output, fed to a fresh pipeline, gives back the same frames in order. */
  private static void assertEncoderAndDecoderAgree(List<Frame> frames) {
    if (frames.isEmpty()) {
      return;
    }
    EmbeddedChannel writer = newCodecChannel();
    EmbeddedChannel reader = new EmbeddedChannel(new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        // no line limit worth hitting: re-encoding may lengthen a line ("1e3" → "1000")
        NdjsonCodec.addTo(ch.pipeline(), Integer.MAX_VALUE);
      }
    });
    for (Frame frame : frames) {
      writer.writeOutbound(frame);
    }
    for (Object out; (out = writer.readOutbound()) != null; ) {
      reader.writeInbound(out);
    }
    List<Frame> again = new ArrayList<>();
    List<String> answers = new ArrayList<>();
    drain(reader, again, answers);
    assertThat(writer.finishAndReleaseAll()).isFalse();
    reader.finishAndReleaseAll();

    assertThat(answers).as("errors answering our own encoding").isEmpty();
    assertThat(again).containsExactlyElementsOf(frames);
  }
}
