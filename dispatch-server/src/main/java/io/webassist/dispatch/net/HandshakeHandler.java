package io.webassist.dispatch.net;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.limits.Limit;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.FrameTypes;
import io.webassist.protocol.frame.Hello;
import io.webassist.protocol.frame.Ping;
import io.webassist.protocol.frame.Pong;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.Welcome;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start and the keep-alive of every TCP connection, and its last stage: {@code hello} must be
 * the first frame and come within the hello timeout; it names the role, and from then on the
 * frames go to the handler for that role (called from here, not a stage of its own, so that an
 * idle connection carries no context for it). {@code ping} is answered with {@code pong} at any time; a connection idle
 * for longer than the idle timeout is told {@code idle_timeout} and closed.
 */
@Sharable
final class HandshakeHandler extends ChannelInboundHandlerAdapter {

  static final String NAME = "handshake";

  private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);

  private final ServerContext context;
  private final UserHandler userHandler;
  private final AgentHandler agentHandler;
  private final RelayHandler relayHandler;
  private final IdleSweeper idle;

  HandshakeHandler(ServerContext context) {
    this.context = context;
    this.userHandler = new UserHandler(context.broker(), context.pages());
    this.agentHandler = new AgentHandler(context.broker(), context.authenticator(), context.metrics(),
        context.limits());
    this.relayHandler = new RelayHandler(context.relay());
    this.idle = new IdleSweeper(context.connections(), context.config().limits().idleTimeoutMs());
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Connection connection = Connection.of(ctx.channel()); // made by the ConnectionGate when it admitted it
    context.connections().add(ctx.channel());
    idle.watch(ctx.channel().eventLoop());
    context.metrics().count("connections_total");
    long helloTimeoutMs = context.config().limits().helloTimeoutMs();
    connection.helloTimeout(ctx.executor().schedule(() -> {
      context.limits().events().hit(Limit.HELLO_TIMEOUT, connection.connectionId(),
          "helloTimeoutMs=" + helloTimeoutMs, connection.remoteIp());
      connection.close(new ErrorFrame(ErrorCode.HELLO_TIMEOUT, "no hello within " + helloTimeoutMs + " ms"));
    }, helloTimeoutMs, TimeUnit.MILLISECONDS));
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    Connection connection = Connection.of(ctx.channel());
    ChannelInboundHandler role = null;
    if (connection != null) {
      connection.cancelHelloTimeout();
      LOG.debug("connection closed connection={} role={}", connection.connectionId(), connection.role());
      role = roleHandler(connection);
    }
    if (role != null) {
      role.channelInactive(ctx); // passes the event on
    } else {
      ctx.fireChannelInactive();
    }
  }

  /** The handler for the role the connection declared in hello, or null before hello. */
  private ChannelInboundHandler roleHandler(Connection connection) {
    Role role = connection.role();
    if (role == null) {
      return null;
    }
    return switch (role) {
      case USER -> userHandler;
      case AGENT -> agentHandler;
      case RELAY -> relayHandler;
      case PEER -> null;
    };
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    Connection connection = Connection.of(ctx.channel());
    if (msg instanceof Ping) {
      connection.send(Pong.INSTANCE);
    } else if (connection.role() == null) {
      if (msg instanceof Hello hello) {
        hello(ctx, connection, hello);
      } else {
        connection.close(new ErrorFrame(ErrorCode.HELLO_REQUIRED, "the first frame must be hello"));
      }
    } else if (msg instanceof Hello) {
      connection.send(new ErrorFrame(ErrorCode.WRONG_STATE, "hello was already received on this connection"));
    } else {
      ChannelInboundHandler role = roleHandler(connection);
      if (role != null) {
        // a call, not a stage of its own: a stage is 64 bytes on every connection
        role.channelRead(ctx, msg);
      } else {
        LastHandler.INSTANCE.channelRead(ctx, msg);
      }
    }
  }

  private void hello(ChannelHandlerContext ctx, Connection connection, Hello hello) {
    connection.cancelHelloTimeout();
    if (hello.protocol() != FrameTypes.PROTOCOL_VERSION) {
      connection.close(new ErrorFrame(ErrorCode.UNSUPPORTED_PROTOCOL,
          "this server speaks protocol " + FrameTypes.PROTOCOL_VERSION + ", not " + hello.protocol()));
      return;
    }
    switch (hello.role()) {
      case USER -> connection.user(new UserClient(connection, connection.remoteIp()));
      case AGENT, RELAY -> { }
      case PEER -> {
        connection.close(new ErrorFrame(ErrorCode.WRONG_STATE,
            "role peer is for the user's own listener, not the dispatch server"));
        return;
      }
    }
    connection.role(hello.role());
    // written at once, not queued: welcome must be the first frame even when the client pipelines
    // hello with its next frames (a relay.ready or an error must not overtake it)
    connection.sendNow(new Welcome(FrameTypes.PROTOCOL_VERSION, connection.connectionId(),
        context.config().limits().idleTimeoutMs()));
    LOG.info("hello connection={} role={}", connection.connectionId(), hello.role().wireName());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      Connection connection = Connection.of(ctx.channel());
      context.limits().events().hit(Limit.IDLE_TIMEOUT, connection.connectionId(),
          "idleTimeoutMs=" + context.config().limits().idleTimeoutMs(), connection.remoteIp());
      connection.close(new ErrorFrame(ErrorCode.IDLE_TIMEOUT,
          "nothing received for " + context.config().limits().idleTimeoutMs() + " ms; send ping to stay connected"));
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  /**
   * Every exception of the connection ends here (this is the last stage): a reset or a failed TLS
   * handshake is logged at DEBUG, anything else with its stack trace for the operator while the
   * client only gets {@code error{internal}} ({@link LastHandler}).
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LastHandler.INSTANCE.exceptionCaught(ctx, cause);
  }
}
