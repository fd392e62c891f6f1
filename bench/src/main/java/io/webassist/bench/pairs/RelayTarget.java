package io.webassist.bench.pairs;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.webassist.bench.load.LineChannel;
import io.webassist.bench.load.LoadGroup;
import io.webassist.bench.load.Lines;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Pairs whose two ends meet in a forwarder: the WebAssist relay ({@code hello{role:relay}},
 * {@code relay.join}, wait for {@code relay.ready}) or the raw-TCP floor ({@code pair <id>}, wait
 * for {@code ready}). The origin end is measured, the other end echoes; both live in the generator.
 */
public final class RelayTarget implements PairTarget {

  private final String name;
  private final List<Channel> channels = new ArrayList<>();
  private final List<OriginEnd> origins = new ArrayList<>();
  private AutoCloseable owner;
  private long pid = -1;

  private RelayTarget(String name, AutoCloseable owner) {
    this.name = name;
    this.owner = owner;
  }

  /** Through the WebAssist relay, one pair per open session. */
  public static RelayTarget webassist(LoadGroup load, int port, WebAssistSessions sessions) throws Exception {
    return open("webassist", load, port, sessions::close, sessions.tickets().size(), i -> {
      WebAssistSessions.Ticket t = sessions.tickets().get(i);
      return List.of("{\"type\":\"hello\",\"role\":\"relay\",\"protocol\":1,\"client\":\"bench\"}",
          "{\"type\":\"relay.join\",\"sessionId\":\"" + t.sessionId() + "\",\"token\":\"" + t.token() + "\"}");
    }, "relay.ready");
  }

  /** Through the raw-TCP forwarder ({@code FloorMain forward}). */
  public static RelayTarget rawFloor(LoadGroup load, int port, int pairs, AutoCloseable floor) throws Exception {
    return open("raw-tcp", load, port, floor, pairs, i -> List.of("pair " + i), "ready");
  }

  private static RelayTarget open(String name, LoadGroup load, int port, AutoCloseable owner, int pairs,
      Function<Integer, List<String>> handshake, String readyLine) throws Exception {
    RelayTarget target = new RelayTarget(name, owner);
    try {
      for (Channel[] pair : join(load, port, pairs, handshake, readyLine, false, target.channels)) {
        LineChannel.of(pair[1]).listener(new EchoEnd());
        target.origins.add(NdjsonOrigin.attach(pair[0], false));
      }
      return target;
    } catch (Exception e) {
      target.close();
      throw e;
    }
  }

  /** The two relay connections of each WebAssist session in {@code tickets}, joined and ready. */
  public static List<Channel[]> joinWebAssist(LoadGroup load, int port, List<WebAssistSessions.Ticket> tickets,
      boolean consolidateFlushes, List<Channel> opened) throws Exception {
    return join(load, port, tickets.size(), i -> List.of(
        "{\"type\":\"hello\",\"role\":\"relay\",\"protocol\":1,\"client\":\"bench\"}",
        "{\"type\":\"relay.join\",\"sessionId\":\"" + tickets.get(i).sessionId() + "\",\"token\":\""
            + tickets.get(i).token() + "\"}"), "relay.ready", consolidateFlushes, opened);
  }

  private static List<Channel[]> join(LoadGroup load, int port, int pairs, Function<Integer, List<String>> handshake,
      String readyLine, boolean consolidateFlushes, List<Channel> opened) throws Exception {
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    List<Channel[]> ends = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      Channel[] pair = new Channel[2];
      for (int side = 0; side < 2; side++) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        ready.add(f);
        LineChannel.TextListener waiting = (ctx, line) -> {
          if (line.equals(readyLine) || Lines.type(line).equals(readyLine)) {
            f.complete(null);
          } else if (Lines.type(line).equals("error")) {
            f.completeExceptionally(new IllegalStateException("relay join refused: " + line));
          }
        };
        Bootstrap b = load.bootstrap(LineChannel.initializer(() -> waiting, 1 << 20, consolidateFlushes));
        pair[side] = load.connectSync(b, "127.0.0.1", port);
        opened.add(pair[side]);
        for (String line : handshake.apply(i)) {
          Lines.send(pair[side], line);
        }
      }
      ends.add(pair);
    }
    for (CompletableFuture<Void> f : ready) {
      f.get(60, TimeUnit.SECONDS);
    }
    return ends;
  }

  /** The forwarding process (the server, or the floor), for its CPU use. */
  public RelayTarget withPid(long value) {
    this.pid = value;
    return this;
  }

  @Override
  public long pid() {
    return pid;
  }

  /** Replaces what is closed with this target (the server and the sessions that keep its pairs alive). */
  public RelayTarget withOwner(AutoCloseable value) {
    this.owner = value;
    return this;
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
    try {
      owner.close();
    } catch (Exception ignored) {
      // closing a child process or control connections: nothing more to do
    }
  }
}
