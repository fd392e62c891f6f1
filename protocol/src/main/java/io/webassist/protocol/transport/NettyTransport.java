package io.webassist.protocol.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * Which Netty I/O transport a process uses: Linux's {@code epoll} or {@code io_uring} through
 * Netty's native libraries where they load, Java NIO everywhere. Chosen by a setting ({@code auto},
 * {@code nio}, {@code epoll}, {@code io_uring}); {@code auto} is epoll where it is available, else
 * NIO. io_uring is only used when asked for: kernels and container sandboxes differ in whether they
 * allow it, and it measured no better than epoll here (docs/BENCHMARKS.md).
 *
 * <p>The native classes are looked up by name, never linked from this class: a client jar built
 * without them (the assist client's) still loads this and gets NIO.
 */
public enum NettyTransport {

  NIO("nio"),
  EPOLL("epoll"),
  IO_URING("io_uring");

  /** The settings {@link #choose} accepts. */
  public static final String SETTINGS = "auto, nio, epoll, io_uring";

  private final String setting;

  NettyTransport(String setting) {
    this.setting = setting;
  }

  /** The name used in settings and logs. */
  public String setting() {
    return setting;
  }

  /**
   * The transport for {@code setting} ({@code null} or blank = {@code auto}).
   *
   * @throws IllegalArgumentException for an unknown setting, or a native transport asked for by name
   *     that is not available here (the message says why)
   */
  public static NettyTransport choose(String setting) {
    String s = setting == null || setting.isBlank() ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
    switch (s) {
      case "auto":
        return EPOLL.unavailability() == null ? EPOLL : NIO;
      case "nio":
        return NIO;
      case "epoll":
      case "io_uring":
      case "iouring":
        NettyTransport wanted = s.equals("epoll") ? EPOLL : IO_URING;
        String why = wanted.unavailability();
        if (why != null) {
          throw new IllegalArgumentException("transport " + wanted.setting + " is not available here (" + why
              + "); use auto or nio");
        }
        return wanted;
      default:
        throw new IllegalArgumentException("unknown transport \"" + setting + "\"; use one of " + SETTINGS);
    }
  }

  /** True if this transport can be used in this process. */
  public boolean isAvailable() {
    return unavailability() == null;
  }

  /** Null if this transport can be used here, else why not. */
  public String unavailability() {
    if (this == NIO) {
      return null;
    }
    try {
      Class<?> check = Class.forName(nativeClass("Epoll", "IoUring"));
      if ((Boolean) check.getMethod("isAvailable").invoke(null)) {
        return null;
      }
      Throwable cause = (Throwable) check.getMethod("unavailabilityCause").invoke(null);
      return cause == null ? "not available" : cause.toString();
    } catch (ReflectiveOperationException | LinkageError e) {
      return "Netty's " + setting + " classes are not on the class path";
    }
  }

  /** A handler factory for {@link MultiThreadIoEventLoopGroup}. */
  public IoHandlerFactory ioHandlerFactory() {
    if (this == NIO) {
      return NioIoHandler.newFactory();
    }
    return (IoHandlerFactory) invokeStatic(nativeClass("EpollIoHandler", "IoUringIoHandler"), "newFactory");
  }

  /** An event loop group of {@code threads} threads (0 = Netty's default, twice the cores). */
  public EventLoopGroup newGroup(int threads) {
    return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory());
  }

  /** As {@link #newGroup(int)}, with threads from {@code threadFactory}. */
  public EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
    return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlerFactory());
  }

  /** The listening channel class for a {@code ServerBootstrap}. */
  @SuppressWarnings("unchecked")
  public Class<? extends ServerChannel> serverChannel() {
    return this == NIO ? NioServerSocketChannel.class
        : (Class<? extends ServerChannel>) load(nativeClass("EpollServerSocketChannel", "IoUringServerSocketChannel"));
  }

  /** The connecting channel class for a {@code Bootstrap}. */
  @SuppressWarnings("unchecked")
  public Class<? extends SocketChannel> socketChannel() {
    return this == NIO ? NioSocketChannel.class
        : (Class<? extends SocketChannel>) load(nativeClass("EpollSocketChannel", "IoUringSocketChannel"));
  }

  private String nativeClass(String epoll, String ioUring) {
    return this == EPOLL ? "io.netty.channel.epoll." + epoll : "io.netty.channel.uring." + ioUring;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(name + " is not on the class path", e);
    }
  }

  private static Object invokeStatic(String className, String method) {
    try {
      return load(className).getMethod(method).invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call " + className + "." + method, e);
    }
  }
}
