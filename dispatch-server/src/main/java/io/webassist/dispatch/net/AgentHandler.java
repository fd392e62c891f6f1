package io.webassist.dispatch.net;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.broker.SupportBroker;
import io.webassist.dispatch.limits.Limit;
import io.webassist.dispatch.limits.LimitGuards;
import io.webassist.dispatch.limits.LoginThrottle;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.protocol.frame.AgentLogin;
import io.webassist.protocol.frame.AgentStatus;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.OfferAccept;
import io.webassist.protocol.frame.OfferDecline;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionLinkReport;
import io.webassist.protocol.frame.SessionTransfer;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames from a connection that said {@code hello{role:"agent"}}. {@code agent.login} first passes
 * the failed-login throttle (an agent id from this address, this address, or an id under attack
 * from an address it never logged in from, with too many recent failures gets
 * {@code rate_limited} without a password check), then is checked on the
 * {@link AgentAuthenticator}'s threads, never on the event loop, and the result comes back to the
 * event loop; every other frame needs a completed login.
 */
@Sharable
final class AgentHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(AgentHandler.class);

  private final SupportBroker broker;
  private final AgentAuthenticator authenticator;
  private final Metrics metrics;
  private final LimitGuards limits;

  AgentHandler(SupportBroker broker, AgentAuthenticator authenticator, Metrics metrics, LimitGuards limits) {
    this.broker = broker;
    this.authenticator = authenticator;
    this.metrics = metrics;
    this.limits = limits;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Connection connection = Connection.of(ctx.channel());
    Agent agent = connection.agent();
    if (msg instanceof AgentLogin login) {
      login(ctx, connection, login);
    } else if (agent == null) {
      connection.send(new ErrorFrame(ErrorCode.WRONG_STATE,
          FrameNames.of(msg) + " needs a completed agent.login first"));
    } else if (msg instanceof AgentStatus status) {
      broker.status(agent, connection, status);
    } else if (msg instanceof OfferAccept accept) {
      broker.accept(agent, connection, accept.requestId());
    } else if (msg instanceof OfferDecline decline) {
      broker.decline(agent, connection, decline.requestId());
    } else if (msg instanceof SessionEnd end && end.sessionId() != null) {
      broker.endSession(connection, end.sessionId(), end.reason());
    } else if (msg instanceof SessionLinkReport report) {
      broker.reportLink(connection, report.sessionId(), report.path());
    } else if (msg instanceof SessionTransfer transfer) {
      broker.transfer(agent, connection, transfer);
    } else {
      connection.send(new ErrorFrame(ErrorCode.WRONG_STATE,
          "an agent connection does not take " + FrameNames.of(msg) + " from the client"));
    }
  }

  private void login(ChannelHandlerContext ctx, Connection connection, AgentLogin login) {
    if (connection.agent() != null || connection.loginPending()) {
      connection.send(new ErrorFrame(ErrorCode.WRONG_STATE, "this connection is already logged in or logging in"));
      return;
    }
    LoginThrottle.Block block = limits.logins().check(login.agentId(), connection.remoteIp());
    if (block != null) {
      // refused before the password check: a guesser costs no PBKDF2 work
      limits.events().hit(Limit.LOGIN_BLOCKED, connection.connectionId(),
          "by=" + block.kind().name().toLowerCase(Locale.ROOT) + " retryAfterMs=" + block.retryAfterMs(),
          connection.remoteIp());
      connection.send(new ErrorFrame(ErrorCode.RATE_LIMITED,
          "too many failed logins; try again in " + seconds(block.retryAfterMs()) + " s"));
      return;
    }
    connection.loginPending(true);
    try {
      authenticator.authenticate(login.agentId(), login.secret())
          .whenComplete((agent, failure) -> ctx.executor().execute(() -> finishLogin(connection, login, agent)));
    } catch (RejectedExecutionException e) {
      connection.loginPending(false);
      limits.events().hit(Limit.LOGINS_PENDING, connection.connectionId(),
          "maxPendingLogins=" + limits.config().maxPendingLogins(), connection.remoteIp());
      connection.send(new ErrorFrame(ErrorCode.RATE_LIMITED, "too many logins in progress; try again shortly"));
    }
  }

  /** Back on the event loop with the password check's answer (null if the check itself failed). */
  private void finishLogin(Connection connection, AgentLogin login, Optional<Agent> checked) {
    connection.loginPending(false);
    if (!connection.channel().isActive()) {
      return;
    }
    if (checked == null || checked.isEmpty()) {
      loginFailed(connection, login);
      return;
    }
    Agent agent = checked.get();
    limits.logins().succeeded(agent.id(), connection.remoteIp());
    if (broker.login(agent, connection) == SupportBroker.LoginResult.OK) {
      connection.agent(agent);
    } else {
      connection.send(new ErrorFrame(ErrorCode.ALREADY_LOGGED_IN,
          "agent " + agent.id() + " is logged in on another connection"));
    }
  }

  private void loginFailed(Connection connection, AgentLogin login) {
    metrics.count("agent_logins_failed");
    // an id nobody has is not logged: it may be a mistyped password, or a name, or a forged log line
    String loggedId = broker.agents().find(login.agentId()).isPresent() ? login.agentId() : "<unknown>";
    LOG.info("agent login failed agentId={} connection={}", loggedId, connection.connectionId());
    LoginThrottle.Lockouts lockouts = limits.logins().failed(login.agentId(), connection.remoteIp());
    if (lockouts.agent()) {
      limits.events().hit(Limit.LOGIN_LOCKOUT_AGENT, connection.connectionId(), "agentId=" + loggedId
          + " failures=" + limits.config().loginFailuresPerAgent() + " backoffMs=" + limits.config().loginBackoffMs(),
          connection.remoteIp());
    }
    if (lockouts.ip()) {
      limits.events().hit(Limit.LOGIN_LOCKOUT_IP, connection.connectionId(), "failures="
          + limits.config().loginFailuresPerIp() + " backoffMs=" + limits.config().loginBackoffMs(),
          connection.remoteIp());
    }
    connection.send(new ErrorFrame(ErrorCode.AUTH_FAILED, "unknown agent or wrong secret"));
  }

  private static long seconds(long ms) {
    return Math.max(1, (ms + 999) / 1000);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Connection connection = Connection.of(ctx.channel());
    if (connection.agent() != null) {
      broker.agentLeft(connection.agent(), connection);
    }
    ctx.fireChannelInactive();
  }
}
