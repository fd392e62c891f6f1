package io.webassist.dispatch.broker;

import static io.webassist.dispatch.testing.BrokerFixture.linkOf;
import static io.webassist.dispatch.testing.BrokerFixture.request;
import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.config.AgentConfig;
import io.webassist.dispatch.config.LoginPolicy;
import io.webassist.dispatch.testing.BrokerFixture;
import io.webassist.dispatch.testing.RecordingLink;
import io.webassist.protocol.frame.AgentStatus;
import io.webassist.protocol.frame.Availability;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.OfferWithdrawn;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * State changes racing each other on many threads: exactly one session per request, no request
 * lost, no agent over its session limit.
 */
class SupportBrokerRaceTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** An agent console that accepts every offer and ends every session, each on a pool thread. */
  private final class BusyAgent implements ClientLink {
    final Agent agent;
    final BrokerFixture f;
    final AtomicInteger overCapacity;
    final ConcurrentLinkedQueue<Frame> errors = new ConcurrentLinkedQueue<>();

    BusyAgent(BrokerFixture f, Agent agent, AtomicInteger overCapacity) {
      this.f = f;
      this.agent = agent;
      this.overCapacity = overCapacity;
    }

    @Override
    public String connectionId() {
      return "busy-" + agent.id();
    }

    @Override
    public void send(Frame frame) {
      if (agent.load() > agent.maxSessions()) {
        overCapacity.incrementAndGet();
      }
      if (frame instanceof SupportOffer offer) {
        pool.execute(() -> f.broker.accept(agent, this, offer.requestId()));
      } else if (frame instanceof SessionStart start) {
        pool.execute(() -> f.broker.endSession(this, start.sessionId(), "resolved"));
      } else if (frame instanceof ErrorFrame error) {
        errors.add(error);
      }
    }

    @Override
    public void close(ErrorFrame last) {}

    @Override
    public String localHost() {
      return "10.0.0.1";
    }
  }

  @Test
  void manyUsersAndAgentsAtOnceGetExactlyOneSessionPerRequest() throws Exception {
    List<AgentConfig> configs = IntStream.range(0, 12)
        .mapToObj(i -> i % 2 == 0 ? agent("a" + i, 1 + i % 3, "general") : agent("a" + i, 1 + i % 3, "vip", "general"))
        .toList();
    BrokerFixture f = new BrokerFixture(configs, List.of(), 1_000, LoginPolicy.TAKEOVER);
    AtomicInteger overCapacity = new AtomicInteger();
    List<BusyAgent> consoles = new ArrayList<>();
    List<UserClient> users = IntStream.range(0, 300).mapToObj(i -> f.user("u" + i, "198.51.100." + (i % 250))).toList();

    List<Future<?>> work = new ArrayList<>();
    for (int i = 0; i < users.size(); i++) {
      UserClient user = users.get(i);
      work.add(pool.submit(() -> f.broker.submit(user, request(user.toString(), null))));
      if (i % 25 == 0) { // agents log in while users are arriving
        BusyAgent console = new BusyAgent(f, f.agent("a" + (i / 25)), overCapacity);
        consoles.add(console);
        work.add(pool.submit(() -> {
          f.broker.login(console.agent, console);
          f.broker.status(console.agent, console, new AgentStatus(Availability.AVAILABLE));
        }));
      }
    }
    for (Future<?> w : work) {
      w.get(10, TimeUnit.SECONDS);
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> users.stream().allMatch(u -> u.requestIds().isEmpty()));
    for (UserClient user : users) {
      List<Frame> frames = linkOf(user).take();
      assertThat(frames).filteredOn(SupportAssigned.class::isInstance).hasSize(1);
      assertThat(frames).filteredOn(SessionEnd.class::isInstance).hasSize(1);
    }
    assertThat(f.metrics.counter("sessions_started")).isEqualTo(users.size());
    assertThat(f.sessions.liveCount()).isZero();
    assertThat(overCapacity).hasValue(0);
    assertThat(consoles).allSatisfy(c -> {
      assertThat(c.errors).isEmpty();
      assertThat(c.agent.load()).isZero();
    });
  }

  @Test
  void acceptRacingExpiryHasExactlyOneOutcome() throws Exception {
    for (int round = 0; round < 200; round++) {
      BrokerFixture f = new BrokerFixture(List.of(agent("ann", 1, "general"), agent("bob", 1, "general")), List.of());
      RecordingLink ann = f.loginAvailable("ann");
      RecordingLink bob = f.loginAvailable("bob");
      UserClient user = f.user("u", "198.51.100.1");
      f.broker.submit(user, request("u", null));
      String requestId = ann.take(SupportOffer.class).get(0).requestId();
      CyclicBarrier start = new CyclicBarrier(2);

      Future<?> accept = pool.submit(() -> {
        start.await();
        f.broker.accept(f.agent("ann"), ann, requestId);
        return null;
      });
      Future<?> expire = pool.submit(() -> {
        start.await();
        f.clock.advance(BrokerFixture.OFFER_TIMEOUT_MS);
        return null;
      });
      accept.get(5, TimeUnit.SECONDS);
      expire.get(5, TimeUnit.SECONDS);

      List<Frame> toAnn = ann.take();
      boolean accepted = toAnn.stream().anyMatch(SessionStart.class::isInstance);
      boolean expired = toAnn.contains(new OfferWithdrawn(requestId, "expired"));
      assertThat(accepted).as("round %d: accepted xor expired: %s", round, toAnn).isNotEqualTo(expired);
      assertThat(linkOf(user).take(SupportAssigned.class)).hasSize(accepted ? 1 : 0);
      assertThat(bob.take(SupportOffer.class)).hasSize(accepted ? 0 : 1);
      assertThat(f.agent("ann").load()).isEqualTo(accepted ? 1 : 0);
    }
  }

  @Test
  void duplicateAcceptsFromManyThreadsStartOneSession() throws Exception {
    BrokerFixture f = new BrokerFixture(List.of(agent("ann", 1, "general")), List.of());
    RecordingLink ann = f.loginAvailable("ann");
    f.broker.submit(f.user("u", "198.51.100.1"), request("u", null));
    String requestId = ann.take(SupportOffer.class).get(0).requestId();
    CyclicBarrier start = new CyclicBarrier(8);

    List<Future<?>> accepts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      accepts.add(pool.submit(() -> {
        start.await();
        f.broker.accept(f.agent("ann"), ann, requestId);
        return null;
      }));
    }
    for (Future<?> a : accepts) {
      a.get(5, TimeUnit.SECONDS);
    }

    List<Frame> frames = ann.take();
    assertThat(frames).filteredOn(SessionStart.class::isInstance).hasSize(1);
    assertThat(frames).filteredOn(ErrorFrame.class::isInstance).hasSize(7);
    assertThat(f.agent("ann").load()).isEqualTo(1);
  }

  @Test
  void agentDisconnectRacingAcceptNeverStrandsTheUser() throws Exception {
    for (int round = 0; round < 200; round++) {
      BrokerFixture f = new BrokerFixture(List.of(agent("ann", 1, "general"), agent("bob", 1, "general")), List.of());
      RecordingLink ann = f.loginAvailable("ann");
      UserClient user = f.user("u", "198.51.100.1");
      f.broker.submit(user, request("u", null));
      String requestId = ann.take(SupportOffer.class).get(0).requestId();
      CyclicBarrier start = new CyclicBarrier(2);

      Future<?> accept = pool.submit(() -> {
        start.await();
        f.broker.accept(f.agent("ann"), ann, requestId);
        return null;
      });
      Future<?> leave = pool.submit(() -> {
        start.await();
        f.broker.agentLeft(f.agent("ann"), ann);
        return null;
      });
      accept.get(5, TimeUnit.SECONDS);
      leave.get(5, TimeUnit.SECONDS);

      RecordingLink bob = f.loginAvailable("bob");
      assertThat(bob.take(SupportOffer.class)).as("round %d", round)
          .extracting(SupportOffer::requestId).containsExactly(requestId);
      assertThat(f.agent("ann").load()).isZero();
      assertThat(f.sessions.liveCount()).isZero();
    }
  }

  @Test
  void userLeavingRacingAcceptLeavesNoSessionAndAFreeAgent() throws Exception {
    for (int round = 0; round < 200; round++) {
      BrokerFixture f = new BrokerFixture(List.of(agent("ann", 1, "general")), List.of());
      RecordingLink ann = f.loginAvailable("ann");
      UserClient user = f.user("u", "198.51.100.1");
      f.broker.submit(user, request("u", null));
      String requestId = ann.take(SupportOffer.class).get(0).requestId();
      CyclicBarrier start = new CyclicBarrier(2);

      Future<?> accept = pool.submit(() -> {
        start.await();
        f.broker.accept(f.agent("ann"), ann, requestId);
        return null;
      });
      Future<?> leave = pool.submit(() -> {
        start.await();
        f.broker.userLeft(user);
        return null;
      });
      accept.get(5, TimeUnit.SECONDS);
      leave.get(5, TimeUnit.SECONDS);

      assertThat(f.agent("ann").load()).as("round %d", round).isZero();
      assertThat(f.sessions.liveCount()).isZero();
      assertThat(user.requestIds()).isEmpty();
    }
  }
}
