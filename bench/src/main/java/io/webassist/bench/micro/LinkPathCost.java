package io.webassist.bench.micro;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.webassist.bench.load.LineChannel;
import io.webassist.bench.load.LoadGroup;
import io.webassist.bench.load.Lines;
import io.webassist.bench.pairs.FrameFactory;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.link.session.PeerListener;
import io.webassist.link.session.SessionLink;
import io.webassist.link.session.SessionLinks;
import io.webassist.protocol.frame.AgentRef;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.SupportAssigned;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The direct link's cost on the user's side, per event, by the link thread's own CPU clock (user and
 * system time, so its socket reads and writes count; other load on the machine barely moves it):
 * {@code pairs} sessions of the real {@code link} library in this JVM, each echoing every
 * {@code cobrowse.input} back as a new event exactly as {@code DirectPeerMain} does, driven by a
 * Netty client on another thread with one frame in flight per pair. Prints µs of link-thread CPU per
 * echoed event (one line read and decoded, one event stamped, encoded and written), best of 5 runs,
 * and the bytes the link thread allocates per event (exact whatever the load).
 *
 * <pre>java -cp bench/target/bench.jar io.webassist.bench.micro.LinkPathCost [pairs=16] [bytes=85] [seconds=2]</pre>
 */
public final class LinkPathCost {

  private static final ByteBuf DATA = Lines.needle("cobrowse.input");

  private LinkPathCost() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int bytes = args.length > 1 ? Integer.parseInt(args[1]) : 85;
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 2;
    LinkOptions options = LinkOptions.builder()
        .directTimeout(Duration.ofMinutes(5))
        .establishTimeout(Duration.ofMinutes(5))
        .security(TransportSecurity.insecure())
        .build();
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    AtomicLong echoed = new AtomicLong();
    FrameFactory frames = new FrameFactory(bytes, true);
    try (LoadGroup load = new LoadGroup(1); LinkRuntime runtime = LinkRuntime.create()) {
      SessionLinks links = new SessionLinks(runtime, options);
      SessionLink.Listener echo = io.webassist.bench.floor.DirectPeerMain.ECHO;
      long linkThread = runtime.linkThread().submit(() -> Thread.currentThread().getId()).get();
      AtomicLong seq = new AtomicLong();
      for (int i = 0; i < pairs; i++) {
        PeerListener listener = links.openPeerListener("127.0.0.1").join();
        String sessionId = "s-cost-" + i;
        String token = UUID.randomUUID().toString();
        links.acceptAsUser(listener, new SupportAssigned("r-cost-" + i, sessionId, token,
            new AgentRef("cost-agent", "Cost agent"), new Endpoint("127.0.0.1", 9), List.of("127.0.0.1")), echo);
        CompletableFuture<Void> welcomed = new CompletableFuture<>();
        LineChannel.Listener agent = new LineChannel.Listener() {
          private boolean resumed;

          @Override
          public void onLine(ChannelHandlerContext ctx, ByteBuf line) {
            if (Lines.contains(line, DATA)) {
              echoed.incrementAndGet();
              ctx.writeAndFlush(frames.frame(ctx.alloc(), seq.incrementAndGet()), ctx.voidPromise());
            } else if (!resumed && line.toString(java.nio.charset.StandardCharsets.UTF_8).contains("peer.welcome")) {
              resumed = true;
              Lines.send(ctx.channel(), "{\"type\":\"session.resume\",\"sessionId\":\"" + sessionId + "\",\"lastSeq\":0}");
              welcomed.complete(null);
            }
          }
        };
        Channel ch = load.connectSync(load.bootstrap(LineChannel.initializer(() -> agent, 1 << 20, false)),
            "127.0.0.1", listener.endpoint().port());
        Lines.send(ch, "{\"type\":\"peer.hello\",\"sessionId\":\"" + sessionId + "\",\"token\":\"" + token + "\"}");
        welcomed.get(30, TimeUnit.SECONDS);
        Thread.sleep(50); // the peer's session.resume answer
        ch.eventLoop().execute(() -> ch.writeAndFlush(frames.frame(ch.alloc(), seq.incrementAndGet()), ch.voidPromise()));
      }
      Thread.sleep((long) (seconds * 8000)); // warm-up: the JIT is slow on a loaded machine
      double best = Double.MAX_VALUE;
      double bestUser = 0;
      long bestRate = 0;
      double fewestBytes = Double.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long cpu0 = threads.getThreadCpuTime(linkThread);
        long user0 = threads.getThreadUserTime(linkThread);
        long bytes0 = threads.getThreadAllocatedBytes(linkThread);
        long n0 = echoed.get();
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long n = echoed.get() - n0;
        double perEvent = (threads.getThreadCpuTime(linkThread) - cpu0) / 1000.0 / n;
        fewestBytes = Math.min(fewestBytes, (double) (threads.getThreadAllocatedBytes(linkThread) - bytes0) / n);
        if (perEvent < best) {
          best = perEvent;
          bestUser = (threads.getThreadUserTime(linkThread) - user0) / 1000.0 / n;
          bestRate = n * 1_000_000_000L / (System.nanoTime() - t0);
        }
      }
      System.out.printf(Locale.ROOT, "pairs=%d bytes=%d: %.2f us of link-thread CPU per echoed event, %.2f of it in user space"
          + " (best of 5 x %.1f s; %,d events/s then); %.0f B allocated by the link thread per event%n",
          pairs, frames.lineBytes(), best, bestUser, seconds, bestRate, fewestBytes);
    }
  }
}
