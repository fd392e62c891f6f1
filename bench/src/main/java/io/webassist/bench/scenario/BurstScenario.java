package io.webassist.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.webassist.bench.load.LineChannel;
import io.webassist.bench.load.Lines;
import io.webassist.bench.pairs.FrameFactory;
import io.webassist.bench.pairs.RelayTarget;
import io.webassist.bench.pairs.WebAssistSessions;
import io.webassist.bench.proc.ServerProcess;
import io.webassist.bench.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code burst}: a scroll storm through the relay. Each pair's sender writes 32 frames of 200 B –
 * 4 KiB back to back, each with its own {@code writeAndFlush} (what a naive client does); the
 * receiver answers every 32nd frame with one short line, which triggers the next burst. Frames
 * per second, and write syscalls per frame counted with {@code strace -c} on the generator and on
 * the server — with and without Netty's {@code FlushConsolidationHandler} first in the
 * generator's pipeline.
 */
public final class BurstScenario implements Scenario {

  static final int BURST = 32;
  private static final byte[] ACK = "{\"type\":\"burst.ack\"}\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @Override
  public String name() {
    return "burst";
  }

  @Override
  public Report run(BenchContext ctx) throws Exception {
    Profile p = ctx.profile();
    Report report = new Report(name(), "flush consolidation", "pairs", "frames/s", "MB/s",
        "gen writes/frame", "server writes/frame", "strace frames");
    int pairs = p.burstPairs();
    ObjectNode config = ServerProcess.baseConfig();
    ServerProcess.addAgent(config, "burst-agent", List.of("general"), 100, Agents.passwordHash());
    Path strace = findStrace();
    if (strace == null) {
      report.note("strace is not installed (apt-get install -y strace): syscalls per frame not measured");
    }
    try (ServerProcess server = ServerProcess.start(ctx.env(), "burst", config, 65_536, null)) {
      WebAssistSessions sessions = WebAssistSessions.open(ctx.load(), server.tcpPort(), List.of("burst-agent"), pairs * 2);
      try {
        for (boolean consolidate : List.of(false, true)) {
          List<WebAssistSessions.Ticket> tickets = sessions.tickets().subList(consolidate ? pairs : 0, consolidate ? 2 * pairs : pairs);
          variant(ctx, report, server, tickets, consolidate, strace);
        }
      } finally {
        sessions.close();
      }
    }
    report.note("frame sizes cycle through 32 sizes from 200 B to 4,096 B (cobrowse.input lines); one burst in flight per pair");
    report.note("writes = write + writev + sendmsg + sendto calls of all threads of the process while strace was attached "
        + "(strace slows the process, so its frames/s is not the one in the table)");
    return report;
  }

  private void variant(BenchContext ctx, Report report, ServerProcess server, List<WebAssistSessions.Ticket> tickets,
      boolean consolidate, Path strace) throws Exception {
    Profile p = ctx.profile();
    List<Channel> opened = new ArrayList<>();
    LongAdder frames = new LongAdder();
    LongAdder bytes = new LongAdder();
    boolean[] running = {true};
    try {
      List<Channel[]> ends = RelayTarget.joinWebAssist(ctx.load(), server.tcpPort(), tickets, consolidate, opened);
      List<FrameFactory> sizes = new ArrayList<>();
      for (int k = 0; k < BURST; k++) {
        sizes.add(new FrameFactory(200 + k * (4096 - 200) / (BURST - 1), true));
      }
      for (Channel[] pair : ends) {
        long[] seq = {0};
        Runnable burst = () -> {
          for (FrameFactory f : sizes) {
            pair[0].writeAndFlush(f.frame(pair[0].alloc(), ++seq[0]), pair[0].voidPromise());
          }
        };
        LineChannel.of(pair[0]).listener((c, line) -> {
          if (running[0]) {
            burst.run();
          }
        });
        int[] received = {0};
        LineChannel.of(pair[1]).listener((LineChannel.Listener) (ChannelHandlerContext c, ByteBuf line) -> {
          frames.increment();
          bytes.add(line.readableBytes() + 1);
          if (++received[0] % BURST == 0) {
            c.writeAndFlush(c.alloc().buffer(ACK.length).writeBytes(ACK), c.voidPromise());
          }
        });
        pair[0].eventLoop().execute(burst);
      }
      Thread.sleep(p.warmupMs() * 2);
      long f0 = frames.sum();
      long b0 = bytes.sum();
      long t0 = System.nanoTime();
      Thread.sleep(p.measureMs());
      double seconds = (System.nanoTime() - t0) / 1e9;
      double rate = (frames.sum() - f0) / seconds;
      double mbs = (bytes.sum() - b0) / seconds / 1e6;
      double genPerFrame = Double.NaN;
      double serverPerFrame = Double.NaN;
      long straceFrames = 0;
      if (strace != null) {
        long s0 = frames.sum();
        Path genOut = ctx.env().workDir().resolve("burst-strace-generator-" + consolidate + ".txt");
        Path srvOut = ctx.env().workDir().resolve("burst-strace-server-" + consolidate + ".txt");
        Process gen = startStrace(strace, ProcessHandle.current().pid(), genOut);
        Process srv = startStrace(strace, server.pid(), srvOut);
        Thread.sleep(Math.max(1_000, p.measureMs()));
        straceFrames = frames.sum() - s0;
        long genCalls = stopStrace(gen, genOut);
        long srvCalls = stopStrace(srv, srvOut);
        if (genCalls < 0 || srvCalls < 0) {
          report.note("strace could not attach (needs ptrace permission): see " + genOut + " and " + srvOut);
        }
        genPerFrame = genCalls < 0 ? Double.NaN : (double) genCalls / straceFrames;
        serverPerFrame = srvCalls < 0 ? Double.NaN : (double) srvCalls / straceFrames;
      }
      report.row(consolidate ? "yes" : "no", tickets.size(), rate, mbs, genPerFrame, serverPerFrame, straceFrames);
      ctx.progress(String.format(Locale.ROOT, "burst consolidation=%s: %.0f frames/s, %.2f generator writes/frame",
          consolidate, rate, genPerFrame));
    } finally {
      running[0] = false;
      opened.forEach(Channel::close);
      Thread.sleep(200);
    }
  }

  private static Path findStrace() {
    for (String s : new String[] {"/usr/bin/strace", "/bin/strace", "/usr/local/bin/strace"}) {
      if (Files.isExecutable(Path.of(s))) {
        return Path.of(s);
      }
    }
    return null;
  }

  private static Process startStrace(Path strace, long pid, Path out) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(strace.toString(), "-c", "-f", "-e", "trace=write,writev,sendmsg,sendto",
        "-p", Long.toString(pid), "-o", out.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolveSibling(out.getFileName() + ".log").toFile()))
        .start();
    Thread.sleep(300); // attaching to every thread takes a moment
    return p;
  }

  /** Stops strace (SIGTERM: it detaches and writes its table) and returns the write-call count, or -1. */
  private static long stopStrace(Process p, Path out) throws IOException, InterruptedException {
    p.destroy();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    if (!Files.isRegularFile(out)) {
      return -1;
    }
    long calls = 0;
    boolean any = false;
    for (String line : Files.readAllLines(out)) {
      String[] t = line.trim().split("\\s+");
      if (t.length >= 5 && List.of("write", "writev", "sendmsg", "sendto").contains(t[t.length - 1])) {
        calls += Long.parseLong(t[3]);
        any = true;
      }
    }
    return any ? calls : (Files.size(out) > 0 ? 0 : -1);
  }
}
