package io.webassist.bench.pairs;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.webassist.bench.floor.DirectPeerMain;
import io.webassist.bench.floor.FloorMain;
import io.webassist.bench.load.LineChannel;
import io.webassist.bench.load.LoadGroup;
import io.webassist.bench.load.Lines;
import io.webassist.bench.proc.BenchEnv;
import io.webassist.bench.proc.ChildProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pairs over a direct TCP link to a peer in another JVM that answers every frame. WebAssist: the
 * peer is {@link DirectPeerMain} (the real user-side link library); the generator plays the agent
 * ({@code peer.hello} with the token, {@code session.resume}, then events). Floor: the peer is
 * {@link FloorMain} {@code echo}, bytes straight back.
 */
public final class DirectTarget implements PairTarget {

  private final String name;
  private final ChildProcess peer;
  private final List<Channel> channels = new ArrayList<>();
  private final List<OriginEnd> origins = new ArrayList<>();

  private DirectTarget(String name, ChildProcess peer) {
    this.name = name;
    this.peer = peer;
  }

  public static DirectTarget webassist(BenchEnv env, LoadGroup load, int pairs) throws Exception {
    List<String[]> peers = java.util.Collections.synchronizedList(new ArrayList<>());
    ChildProcess child = ChildProcess.javaMain(env, "direct-peer", DirectPeerMain.class.getName(),
        List.of(Integer.toString(pairs)), "peers ready", line -> {
          if (line.startsWith("peer ")) {
            peers.add(line.split(" "));
          }
        });
    DirectTarget target = new DirectTarget("webassist", child);
    try {
      child.awaitReady(90);
      List<CompletableFuture<Void>> welcomed = new ArrayList<>();
      for (String[] p : peers) {
        int port = Integer.parseInt(p[2]);
        String sessionId = p[3];
        String token = p[4];
        CompletableFuture<Void> f = new CompletableFuture<>();
        welcomed.add(f);
        LineChannel.TextListener handshake = (ctx, line) -> {
          String type = Lines.type(line);
          if (type.equals("peer.welcome")) {
            Lines.send(ctx.channel(), "{\"type\":\"session.resume\",\"sessionId\":\"" + sessionId + "\",\"lastSeq\":0}");
            f.complete(null);
          } else if (type.equals("error")) {
            f.completeExceptionally(new IllegalStateException("peer refused: " + line));
          }
        };
        Bootstrap b = load.bootstrap(LineChannel.initializer(() -> handshake, 1 << 20, false));
        Channel ch = load.connectSync(b, "127.0.0.1", port);
        target.channels.add(ch);
        Lines.send(ch, "{\"type\":\"peer.hello\",\"sessionId\":\"" + sessionId + "\",\"token\":\"" + token + "\"}");
      }
      for (CompletableFuture<Void> f : welcomed) {
        f.get(60, TimeUnit.SECONDS);
      }
      Thread.sleep(200); // let the peer's session.resume arrive before the first measured frame
      for (Channel ch : target.channels) {
        target.origins.add(NdjsonOrigin.attach(ch, true));
      }
      return target;
    } catch (Exception e) {
      target.close();
      throw e;
    }
  }

  public static DirectTarget rawFloor(BenchEnv env, LoadGroup load, int pairs) throws Exception {
    ChildProcess child = ChildProcess.javaMain(env, "floor-echo", FloorMain.class.getName(), List.of("echo"),
        "floor listening", line -> { });
    DirectTarget target = new DirectTarget("raw-tcp", child);
    try {
      int port = Integer.parseInt(child.awaitReady(90).substring("floor listening ".length()).trim());
      for (int i = 0; i < pairs; i++) {
        Bootstrap b = load.bootstrap(LineChannel.initializer(() -> (LineChannel.TextListener) (ctx, l) -> { }, 1 << 20, false));
        Channel ch = load.connectSync(b, "127.0.0.1", port);
        target.channels.add(ch);
        target.origins.add(NdjsonOrigin.attach(ch, false));
      }
      return target;
    } catch (Exception e) {
      target.close();
      throw e;
    }
  }

  @Override
  public long pid() {
    return peer.pid();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<OriginEnd> origins() {
    return origins;
  }

  @Override
  public void close() {
    channels.forEach(Channel::close);
    peer.close();
  }
}
