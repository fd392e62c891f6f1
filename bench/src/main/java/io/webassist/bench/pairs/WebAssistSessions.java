package io.webassist.bench.pairs;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.webassist.bench.load.LineChannel;
import io.webassist.bench.load.LoadGroup;
import io.webassist.bench.load.Lines;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens {@code n} live support sessions on a dispatch server the way the real programs do — agents
 * log in, users send {@code support.request}, agents accept each offer — and keeps their control
 * connections open (a session ends when its user leaves). Each session's id and token let its two
 * sides join the relay.
 */
public final class WebAssistSessions implements AutoCloseable {

  /** Password of every generated agent; its hash goes into the generated server config. */
  public static final String PASSWORD = "bench-secret";

  /** One open session. */
  public record Ticket(String sessionId, String token) {}

  private final List<Channel> control = new ArrayList<>();
  private final List<Ticket> tickets = new ArrayList<>();

  public static WebAssistSessions open(LoadGroup load, int port, List<String> agentIds, int n) throws Exception {
    WebAssistSessions s = new WebAssistSessions();
    try {
      s.openAll(load, port, agentIds, n);
      return s;
    } catch (Exception e) {
      s.close();
      throw e;
    }
  }

  private void openAll(LoadGroup load, int port, List<String> agentIds, int n) throws Exception {
    List<CompletableFuture<String>> ready = new ArrayList<>();
    for (String id : agentIds) {
      CompletableFuture<String> f = new CompletableFuture<>();
      ready.add(f);
      Channel ch = connect(load, port, (ctx, line) -> onAgentLine(ctx, line, id, f));
      Lines.send(ch, "{\"type\":\"hello\",\"role\":\"agent\",\"protocol\":1,\"client\":\"bench\"}");
    }
    for (CompletableFuture<String> f : ready) {
      f.get(60, TimeUnit.SECONDS);
    }
    List<CompletableFuture<Ticket>> assigned = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      CompletableFuture<Ticket> f = new CompletableFuture<>();
      assigned.add(f);
      String request = "{\"type\":\"support.request\",\"name\":\"Bench " + i + "\",\"phone\":\"+1 555 0100\","
          + "\"customerId\":\"bench-" + i + "\",\"pageUrl\":\"http://127.0.0.1/bench\"}";
      Channel ch = connect(load, port, (ctx, line) -> {
        String type = Lines.type(line);
        if (type.equals("welcome")) {
          Lines.send(ctx.channel(), request);
        } else if (type.equals("support.assigned")) {
          f.complete(new Ticket(Lines.field(line, "sessionId"), Lines.field(line, "token")));
        } else if (type.equals("error") || type.equals("support.unavailable")) {
          f.completeExceptionally(new IllegalStateException("user " + line));
        }
      });
      Lines.send(ch, "{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1,\"client\":\"bench\"}");
    }
    for (CompletableFuture<Ticket> f : assigned) {
      tickets.add(f.get(60, TimeUnit.SECONDS));
    }
  }

  private static void onAgentLine(ChannelHandlerContext ctx, String line, String id, CompletableFuture<String> ready) {
    switch (Lines.type(line)) {
      case "welcome" -> Lines.send(ctx.channel(),
          "{\"type\":\"agent.login\",\"agentId\":\"" + id + "\",\"secret\":\"" + PASSWORD + "\"}");
      case "agent.ready" -> {
        Lines.send(ctx.channel(), "{\"type\":\"agent.status\",\"status\":\"available\"}");
        ready.complete(id);
      }
      case "support.offer" -> Lines.send(ctx.channel(),
          "{\"type\":\"offer.accept\",\"requestId\":\"" + Lines.field(line, "requestId") + "\"}");
      case "error" -> {
        if (!ready.isDone()) {
          ready.completeExceptionally(new IllegalStateException("agent " + id + ": " + line));
        }
      }
      default -> { }
    }
  }

  private Channel connect(LoadGroup load, int port, LineChannel.TextListener listener) throws InterruptedException {
    Bootstrap b = load.bootstrap(LineChannel.initializer(() -> listener, 1 << 20, false));
    Channel ch = load.connectSync(b, "127.0.0.1", port);
    synchronized (control) {
      control.add(ch);
    }
    return ch;
  }

  public List<Ticket> tickets() {
    return tickets;
  }

  @Override
  public void close() {
    synchronized (control) {
      control.forEach(Channel::close);
      control.clear();
    }
  }
}
