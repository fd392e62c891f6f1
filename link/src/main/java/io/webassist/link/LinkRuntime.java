package io.webassist.link;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.webassist.protocol.transport.NettyTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread every connection of one program shares: the <em>link thread</em>, a Netty event loop
 * that does the I/O of the program's connections and owns all link state (dispatch connections,
 * peer listeners, session links). Every listener callback runs on it in the order the frames
 * arrived, and every timer of the library (hand-shake limits, back-off, recovery) runs there too.
 * Because the I/O is on the same thread, a frame read reaches its session link and an event sent
 * from a callback reaches the socket without a hop between threads (the direct link's latency, issue
 * 12); callbacks must therefore not block — UIs hop to their own thread (the EDT) from there.
 * A runtime made with I/O threads of its own ({@link #create(int)} with n &gt; 0) keeps the I/O there
 * and hops, as a server-side tool with many connections may want.
 */
public final class LinkRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LinkRuntime.class);
  private static final AtomicInteger RUNTIMES = new AtomicInteger();

  private static final ScheduledFuture<?> NEVER = new NeverFuture();

  private final NettyTransport transport;
  private final EventLoopGroup linkGroup;
  private final EventLoop linkThread;
  private final EventLoopGroup ioGroup;

  private LinkRuntime(int ioThreads, NettyTransport transport) {
    int id = RUNTIMES.incrementAndGet();
    this.transport = transport;
    this.linkGroup = transport.newGroup(1, new DefaultThreadFactory("webassist-link-" + id, true));
    this.linkThread = linkGroup.next();
    this.ioGroup = ioThreads <= 0 ? linkGroup : transport.newGroup(ioThreads);
    LOG.debug("link runtime transport={} ioThreads={}", transport.setting(), ioThreads);
  }

  /** A runtime whose connections do their I/O on the link thread: enough for a desktop app or a test. */
  public static LinkRuntime create() {
    return create(0);
  }

  /**
   * A runtime with {@code ioThreads} I/O threads besides the link thread (0: I/O on the link
   * thread, no hop per frame), on the {@code auto} transport: epoll where Netty's native classes are on the class
   * path and load (the bench, the server's tests), NIO otherwise — the assist client's jar carries
   * no natives, and a desktop app's few connections would not gain from them.
   */
  public static LinkRuntime create(int ioThreads) {
    return create(ioThreads, NettyTransport.choose(System.getProperty("webassist.transport", "auto")));
  }

  /** A runtime on {@code transport} ({@link NettyTransport#choose} turns a setting into one). */
  public static LinkRuntime create(int ioThreads, NettyTransport transport) {
    return new LinkRuntime(ioThreads, transport);
  }

  /** The I/O transport the runtime's connections use. */
  public NettyTransport transport() {
    return transport;
  }

  /** Netty's I/O threads (the link thread's own group when it does the I/O); only the library's bootstraps use them. */
  public EventLoopGroup ioGroup() {
    return ioGroup;
  }

  /** The single thread that owns link state, runs callbacks and timers. */
  public ScheduledExecutorService linkThread() {
    return linkThread;
  }

  /** Whether the caller is on the link thread (callbacks are). */
  public boolean inLinkThread() {
    return linkThread.inEventLoop();
  }

  /** Runs {@code task} on the link thread: now if already there, else queued behind what is waiting. */
  public void onLinkThread(Runnable task) {
    if (inLinkThread()) {
      task.run();
    } else {
      execute(task);
    }
  }

  /**
   * Runs {@code task} now when called on the link thread, else queues it ({@link #execute}); a task
   * that throws is logged either way, and after {@link #close} it is dropped either way. On the link
   * thread, "now" keeps the caller's order (everything the link thread does runs one after the
   * other) and spares a task per call: a frame read on the link thread reaches its owner, and an
   * answer sent from a callback reaches the socket, before the next connection's read is handled
   * instead of after all of them (the direct link's latency at many pairs, issue 12).
   */
  public void run(Runnable task) {
    if (!inLinkThread()) {
      execute(task);
    } else if (linkThread.isShuttingDown()) {
      LOG.debug("runtime closed; task dropped");
    } else {
      runLogged(task);
    }
  }

  /** Queues {@code task} on the link thread; a task that throws is logged, never kills the thread. */
  public void execute(Runnable task) {
    if (linkThread.isShuttingDown()) {
      LOG.debug("runtime closed; task dropped");
      return;
    }
    try {
      linkThread.execute(() -> runLogged(task));
    } catch (RejectedExecutionException closing) {
      LOG.debug("runtime closed; task dropped");
    }
  }

  /** Schedules {@code task} on the link thread. */
  public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    try {
      return linkThread.schedule(() -> runLogged(task), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      LOG.debug("runtime closed; timer dropped");
      return NEVER;
    }
  }

  /** What {@link #schedule} returns once the runtime is closed: a timer that will never run. */
  private static final class NeverFuture implements ScheduledFuture<Object> {
    @Override
    public long getDelay(TimeUnit unit) {
      return Long.MAX_VALUE;
    }

    @Override
    public int compareTo(java.util.concurrent.Delayed other) {
      return 1;
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return true;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() {
      throw new java.util.concurrent.CancellationException();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new java.util.concurrent.CancellationException();
    }
  }

  private static void runLogged(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn("link callback failed", e);
    }
  }

  /** Stops the I/O threads and the link thread; open connections are closed without goodbye. */
  @Override
  public void close() {
    boolean wait = !inLinkThread(); // closing from a callback: the loop ends once the callback returns
    // the link thread first, so that no connect or timer is started on a terminating I/O loop
    io.netty.util.concurrent.Future<?> link = linkGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    if (wait) {
      link.syncUninterruptibly();
    }
    if (ioGroup != linkGroup) {
      io.netty.util.concurrent.Future<?> io = ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
      if (wait) {
        io.syncUninterruptibly();
      }
    }
  }
}
